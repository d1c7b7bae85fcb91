import { join } from "node:path";
import type { Config } from "../../bot-server/src/config";
import { startPrivateRedis } from "../redis/private-redis";
import { isProcessAlive, orphanedRedisPid, readRunningStack } from "./stack-file";

export interface StackRedis {
  url: string;
  /** True when this process started the server and must stop it. */
  owned: boolean;
  /** The private redis-server's process, when this process started it. */
  pid?: number;
  stop(): Promise<void>;
}

/**
 * The Redis a local stack uses: REDIS_URL when set; else the private server of a stack already running
 * on DATA_DIR; else a new private server with its data in DATA_DIR/redis, restarted when it dies if
 * `supervise` is given (the long-running stack; a backup's short use needs no supervision).
 */
export async function openStackRedis(
  config: Config,
  log: (msg: string) => void,
  supervise?: { onRestart: (pid: number) => void },
): Promise<StackRedis> {
  if (config.redisUrl) return { url: config.redisUrl, owned: false, stop: async () => {} };
  const running = readRunningStack(config.dataDir);
  if (running) return { url: running.redisUrl, owned: false, stop: async () => {} };
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
    url: redis.url,
    owned: true,
    get pid() {
      return redis.pid;
    },
    stop: () => redis.stop(),
  };
}
