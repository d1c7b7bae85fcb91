import { ConfigError, parseConfig, type Config } from "../../bot-server/src/config";
import { openStackRedis, type StackRedis } from "../stack/stack-redis";

/** Shared by the backup and restore commands: configuration, the stack's Redis, clear errors, exit codes. */
export async function runWithStackRedis(
  name: string,
  work: (config: Config, redis: StackRedis & { url: string }) => Promise<string>,
): Promise<void> {
  let redis: StackRedis | undefined;
  try {
    const config = parseConfig();
    redis = await openStackRedis(config, (m) => process.stderr.write(`${m}\n`));
    const { url } = redis;
    // The copy is one server's RDB, taken with redis-cli: a Sentinel group or a Cluster is backed up from its
    // master (REDIS_URL pointing at it) or by the service that runs it.
    if (!url)
      throw new ConfigError(
        `Invalid configuration:\n  REDIS_SENTINELS/REDIS_CLUSTER_NODES: ${name} works on one Redis server; set REDIS_URL to the master that holds {${config.keyPrefix}} instead`,
      );
    process.stdout.write(`${await work(config, { ...redis, url })}\n`);
    await redis.stop();
  } catch (err) {
    await redis?.stop().catch(() => {});
    process.stderr.write(
      `${name}: ${err instanceof ConfigError ? err.message : err instanceof Error ? err.message : String(err)}\n`,
    );
    process.exit(err instanceof ConfigError ? 2 : 1);
  }
}
