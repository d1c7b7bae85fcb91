import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis, type ChainableCommander } from "ioredis";
import { keyspace } from "../../bot-server/src/store/keys";
import { startPrivateRedis, type PrivateRedis } from "../redis/private-redis";

/**
 * Backups are Redis's own point-in-time snapshot (an RDB taken over the replication protocol by
 * `redis-cli --rdb`), so every key is from the same instant even while the stack runs. A manifest beside it
 * names the key prefix, the key counts and the file's SHA-256. Restore loads the snapshot into a throw-away
 * redis-server and copies the application's keys (DUMP/RESTORE with their TTLs) into the target, which
 * works for a private Redis and for REDIS_URL alike.
 */
export interface BackupManifest {
  format: "cds-redis-backup/2";
  createdAt: string;
  keyPrefix: string;
  /** Keys of the prefix in the snapshot. */
  keys: number;
  /**
   * Of those, the keys without TTL. A restore must bring back every one of them; the others (BullMQ's
   * stalled-check, the send budget, …) may have expired by then, as they would have in the running stack.
   */
  persistentKeys: number;
  rdbFile: string;
  rdbSha256: string;
  rdbBytes: number;
}

const FORMAT = "cds-redis-backup/2";
const BATCH = 1000;
const manifestPath = (rdbFile: string) => `${rdbFile}.json`;
const patternFor = (prefix: string): string => keyspace(prefix).all;

function sha256(file: string): string {
  return createHash("sha256").update(readFileSync(file)).digest("hex");
}

async function* scanKeys(redis: Redis, pattern: string): AsyncGenerator<string[]> {
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", pattern, "COUNT", BATCH);
    cursor = next;
    if (keys.length) yield keys;
  } while (cursor !== "0");
}

async function run(pipeline: ChainableCommander): Promise<unknown[]> {
  return ((await pipeline.exec()) ?? []).map(([err, result]) => {
    if (err) throw err;
    return result;
  });
}

export async function countKeys(redis: Redis, prefix: string): Promise<number> {
  let n = 0;
  for await (const keys of scanKeys(redis, patternFor(prefix))) n += keys.length;
  return n;
}

/** The prefix's keys in a snapshot, each once (SCAN may repeat a key), and how many of them have no TTL. */
async function snapshotKeys(redis: Redis, prefix: string): Promise<{ keys: string[]; persistent: number }> {
  const keys = new Set<string>();
  let persistent = 0;
  for await (const batch of scanKeys(redis, patternFor(prefix))) {
    const fresh = batch.filter((k) => !keys.has(k));
    if (!fresh.length) continue;
    const ttls = await run(fresh.reduce((p, k) => p.pttl(k), redis.pipeline()));
    fresh.forEach((k, i) => {
      if (ttls[i] === -2) return; // expired since the SCAN
      keys.add(k);
      if (ttls[i] === -1) persistent++;
    });
  }
  return { keys: [...keys], persistent };
}

async function withSnapshot<T>(rdbFile: string, use: (redis: Redis) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), "cds-restore-"));
  try {
    const copy = join(dir, "dump.rdb");
    copyFileSync(rdbFile, copy);
    let server: PrivateRedis;
    try {
      server = await startPrivateRedis({ rdbFile: copy });
    } catch (err) {
      // redis-server's own reason (e.g. "Can't handle RDB format version 11") is in its "#" log lines.
      const message = err instanceof Error ? err.message : String(err);
      const reasons = message
        .split("\n")
        .filter((l) => / # /.test(l) && !/ # WARNING /.test(l))
        .slice(-2);
      throw new Error(
        `${rdbFile} cannot be loaded by this redis-server (a backup from a newer Redis?): ${reasons.length ? reasons.map((l) => l.replace(/^.* # /, "")).join("; ") : message}`,
      );
    }
    const redis = new Redis(server.url, { maxRetriesPerRequest: 3 });
    try {
      return await use(redis);
    } finally {
      redis.disconnect();
      await server.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function backupRedis(opts: {
  redisUrl: string;
  keyPrefix: string;
  outFile: string;
}): Promise<BackupManifest> {
  const u = new URL(opts.redisUrl);
  const args = ["-h", u.hostname, "-p", u.port || "6379", "--rdb", opts.outFile];
  if (u.username) args.push("--user", decodeURIComponent(u.username));
  if (u.protocol === "rediss:") args.push("--tls");
  // The password goes through the environment, not argv (which `ps` shows to every user); one inherited
  // from the caller's shell would be for some other server.
  const env = { ...process.env };
  delete env.REDISCLI_AUTH;
  if (u.password) env.REDISCLI_AUTH = decodeURIComponent(u.password);
  const r = spawnSync("redis-cli", args, { encoding: "utf8", env });
  if (r.error) throw new Error(`redis-cli is needed for backups (Debian package redis-tools): ${r.error.message}`);
  if (r.status !== 0) throw new Error(`redis-cli --rdb failed: ${(r.stderr || r.stdout).trim()}`);
  // Load the snapshot once: a backup that cannot be read back is not a backup.
  const { keys, persistent } = await withSnapshot(opts.outFile, (redis) => snapshotKeys(redis, opts.keyPrefix));
  const manifest: BackupManifest = {
    format: FORMAT,
    createdAt: new Date().toISOString(),
    keyPrefix: opts.keyPrefix,
    keys: keys.length,
    persistentKeys: persistent,
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
    throw new Error(
      `${manifestPath(rdbFile)} is missing or not JSON: is ${rdbFile} a backup made by 'npm run backup'?`,
    );
  }
  if (manifest.format !== FORMAT)
    throw new Error(
      `${manifestPath(rdbFile)}: unknown backup format "${String(manifest.format)}" (this tool reads ${FORMAT})`,
    );
  if (sha256(rdbFile) !== manifest.rdbSha256)
    throw new Error(`${rdbFile} does not match its manifest's SHA-256: the file is damaged`);
  return manifest;
}

/** Copies the keys with their remaining TTLs; returns those copied (a key with a TTL may expire meanwhile). */
async function copyKeys(source: Redis, target: Redis, keys: string[]): Promise<Set<string>> {
  const copied = new Set<string>();
  for (let i = 0; i < keys.length; i += BATCH) {
    const batch = keys.slice(i, i + BATCH);
    const read = await run(batch.reduce((p, k) => p.pttl(k).dumpBuffer(k), source.pipeline()));
    const write = target.pipeline();
    batch.forEach((k, j) => {
      const ttl = read[j * 2] as number;
      const payload = read[j * 2 + 1] as Buffer | null;
      if (!payload) return;
      write.restore(k, ttl > 0 ? ttl : 0, payload, "REPLACE");
      copied.add(k);
    });
    await run(write);
  }
  return copied;
}

/**
 * Nothing is written to the target until the snapshot has loaded and holds every key without TTL that the
 * manifest lists. Keys with a TTL that expired since the backup are not restored (they would be gone from
 * the running stack too) and are reported as `expired`.
 */
export async function restoreRedis(opts: {
  redisUrl: string;
  keyPrefix: string;
  file: string;
  replace: boolean;
}): Promise<{ keys: number; expired: number }> {
  const manifest = readManifest(opts.file);
  if (manifest.keyPrefix !== opts.keyPrefix) {
    throw new Error(`the backup holds KEY_PREFIX "${manifest.keyPrefix}" but this stack uses "${opts.keyPrefix}"`);
  }
  const target = new Redis(opts.redisUrl, { maxRetriesPerRequest: 3 });
  try {
    const existing = await countKeys(target, opts.keyPrefix);
    if (existing > 0 && !opts.replace) {
      throw new Error(
        `the target already holds ${existing} keys under {${opts.keyPrefix}}: restore only into an empty stack, or pass --replace`,
      );
    }
    return await withSnapshot(opts.file, async (source) => {
      const snapshot = await snapshotKeys(source, opts.keyPrefix);
      if (snapshot.persistent !== manifest.persistentKeys) {
        throw new Error(
          `the backup holds ${snapshot.persistent} keys without TTL but its manifest lists ${manifest.persistentKeys}: nothing was restored`,
        );
      }
      const old = new Set<string>();
      if (opts.replace)
        for await (const keys of scanKeys(target, patternFor(opts.keyPrefix))) keys.forEach((k) => old.add(k));
      // Copy first (RESTORE … REPLACE), then drop the target's other keys: a target that rejects the
      // payloads (an older Redis behind REDIS_URL) keeps its data.
      const copied = await copyKeys(source, target, snapshot.keys);
      const stale = [...old].filter((k) => !copied.has(k));
      for (let i = 0; i < stale.length; i += BATCH) await target.unlink(...stale.slice(i, i + BATCH));
      return { keys: copied.size, expired: manifest.keys - copied.size };
    });
  } finally {
    target.disconnect();
  }
}
