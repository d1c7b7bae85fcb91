import { ConfigError, parseConfig, type Config } from "../../bot-server/src/config";
import { openStackRedis, type StackRedis } from "../stack/stack-redis";

/** Shared by the backup and restore commands: configuration, the stack's Redis, clear errors, exit codes. */
export async function runWithStackRedis(
  name: string,
  work: (config: Config, redis: StackRedis) => Promise<string>,
): Promise<void> {
  let redis: StackRedis | undefined;
  try {
    const config = parseConfig();
    redis = await openStackRedis(config, (m) => process.stderr.write(`${m}\n`));
    process.stdout.write(`${await work(config, redis)}\n`);
    await redis.stop();
  } catch (err) {
    await redis?.stop().catch(() => {});
    process.stderr.write(
      `${name}: ${err instanceof ConfigError ? err.message : err instanceof Error ? err.message : String(err)}\n`,
    );
    process.exit(err instanceof ConfigError ? 2 : 1);
  }
}
