import { z } from "zod";
import type { Keyspace } from "./keys";
import type { Redis } from "./redis";

export interface UnansweredQuestion {
  userId: string;
  text: string;
  at: string;
}

/** A reply whose send began: its text's hash and when, kept until the reply is recorded as answered. */
export interface ReplyInFlight {
  textHash: string;
  atMs: number;
}

/**
 * Questions the bot could not answer, kept for editors (newest first, bounded), and reply idempotence:
 * a reply key (a message id, or a follow) is answered once; a reply whose send began but was not recorded
 * is "in flight" until it is settled.
 */
export interface ChatRepository {
  keepUnanswered(q: UnansweredQuestion): Promise<void>;
  unanswered(limit: number): Promise<UnansweredQuestion[]>;
  wasAnswered(replyKey: string): Promise<boolean>;
  /** Records the reply as answered and clears its in-flight mark, in one step. */
  markAnswered(replyKey: string): Promise<void>;
  markInFlight(replyKey: string, reply: ReplyInFlight): Promise<void>;
  inFlight(replyKey: string): Promise<ReplyInFlight | undefined>;
}

const replyInFlightSchema = z.object({ textHash: z.string(), atMs: z.number() });
const MAX_KEPT = 10_000;
const ANSWERED_TTL_SECONDS = 3 * 24 * 3600;

export function chatRepository(redis: Redis, keys: Keyspace): ChatRepository {
  return {
    async keepUnanswered(q) {
      await redis.multi().lpush(keys.unanswered, JSON.stringify(q)).ltrim(keys.unanswered, 0, MAX_KEPT - 1).exec();
    },
    async unanswered(limit) {
      return (await redis.lrange(keys.unanswered, 0, limit - 1)).map((s) => JSON.parse(s) as UnansweredQuestion);
    },
    async wasAnswered(replyKey) {
      return (await redis.exists(keys.answered(replyKey))) === 1;
    },
    async markAnswered(replyKey) {
      await redis.multi().set(keys.answered(replyKey), "1", "EX", ANSWERED_TTL_SECONDS).del(keys.replyInFlight(replyKey)).exec();
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
