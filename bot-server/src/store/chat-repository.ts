import { z } from "zod";
import type { Keyspace } from "./keys";
import type { Redis } from "./redis";
import type { ChatRepository, QuestionHandling, UnansweredQuestion } from "../domain/inbound/ports";

const replyInFlightSchema = z.object({ textHash: z.string(), atMs: z.number() });
const questionSchema = z.object({ id: z.string().optional(), userId: z.string(), text: z.string(), at: z.string() });
const handlingSchema = z.object({ by: z.string(), at: z.string(), reply: z.string().optional() });

/** Questions kept before they had ids are keyed as their reply would have been: by user and time. */
function parseQuestion(raw: string): UnansweredQuestion | undefined {
  const parsed = questionSchema.safeParse(JSON.parse(raw));
  if (!parsed.success) return undefined;
  const q = parsed.data;
  return { ...q, id: q.id ?? `text:${q.userId}:${Date.parse(q.at)}` };
}
const MAX_KEPT = 10_000;
const ANSWERED_TTL_SECONDS = 3 * 24 * 3600;

export function createChatRepository(redis: Redis, keys: Keyspace): ChatRepository {
  return {
    async keepUnanswered(q) {
      await redis
        .multi()
        .lpush(keys.unanswered, JSON.stringify(q))
        .ltrim(keys.unanswered, 0, MAX_KEPT - 1)
        .exec();
    },
    async unanswered(limit, offset = 0) {
      return (await redis.lrange(keys.unanswered, offset, offset + limit - 1)).flatMap((s) => parseQuestion(s) ?? []);
    },
    async handling(ids) {
      const found = new Map<string, QuestionHandling>();
      if (ids.length === 0) return found;
      const raw = await redis.hmget(keys.questionsHandled, ...ids);
      raw.forEach((r, i) => {
        const parsed = r ? handlingSchema.safeParse(JSON.parse(r)) : undefined;
        if (parsed?.success) found.set(ids[i] as string, parsed.data);
      });
      return found;
    },
    async markHandled(id, handling) {
      return (await redis.hsetnx(keys.questionsHandled, id, JSON.stringify(handling))) === 1;
    },
    async unmarkHandled(id) {
      await redis.hdel(keys.questionsHandled, id);
    },
    async wasAnswered(replyKey) {
      return (await redis.exists(keys.answered(replyKey))) === 1;
    },
    async markAnswered(replyKey) {
      await redis
        .multi()
        .set(keys.answered(replyKey), "1", "EX", ANSWERED_TTL_SECONDS)
        .del(keys.replyInFlight(replyKey))
        .exec();
    },
    async markInFlight(replyKey, reply) {
      await redis.set(keys.replyInFlight(replyKey), JSON.stringify(reply), "EX", ANSWERED_TTL_SECONDS);
    },
    async inFlight(replyKey) {
      const raw = await redis.get(keys.replyInFlight(replyKey));
      if (!raw) return undefined;
      const parsed = replyInFlightSchema.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : undefined;
    },
  };
}
