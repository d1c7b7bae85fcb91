import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { startPrivateRedis } from "../redis/private-redis";

/**
 * Backups are Redis's own point-in-time snapshot (an RDB taken over the replication protocol by
 * `redis-cli --rdb`), so every key is from the same instant even while the stack runs. A manifest beside it
 * names the key prefix, the key count and the file's SHA-256. Restore loads the snapshot into a throw-away
 * redis-server and copies the application's keys (DUMP/RESTORE with their TTLs) into the target, which
 * works for a private Redis and for REDIS_URL alike.
 */
export interface BackupManifest {
  format: "cds-redis-backup/1";
  createdAt: string;
  keyPrefix: string;
  keys: number;
  rdbFile: string;
  rdbSha256: string;
  rdbBytes: number;
}

const manifestPath = (rdbFile: string) => `${rdbFile}.json`;
const patternFor = (prefix: string) => `{${prefix}}:*`;

function sha256(file: string): string {
  return createHash("sha256").update(readFileSync(file)).digest("hex");
}

async function* scanKeys(redis: Redis, pattern: string): AsyncGenerator<string[]> {
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", pattern, "COUNT", 1000);
    cursor = next;
    if (keys.length) yield keys;
  } while (cursor !== "0");
}

export async function countKeys(redis: Redis, prefix: string): Promise<number> {
  let n = 0;
  for await (const keys of scanKeys(redis, patternFor(prefix))) n += keys.length;
  return n;
}

async function withSnapshot<T>(rdbFile: string, use: (redis: Redis) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), "cds-restore-"));
  const copy = join(dir, "dump.rdb");
  copyFileSync(rdbFile, copy);
  const server = await startPrivateRedis({ rdbFile: copy });
  const redis = new Redis(server.url, { maxRetriesPerRequest: 3 });
  try {
    return await use(redis);
  } finally {
    redis.disconnect();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function backupRedis(opts: { redisUrl: string; keyPrefix: string; outFile: string }): Promise<BackupManifest> {
  const u = new URL(opts.redisUrl);
  const args = ["-h", u.hostname, "-p", u.port || "6379", "--rdb", opts.outFile];
  if (u.password) args.push("-a", decodeURIComponent(u.password), "--no-auth-warning");
  if (u.username) args.push("--user", decodeURIComponent(u.username));
  if (u.protocol === "rediss:") args.push("--tls");
  const r = spawnSync("redis-cli", args, { encoding: "utf8" });
  if (r.error) throw new Error(`redis-cli is needed for backups (Debian package redis-tools): ${r.error.message}`);
  if (r.status !== 0) throw new Error(`redis-cli --rdb failed: ${(r.stderr || r.stdout).trim()}`);
  // Load the snapshot once: a backup that cannot be read back is not a backup.
  const keys = await withSnapshot(opts.outFile, (redis) => countKeys(redis, opts.keyPrefix));
  const manifest: BackupManifest = {
    format: "cds-redis-backup/1",
    createdAt: new Date().toISOString(),
    keyPrefix: opts.keyPrefix,
    keys,
    rdbFile: opts.outFile,
    rdbSha256: sha256(opts.outFile),
    rdbBytes: statSync(opts.outFile).size,
  };
  writeFileSync(manifestPath(opts.outFile), JSON.stringify(manifest, null, 2));
  return manifest;
}

export function readManifest(rdbFile: string): BackupManifest {
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(readFileSync(manifestPath(rdbFile), "utf8")) as BackupManifest;
  } catch {
    throw new Error(`${manifestPath(rdbFile)} is missing or not JSON: is ${rdbFile} a backup made by 'npm run backup'?`);
  }
  if (manifest.format !== "cds-redis-backup/1") throw new Error(`${manifestPath(rdbFile)}: unknown backup format`);
  if (sha256(rdbFile) !== manifest.rdbSha256) throw new Error(`${rdbFile} does not match its manifest's SHA-256: the file is damaged`);
  return manifest;
}

export async function restoreRedis(opts: { redisUrl: string; keyPrefix: string; file: string; replace: boolean }): Promise<{ keys: number }> {
  const manifest = readManifest(opts.file);
  if (manifest.keyPrefix !== opts.keyPrefix) {
    throw new Error(`the backup holds KEY_PREFIX "${manifest.keyPrefix}" but this stack uses "${opts.keyPrefix}"`);
  }
  const target = new Redis(opts.redisUrl, { maxRetriesPerRequest: 3 });
  try {
    const existing = await countKeys(target, opts.keyPrefix);
    if (existing > 0 && !opts.replace) {
      throw new Error(`the target already holds ${existing} keys under {${opts.keyPrefix}}: restore only into an empty stack, or pass --replace`);
    }
    if (existing > 0) for await (const keys of scanKeys(target, patternFor(opts.keyPrefix))) await target.unlink(...keys);
    const copied = await withSnapshot(opts.file, async (source) => {
      let n = 0;
      for await (const keys of scanKeys(source, patternFor(opts.keyPrefix))) {
        const read = source.pipeline();
        for (const k of keys) read.pttl(k).dumpBuffer(k);
        const results = (await read.exec()) ?? [];
        const write = target.pipeline();
        keys.forEach((k, i) => {
          const ttl = results[i * 2]?.[1] as number;
          const payload = results[i * 2 + 1]?.[1] as Buffer | null;
          if (!payload) return; // expired inside the snapshot server since the scan
          write.restore(k, ttl > 0 ? ttl : 0, payload, "REPLACE");
          n++;
        });
        for (const [err] of (await write.exec()) ?? []) if (err) throw err;
      }
      return n;
    });
    if (copied !== manifest.keys) throw new Error(`restored ${copied} keys but the manifest lists ${manifest.keys}`);
    return { keys: copied };
  } finally {
    target.disconnect();
  }
}
