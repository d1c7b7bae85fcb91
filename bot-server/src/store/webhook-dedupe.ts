import type { Keyspace } from "./keys";
import type { Redis } from "./redis";

/**
 * Remembers accepted webhook events for as long as Zalo may retry them. A claim is first short-lived and
 * only made long once the event is safely queued: if the process dies between the two, the claim lapses
 * before Zalo's first retry (30 s later) and the retry is processed instead of being taken for a duplicate.
 */
export interface WebhookDedupe {
  /** For each key, true the first time it is seen (one round trip for all). */
  claimMany(eventKeys: string[]): Promise<boolean[]>;
  /** The events are queued: remember them for the whole retry window. */
  confirmMany(eventKeys: string[]): Promise<void>;
  releaseMany(eventKeys: string[]): Promise<void>;
}

const PENDING_SECONDS = 20;

export function webhookDedupe(redis: Redis, keys: Keyspace, ttlSeconds: number): WebhookDedupe {
  return {
    async claimMany(eventKeys) {
      const pipe = redis.pipeline();
      for (const k of eventKeys) pipe.set(keys.webhookSeen(k), "1", "EX", PENDING_SECONDS, "NX");
      const results = (await pipe.exec()) ?? [];
      return results.map(([err, reply]) => {
        if (err) throw err;
        return reply === "OK";
      });
    },
    async confirmMany(eventKeys) {
      if (eventKeys.length === 0) return;
      const pipe = redis.pipeline();
      for (const k of eventKeys) pipe.expire(keys.webhookSeen(k), ttlSeconds);
      await pipe.exec();
    },
    async releaseMany(eventKeys) {
      if (eventKeys.length) await redis.del(...eventKeys.map((k) => keys.webhookSeen(k)));
    },
  };
}
