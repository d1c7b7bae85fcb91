import type { TestProject } from "vitest/node";
import type {} from "vitest";
import { startPrivateRedis, type PrivateRedis } from "../../tools/redis/private-redis";

declare module "vitest" {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

let redis: PrivateRedis | undefined;

/** One Redis for the whole run: REDIS_URL when given, else a private server on a free port. */
export async function setup(project: TestProject): Promise<void> {
  let url = process.env.REDIS_URL;
  if (!url) {
    redis = await startPrivateRedis();
    url = redis.url;
  }
  project.provide("redisUrl", url);
}

export async function teardown(): Promise<void> {
  await redis?.stop();
}
