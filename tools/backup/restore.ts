import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { restoreRedis } from "./redis-backup";
import { runWithStackRedis } from "./cli";

/** `npm run restore -- <file.rdb> [--replace]`: loads a backup into this stack's Redis (empty unless --replace). */
const args = process.argv.slice(2);
const replace = args.includes("--replace");
const file = args.find((a) => !a.startsWith("--"));
const unknown = args.filter((a) => a.startsWith("--") && a !== "--replace");
if (!file || unknown.length) {
  process.stderr.write(
    `usage: npm run restore -- <backup.rdb> [--replace]${unknown.length ? ` (unknown option ${unknown.join(" ")})` : ""}\n`,
  );
  process.exit(2);
}
if (!existsSync(file)) {
  process.stderr.write(`restore: ${file}: no such file\n`);
  process.exit(2);
}
await runWithStackRedis("restore", async (config, redis) => {
  const { keys, expired } = await restoreRedis({
    redisUrl: redis.url,
    keyPrefix: config.keyPrefix,
    file: resolve(file),
    replace,
  });
  return `${keys} keys restored under {${config.keyPrefix}} from ${resolve(file)}, ${expired} short-lived keys had expired since the backup`;
});
