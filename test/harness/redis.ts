import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { parseConfig, type RedisTarget } from "../../bot-server/src/config";
import { createRedis, type Redis } from "../../bot-server/src/store/redis";

/** The environment that points a configuration at the run's Redis (see global-setup.ts). */
export function redisEnv(): Record<string, string> {
  return inject("redisEnv");
}

export function redisTarget(): RedisTarget {
  return parseConfig(redisEnv()).redis!;
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
  return createRedis(redisTarget(), "test");
}

export { dropPrefix } from "../../tools/redis/drop-prefix";
