import { ConfigError, parseConfig } from "../bot-server/src/config";
import { createProducers } from "../bot-server/src/queues/producers";
import { keyspace } from "../bot-server/src/store/keys";
import { openStackRedis } from "./stack/stack-redis";

/**
 * `npm run followers:backfill [-- --days N]`: asks the workers to walk Zalo's follower list for the last
 * N days of interactions (default 30) and fill the registry's gaps. Needs a running stack or REDIS_URL.
 */
const i = process.argv.indexOf("--days");
const days = i >= 0 ? Number(process.argv[i + 1]) : 30;
if (!Number.isInteger(days) || days < 1 || days > 366) {
  process.stderr.write("usage: npm run followers:backfill -- [--days 1..366]\n");
  process.exit(2);
}
try {
  const config = parseConfig();
  const redis = await openStackRedis(config, (m) => process.stderr.write(`${m}\n`));
  const producers = createProducers({ redis: redis.target, bullPrefix: keyspace(config.keyPrefix).bullPrefix });
  const job = await producers.add("followersBackfill", { days });
  await producers.close();
  await redis.stop();
  process.stdout.write(`backfill of ${days} days queued (job ${job.id}); the workers log each day's slice\n`);
} catch (err) {
  process.stderr.write(`followers:backfill: ${err instanceof ConfigError ? err.message : String(err)}\n`);
  process.exit(err instanceof ConfigError ? 2 : 1);
}
