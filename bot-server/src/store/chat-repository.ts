import type { Keyspace } from "./keys";
import type { Redis } from "./redis";

export interface UnansweredQuestion {
  userId: string;
  text: string;
  at: string;
}

/** Questions the bot could not answer, kept for editors (newest first, bounded), and reply idempotence. */
export interface ChatRepository {
  keepUnanswered(q: UnansweredQuestion): Promise<void>;
  unanswered(limit: number): Promise<UnansweredQuestion[]>;
  wasAnswered(msgId: string): Promise<boolean>;
  markAnswered(msgId: string): Promise<void>;
}

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
    async wasAnswered(msgId) {
      return (await redis.exists(keys.answered(msgId))) === 1;
    },
    async markAnswered(msgId) {
      await redis.set(keys.answered(msgId), "1", "EX", ANSWERED_TTL_SECONDS);
    },
  };
}
