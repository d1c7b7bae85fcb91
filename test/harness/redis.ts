import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { Redis } from "ioredis";

/** The run's Redis (see global-setup.ts). */
export function redisUrl(): string {
  return inject("redisUrl");
}

/**
 * A key prefix no other test uses, so test files can run in parallel against one Redis.
 * Lower-case and short to satisfy KEY_PREFIX's rule.
 */
export function uniquePrefix(label: string): string {
  return `t-${label
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "")
    .slice(0, 12)}-${randomBytes(4).toString("hex")}`;
}

export function connectTestRedis(): Redis {
  return new Redis(redisUrl(), { maxRetriesPerRequest: 3 });
}

export { dropPrefix } from "../../tools/redis/drop-prefix";
