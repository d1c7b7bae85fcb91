import type { Keyspace } from "./keys";
import type { Redis } from "./redis";

/** Remembers accepted webhook events for as long as Zalo may retry them. */
export interface WebhookDedupe {
  /** For each key, true the first time it is seen within the TTL (one round trip for all). */
  claimMany(eventKeys: string[]): Promise<boolean[]>;
  releaseMany(eventKeys: string[]): Promise<void>;
}

export function webhookDedupe(redis: Redis, keys: Keyspace, ttlSeconds: number): WebhookDedupe {
  return {
    async claimMany(eventKeys) {
      const pipe = redis.pipeline();
      for (const k of eventKeys) pipe.set(keys.webhookSeen(k), "1", "EX", ttlSeconds, "NX");
      const results = (await pipe.exec()) ?? [];
      return results.map(([err, reply]) => {
        if (err) throw err;
        return reply === "OK";
      });
    },
    async releaseMany(eventKeys) {
      if (eventKeys.length) await redis.del(...eventKeys.map((k) => keys.webhookSeen(k)));
    },
  };
}
