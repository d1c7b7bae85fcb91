import { RedisStore, type RedisReply } from "rate-limit-redis";
import type { Store } from "express-rate-limit";
import type { Keyspace } from "./keys";
import type { Redis } from "./redis";

/**
 * Request counts for a rate limit, kept in Redis: every API process counts against the same budget (a
 * limit per process would multiply with the number of processes).
 */
export function createRateLimitStore(redis: Redis, keys: Keyspace, name: string): Store {
  return new RedisStore({
    prefix: keys.rateLimit(name),
    sendCommand: (command: string, ...args: string[]) => redis.call(command, ...args) as Promise<RedisReply>,
  });
}
