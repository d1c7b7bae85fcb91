import { join } from "node:path";
import type { Config } from "../../bot-server/src/config";
import { startPrivateRedis } from "../redis/private-redis";
import { readRunningStack } from "./stack-file";

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
 * on DATA_DIR; else a new private server with its data in DATA_DIR/redis.
 */
export async function openStackRedis(config: Config, log: (msg: string) => void): Promise<StackRedis> {
  if (config.redisUrl) return { url: config.redisUrl, owned: false, stop: async () => {} };
  const running = readRunningStack(config.dataDir);
  if (running) return { url: running.redisUrl, owned: false, stop: async () => {} };
  const redis = await startPrivateRedis({ dataDir: join(config.dataDir, "redis"), port: config.privateRedisPort, log });
  return { url: redis.url, owned: true, pid: redis.pid, stop: () => redis.stop() };
}
