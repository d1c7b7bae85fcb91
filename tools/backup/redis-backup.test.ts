import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Redis } from "ioredis";
import { backupRedis, countKeys, restoreRedis, type BackupManifest } from "./redis-backup";
import { startPrivateRedis, type PrivateRedis } from "../redis/private-redis";
import { dropPrefix, uniquePrefix } from "../../test/harness/redis";

// Recorded so the password test can see how redis-cli was started.
vi.mock("node:child_process", async (importOriginal) => {
  const original = await importOriginal<typeof import("node:child_process")>();
  return { ...original, spawnSync: vi.fn(original.spawnSync) };
});

describe("backup and restore", () => {
  const prefix = uniquePrefix("backup");
  const dir = mkdtempSync(join(tmpdir(), "cds-backup-test-"));
  let sourceServer: PrivateRedis;
  let source: Redis;
  let empty: PrivateRedis;
  let target: Redis;

  beforeAll(async () => {
    // A server of its own: a backup is one server's RDB, whatever topology the run's Redis has.
    sourceServer = await startPrivateRedis();
    source = new Redis(sourceServer.url);
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
    await sourceServer.stop();
    target.disconnect();
    await empty.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("round-trips every key of the prefix with its value and TTL, and nothing else", async () => {
    const file = join(dir, "b.rdb");
    const manifest = await backupRedis({ redisUrl: connectTestRedisUrl(source), keyPrefix: prefix, outFile: file });
    expect(manifest.keys).toBe(5);
    expect(manifest.persistentKeys).toBe(4);

    // Writes after the snapshot are not in it.
    await source.set(`{${prefix}}:later`, "after");

    expect(await restoreRedis({ redisUrl: empty.url, keyPrefix: prefix, file, replace: false })).toEqual({
      keys: 5,
      expired: 0,
    });
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
    await expect(restoreRedis({ redisUrl: empty.url, keyPrefix: prefix, file, replace: false })).rejects.toThrow(
      /already holds 5 keys/,
    );
    await target.set(`{${prefix}}:stray`, "1");
    await restoreRedis({ redisUrl: empty.url, keyPrefix: prefix, file, replace: true });
    expect(await target.exists(`{${prefix}}:stray`)).toBe(0);
    expect(await countKeys(target, prefix)).toBe(5);
  });

  it("rejects a damaged backup, a foreign prefix and a file without manifest", async () => {
    const file = join(dir, "b.rdb");
    await expect(restoreRedis({ redisUrl: empty.url, keyPrefix: "other", file, replace: true })).rejects.toThrow(
      /KEY_PREFIX/,
    );
    const damaged = join(dir, "damaged.rdb");
    writeFileSync(damaged, Buffer.concat([readFileSync(file), Buffer.from("x")]));
    writeFileSync(`${damaged}.json`, readFileSync(`${file}.json`));
    await expect(
      restoreRedis({ redisUrl: empty.url, keyPrefix: prefix, file: damaged, replace: true }),
    ).rejects.toThrow(/damaged/);
    const bare = join(dir, "bare.rdb");
    writeFileSync(bare, "not a backup");
    await expect(restoreRedis({ redisUrl: empty.url, keyPrefix: prefix, file: bare, replace: true })).rejects.toThrow(
      /manifest|not JSON/,
    );
    expect(await countKeys(target, prefix)).toBe(5);
  });
});

describe("restoring later, and failing safely", () => {
  const prefix = uniquePrefix("backuplate");
  const dir = mkdtempSync(join(tmpdir(), "cds-backup-test-"));
  const file = join(dir, "b.rdb");
  let sourceServer: PrivateRedis;
  let source: Redis;
  let targetServer: PrivateRedis;
  let target: Redis;
  const targetState = async () => [
    await countKeys(target, prefix),
    await target.get(`{${prefix}}:a`),
    await target.get(`{${prefix}}:stray`),
  ];

  beforeAll(async () => {
    // A server of its own: a backup is one server's RDB, whatever topology the run's Redis has.
    sourceServer = await startPrivateRedis();
    source = new Redis(sourceServer.url);
    targetServer = await startPrivateRedis();
    target = new Redis(targetServer.url);
    await source
      .multi()
      .set(`{${prefix}}:a`, "1")
      .set(`{${prefix}}:b`, "2")
      .set(`{${prefix}}:long`, "3", "PX", 600_000)
      .exec();
  });
  afterAll(async () => {
    await dropPrefix(source, prefix);
    source.disconnect();
    await sourceServer.stop();
    target.disconnect();
    await targetServer.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("restores a backup whose short-lived keys have expired since, and reports them", async () => {
    // Like BullMQ's stalled-check and the send budget: a live stack always has keys with a short TTL. Long
    // enough to outlast the backup on a loaded machine (CI builds the production copy meanwhile).
    await source.set(`{${prefix}}:short`, "4", "PX", 8000);
    const manifest = await backupRedis({ redisUrl: connectTestRedisUrl(source), keyPrefix: prefix, outFile: file });
    expect([manifest.keys, manifest.persistentKeys]).toEqual([4, 2]);
    // The RDB holds absolute expiry times: once the key is gone here, it is gone from the snapshot too.
    while ((await source.pttl(`{${prefix}}:short`)) !== -2) await new Promise((r) => setTimeout(r, 100));

    expect(await restoreRedis({ redisUrl: targetServer.url, keyPrefix: prefix, file, replace: false })).toEqual({
      keys: 3,
      expired: 1,
    });
    expect(await target.mget(`{${prefix}}:a`, `{${prefix}}:b`, `{${prefix}}:long`, `{${prefix}}:short`)).toEqual([
      "1",
      "2",
      "3",
      null,
    ]);
    expect(await target.pttl(`{${prefix}}:long`)).toBeGreaterThan(500_000);
  });

  it("with --replace, leaves the target untouched when the snapshot does not load", async () => {
    await target.set(`{${prefix}}:stray`, "kept");
    const before = await targetState();
    expect(before).toEqual([4, "1", "kept"]);
    // What a backup from a newer Redis looks like to this one: a higher RDB version, intact SHA-256.
    const newer = join(dir, "newer.rdb");
    const rdb = readFileSync(file);
    rdb.write("0099", 5, "latin1");
    writeFileSync(newer, rdb);
    writeFileSync(
      `${newer}.json`,
      JSON.stringify({ ...readManifestFile(file), rdbSha256: createHash("sha256").update(rdb).digest("hex") }),
    );
    await expect(
      restoreRedis({ redisUrl: targetServer.url, keyPrefix: prefix, file: newer, replace: true }),
    ).rejects.toThrow(/cannot be loaded.*RDB format version 99/);
    expect(await targetState()).toEqual(before);
  });

  it("with --replace, leaves the target untouched when a key without TTL is missing from the snapshot", async () => {
    const before = await targetState();
    const lossy = join(dir, "lossy.rdb");
    writeFileSync(lossy, readFileSync(file));
    // A manifest listing one key without TTL more than the snapshot holds: a real loss.
    const manifest = readManifestFile(file);
    writeFileSync(
      `${lossy}.json`,
      JSON.stringify({ ...manifest, keys: manifest.keys + 1, persistentKeys: manifest.persistentKeys + 1 }),
    );
    await expect(
      restoreRedis({ redisUrl: targetServer.url, keyPrefix: prefix, file: lossy, replace: true }),
    ).rejects.toThrow(/holds 2 keys without TTL but its manifest lists 3/);
    expect(await targetState()).toEqual(before);
  });

  it("passes the Redis password in REDISCLI_AUTH, not on redis-cli's command line", async () => {
    const secured = await startPrivateRedis();
    const admin = new Redis(secured.url);
    try {
      await admin.set(`{${prefix}}:a`, "secret data");
      await admin.config("SET", "requirepass", "s3cret pw");
      const url = `redis://:${encodeURIComponent("s3cret pw")}@127.0.0.1:${secured.port}`;
      const out = join(dir, "secured.rdb");
      vi.mocked(spawnSync).mockClear();
      expect((await backupRedis({ redisUrl: url, keyPrefix: prefix, outFile: out })).keys).toBe(1);
      const cli = vi.mocked(spawnSync).mock.calls.find(([cmd]) => cmd === "redis-cli");
      expect(cli?.[1]?.join(" ")).not.toContain("s3cret");
      expect((cli?.[2] as { env?: NodeJS.ProcessEnv } | undefined)?.env?.REDISCLI_AUTH).toBe("s3cret pw");
      await expect(
        backupRedis({ redisUrl: url.replace("s3cret", "wrong"), keyPrefix: prefix, outFile: out }),
      ).rejects.toThrow(/WRONGPASS/);
    } finally {
      admin.disconnect();
      await secured.stop();
    }
  });
});

function readManifestFile(rdbFile: string): BackupManifest {
  return JSON.parse(readFileSync(`${rdbFile}.json`, "utf8")) as BackupManifest;
}

function connectTestRedisUrl(r: Redis): string {
  return `redis://${r.options.host}:${r.options.port}`;
}
