import { mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { backupRedis } from "./redis-backup";
import { runWithStackRedis } from "./cli";

/** `npm run backup [-- <file.rdb>]`: a consistent copy of all application data, default DATA_DIR/backups/. */
await runWithStackRedis("backup", async (config, redis) => {
  const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\..*/, "");
  const outFile = resolve(process.argv[2] ?? join(config.dataDir, "backups", `backup-${stamp}.rdb`));
  mkdirSync(dirname(outFile), { recursive: true });
  const m = await backupRedis({ redisUrl: redis.url, keyPrefix: config.keyPrefix, outFile });
  return `backup written: ${m.rdbFile} (${m.keys} keys under {${m.keyPrefix}}, ${m.persistentKeys} of them without TTL, ${m.rdbBytes} bytes); manifest ${m.rdbFile}.json`;
});
