import type { Keyspace } from "./keys";
import type { Redis } from "./redis";

/** A month and a few days: long enough for a monthly bill to be checked against it. */
const KEEP_SECONDS = 40 * 24 * 3600;

/**
 * CS messages by local day and Zalo's `quota_type`, across every process that sends: since 2026 a message
 * later than 48 h after the user's last interaction uses the package allowance or is billed, and an operator
 * needs to see how many did.
 */
export interface CsUsageStore {
  record(day: string, quotaType: string): Promise<void>;
  /** quota_type → messages sent on that day. */
  day(day: string): Promise<Record<string, number>>;
}

export function createCsUsageStore(redis: Redis, keys: Keyspace): CsUsageStore {
  return {
    async record(day, quotaType) {
      const key = keys.csUsage(day);
      await redis.multi().hincrby(key, quotaType, 1).expire(key, KEEP_SECONDS).exec();
    },
    async day(day) {
      const all = await redis.hgetall(keys.csUsage(day));
      return Object.fromEntries(Object.entries(all).map(([k, v]) => [k, Number(v)]));
    },
  };
}
