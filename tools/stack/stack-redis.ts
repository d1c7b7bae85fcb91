import { join } from "node:path";
import type { Config, RedisTarget } from "../../bot-server/src/config";
import { singleRedis } from "../../bot-server/src/store/redis";
import { startPrivateRedis } from "../redis/private-redis";
import { isProcessAlive, orphanedRedisPid, readRunningStack } from "./stack-file";

export interface StackRedis {
  /** Where the stack's Redis is, for createRedis. */
  target: RedisTarget;
  /** Its URL when it is one server (the private one, or REDIS_URL); absent for Sentinel and Cluster. */
  url?: string;
  /** What to add to the environment so that a configuration parsed from it points at this Redis. */
  env: Record<string, string>;
  /** True when this process started the server and must stop it. */
  owned: boolean;
  /** The private redis-server's process, when this process started it. */
  pid?: number;
  stop(): Promise<void>;
}

const oneServer = (url: string, owned: boolean) => ({
  target: singleRedis(url),
  url,
  env: { REDIS_URL: url },
  owned,
  stop: async () => {},
});

/**
 * The Redis a local stack uses: REDIS_URL, REDIS_SENTINELS or REDIS_CLUSTER_NODES when set; else the private server of a stack already running
 * on DATA_DIR; else a new private server with its data in DATA_DIR/redis, restarted when it dies if
 * `supervise` is given (the long-running stack; a backup's short use needs no supervision).
 */
export async function openStackRedis(
  config: Config,
  log: (msg: string) => void,
  supervise?: { onRestart: (pid: number) => void },
): Promise<StackRedis> {
  if (config.redis?.kind === "url") return oneServer(config.redis.url, false);
  if (config.redis) return { target: config.redis, env: {}, owned: false, stop: async () => {} };
  const running = readRunningStack(config.dataDir);
  if (running?.redisUrl) return oneServer(running.redisUrl, false);
  const orphan = orphanedRedisPid(config.dataDir);
  if (orphan) {
    log(`stopping redis-server ${orphan} left running by a stack that did not stop cleanly`);
    // SIGTERM: Redis flushes its AOF, then exits; nothing written is lost.
    process.kill(orphan, "SIGTERM");
    const deadline = Date.now() + 10_000;
    while (isProcessAlive(orphan) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    if (isProcessAlive(orphan))
      throw new Error(
        `redis-server ${orphan} (from an earlier stack on ${config.dataDir}) does not stop; stop it by hand`,
      );
  }
  const redis = await startPrivateRedis({
    dataDir: join(config.dataDir, "redis"),
    port: config.privateRedisPort,
    log,
    ...(supervise && { supervise }),
  });
  return {
    ...oneServer(redis.url, true),
    get pid() {
      return redis.pid;
    },
    stop: () => redis.stop(),
  };
}
