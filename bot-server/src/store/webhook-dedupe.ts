import type { Keyspace } from "./keys";
import type { Redis } from "./redis";

/** Remembers accepted webhook events for as long as Zalo may retry them. */
export interface WebhookDedupe {
  /** True the first time a key is seen within the TTL. */
  claim(eventKey: string): Promise<boolean>;
  release(eventKey: string): Promise<void>;
}

export function webhookDedupe(redis: Redis, keys: Keyspace, ttlSeconds: number): WebhookDedupe {
  return {
    async claim(eventKey) {
      return (await redis.set(keys.webhookSeen(eventKey), "1", "EX", ttlSeconds, "NX")) === "OK";
    },
    async release(eventKey) {
      await redis.del(keys.webhookSeen(eventKey));
    },
  };
}
