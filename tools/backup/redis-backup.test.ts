import { mkdtempSync, rmSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Redis } from "ioredis";
import { backupRedis, countKeys, restoreRedis } from "./redis-backup";
import { startPrivateRedis, type PrivateRedis } from "../redis/private-redis";
import { connectTestRedis, dropPrefix, uniquePrefix } from "../../test/harness/redis";

describe("backup and restore", () => {
  const prefix = uniquePrefix("backup");
  const dir = mkdtempSync(join(tmpdir(), "cds-backup-test-"));
  let source: Redis;
  let empty: PrivateRedis;
  let target: Redis;

  beforeAll(async () => {
    source = connectTestRedis();
    empty = await startPrivateRedis();
    target = new Redis(empty.url);
    await source
      .multi()
      .hset(`{${prefix}}:report:abc`, { name: "tuần 5", text: "Tỷ lệ 93%" })
      .zadd(`{${prefix}}:reports`, 1, "abc")
      .setbit(`{${prefix}}:ledger:1`, 1_000_000, 1)
      .set(`{${prefix}}:expiring`, "x", "PX", 600_000)
      .rpush(`{${prefix}}:list`, "a", "b", "c")
      .set("{someone-else}:key", "not ours")
      .exec();
  });
  afterAll(async () => {
    await dropPrefix(source, prefix);
    await source.del("{someone-else}:key");
    source.disconnect();
    target.disconnect();
    await empty.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("round-trips every key of the prefix with its value and TTL, and nothing else", async () => {
    const file = join(dir, "b.rdb");
    const manifest = await backupRedis({ redisUrl: connectTestRedisUrl(source), keyPrefix: prefix, outFile: file });
    expect(manifest.keys).toBe(5);

    // Writes after the snapshot are not in it.
    await source.set(`{${prefix}}:later`, "after");

    const { keys } = await restoreRedis({ redisUrl: empty.url, keyPrefix: prefix, file, replace: false });
    expect(keys).toBe(5);
    expect(await countKeys(target, prefix)).toBe(5);
    expect(await target.hgetall(`{${prefix}}:report:abc`)).toEqual({ name: "tuần 5", text: "Tỷ lệ 93%" });
    expect(await target.zrange(`{${prefix}}:reports`, 0, -1, "WITHSCORES")).toEqual(["abc", "1"]);
    expect(await target.getbit(`{${prefix}}:ledger:1`, 1_000_000)).toBe(1);
    expect(await target.lrange(`{${prefix}}:list`, 0, -1)).toEqual(["a", "b", "c"]);
    const ttl = await target.pttl(`{${prefix}}:expiring`);
    expect(ttl).toBeGreaterThan(500_000);
    expect(ttl).toBeLessThanOrEqual(600_000);
    expect(await target.exists(`{${prefix}}:later`, "{someone-else}:key")).toBe(0);
  });

  it("refuses to restore over existing data unless told to replace it", async () => {
    const file = join(dir, "b.rdb");
    await expect(restoreRedis({ redisUrl: empty.url, keyPrefix: prefix, file, replace: false })).rejects.toThrow(/already holds 5 keys/);
    await target.set(`{${prefix}}:stray`, "1");
    await restoreRedis({ redisUrl: empty.url, keyPrefix: prefix, file, replace: true });
    expect(await target.exists(`{${prefix}}:stray`)).toBe(0);
    expect(await countKeys(target, prefix)).toBe(5);
  });

  it("rejects a damaged backup, a foreign prefix and a file without manifest", async () => {
    const file = join(dir, "b.rdb");
    await expect(restoreRedis({ redisUrl: empty.url, keyPrefix: "other", file, replace: true })).rejects.toThrow(/KEY_PREFIX/);
    const damaged = join(dir, "damaged.rdb");
    writeFileSync(damaged, Buffer.concat([readFileSync(file), Buffer.from("x")]));
    writeFileSync(`${damaged}.json`, readFileSync(`${file}.json`));
    await expect(restoreRedis({ redisUrl: empty.url, keyPrefix: prefix, file: damaged, replace: true })).rejects.toThrow(/damaged/);
    const bare = join(dir, "bare.rdb");
    writeFileSync(bare, "not a backup");
    await expect(restoreRedis({ redisUrl: empty.url, keyPrefix: prefix, file: bare, replace: true })).rejects.toThrow(/manifest|not JSON/);
    expect(await countKeys(target, prefix)).toBe(5);
  });
});

function connectTestRedisUrl(r: Redis): string {
  return `redis://${r.options.host}:${r.options.port}`;
}
