import type { TestProject } from "vitest/node";
import type {} from "vitest";
import { startPrivateRedis, type PrivateRedis } from "../../tools/redis/private-redis";
import { startTopology, TOPOLOGIES, type RedisTopology, type TopologyKind } from "../../tools/redis/topology";

declare module "vitest" {
  export interface ProvidedContext {
    /** The environment that points a configuration at the run's Redis. */
    redisEnv: Record<string, string>;
  }
}

let redis: PrivateRedis | undefined;
let topology: RedisTopology | undefined;

/**
 * One Redis for the whole run: REDIS_URL when given; with TEST_REDIS=cluster or sentinel a local Cluster
 * or Sentinel group (tools/redis/topology.ts); else a private server on a free port.
 */
export async function setup(project: TestProject): Promise<void> {
  const kind = (process.env.TEST_REDIS ?? "single") as TopologyKind;
  if (!TOPOLOGIES.includes(kind)) throw new Error(`TEST_REDIS must be one of ${TOPOLOGIES.join(", ")}`);
  if (kind !== "single") {
    topology = await startTopology(kind);
    project.provide("redisEnv", topology.env);
    return;
  }
  let url = process.env.REDIS_URL;
  if (!url) {
    redis = await startPrivateRedis();
    url = redis.url;
  }
  project.provide("redisEnv", { REDIS_URL: url });
}

export async function teardown(): Promise<void> {
  await redis?.stop();
  await topology?.stop();
}
