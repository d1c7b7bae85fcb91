import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Redis } from "ioredis";
import { findFreePort } from "../../tools/redis/find-free-port";
import { startPrivateRedis } from "../../tools/redis/private-redis";
import { isProcessAlive } from "../../tools/stack/stack-file";

/** `npm start` as a newcomer runs it: its own Redis, the simulator, the server, stop and start again, backup and restore. */
interface Stack {
  child: ChildProcess;
  base: string;
  sim: string;
  output: () => string;
}

const root = join(import.meta.dirname, "../..");
/** Every stack this file started, registered at spawn so that even one that never became ready is stopped. */
const started: Stack[] = [];

async function startStack(dataDir: string): Promise<Stack> {
  const [port, simPort] = [await findFreePort(), await findFreePort()];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    ZALO_SIM_PORT: String(simPort),
    LOG_LEVEL: "warn",
  };
  delete env.REDIS_URL;
  const child = spawn(process.execPath, ["--import", "tsx", "tools/stack/start.ts"], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  const stack: Stack = {
    child,
    base: `http://localhost:${port}`,
    sim: `http://127.0.0.1:${simPort}`,
    output: () => out,
  };
  started.push(stack);
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  const deadline = Date.now() + 90_000;
  while (!/^ready: /m.test(out)) {
    if (child.exitCode !== null) throw new Error(`stack exited early:\n${out}`);
    if (Date.now() > deadline) throw new Error(`no ready line:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return stack;
}

async function stopStack(stack: Stack): Promise<number | null> {
  stack.child.kill("SIGTERM");
  return new Promise((r) => stack.child.once("exit", (code) => r(code)));
}

const json = async <T>(url: string, body?: unknown): Promise<T> => {
  const res = await fetch(
    url,
    body === undefined
      ? undefined
      : { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) },
  );
  return (await res.json()) as T;
};

/** Every key's type and content, independent of how Redis encodes it (hash order, listpack or table). */
async function allKeys(redis: Redis): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", "{cds}:*", "COUNT", 1000);
    cursor = next;
    for (const k of keys) {
      const type = await redis.type(k);
      let value: unknown;
      if (type === "string") value = (await redis.getBuffer(k))?.toString("base64");
      else if (type === "hash") value = Object.entries(await redis.hgetall(k)).sort();
      else if (type === "zset") value = await redis.zrange(k, 0, -1, "WITHSCORES");
      else if (type === "list") value = await redis.lrange(k, 0, -1);
      else if (type === "set") value = (await redis.smembers(k)).sort();
      else if (type === "stream") value = await redis.xrange(k, "-", "+");
      out.set(k, JSON.stringify([type, value, (await redis.pttl(k)) > 0]));
    }
  } while (cursor !== "0");
  return out;
}

describe("the local stack (npm start)", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "cds-stack-"));
  const emptyDir = mkdtempSync(join(tmpdir(), "cds-stack-empty-"));
  afterAll(async () => {
    for (const s of started) if (s.child.exitCode === null && s.child.signalCode === null) await stopStack(s);
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(emptyDir, { recursive: true, force: true });
  });

  // Four starts of the whole stack, the first building the mini app on a fresh clone: minutes, not seconds.
  it("serves, answers a follower, stops cleanly, keeps its data, and backs up into an empty stack", async () => {
    const first = await startStack(dataDir);
    expect(first.output()).toMatch(/SANDBOX MODE/);
    expect((await fetch(`${first.base}/healthz`)).status).toBe(200);
    expect((await fetch(`${first.base}/readyz`)).status).toBe(200);
    expect(Array.isArray(await json(`${first.sim}/__sim/outbox`))).toBe(true);
    // The built mini app, at a chat button's deep link.
    const app = await fetch(`${first.base}/app/indicators/dvc.online_filing_rate`);
    expect(app.status).toBe(200);
    expect(app.headers.get("content-type")).toContain("text/html");
    const week = await json<{ indicators: Array<{ id: string; value: number }> }>(`${first.base}/api/v1/indicators`);
    expect(week.indicators.find((i) => i.id === "dvc.online_filing_rate")?.value).toBe(93);

    const { sample_ids } = await json<{ sample_ids: string[] }>(`${first.sim}/__sim/followers`, {
      count: 3,
      active_within_days: 1,
    });
    const user = sample_ids[0]!;
    const forged = await json<{ status: number }>(`${first.sim}/__sim/events`, {
      event_name: "user_send_text",
      user_id: user,
      text: "chi so",
      signature: "forged",
    });
    expect(forged.status).toBe(401);
    const sent = await json<{ status: number }>(`${first.sim}/__sim/events`, {
      event_name: "user_send_text",
      user_id: user,
      text: "chi so",
    });
    expect(sent.status).toBe(200);
    let replies: Array<{ kind: string; user_id?: string; text?: string }> = [];
    for (let i = 0; i < 50 && replies.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      replies = (await json<typeof replies>(`${first.sim}/__sim/outbox?user_id=${user}`)).filter(
        (m) => m.kind === "cs",
      );
    }
    expect(replies).toHaveLength(1);
    expect(replies[0]!.text).toContain("93%");

    const stackFile = JSON.parse(readFileSync(join(dataDir, "stack.json"), "utf8")) as { redisPid: number };
    const backupFile = join(dataDir, "backup-test.rdb");
    const backup = spawnSync(process.execPath, ["--import", "tsx", "tools/backup/backup.ts", backupFile], {
      cwd: root,
      env: { ...process.env, DATA_DIR: dataDir, REDIS_URL: "" },
      encoding: "utf8",
    });
    expect(backup.status, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(/backup written/);

    const redisPid = stackFile.redisPid;
    expect(isProcessAlive(redisPid)).toBe(true);
    expect(await stopStack(first)).toBe(0);
    expect(isProcessAlive(redisPid)).toBe(false);

    const second = await startStack(dataDir);
    const again = await json<{ indicators: Array<{ id: string; value: number }> }>(`${second.base}/api/v1/indicators`);
    expect(again.indicators.find((i) => i.id === "dvc.online_filing_rate")?.value).toBe(93);
    const stackFile2 = JSON.parse(readFileSync(join(dataDir, "stack.json"), "utf8")) as { redisUrl: string };
    const r2 = new Redis(stackFile2.redisUrl);
    // The follower who wrote during the first run is still in the registry.
    expect(await r2.exists("{cds}:fl:next")).toBe(1);
    r2.disconnect();
    expect(await stopStack(second)).toBe(0);

    // A launcher killed outright leaves its redis-server running; the next start stops it and goes on.
    const third = await startStack(dataDir);
    const orphan = (JSON.parse(readFileSync(join(dataDir, "stack.json"), "utf8")) as { redisPid: number }).redisPid;
    third.child.kill("SIGKILL");
    await new Promise((r) => third.child.once("exit", r));
    expect(isProcessAlive(orphan)).toBe(true);
    const fourth = await startStack(dataDir);
    expect(isProcessAlive(orphan)).toBe(false);
    const afterCrash = await json<{ indicators: Array<{ id: string; value: number }> }>(
      `${fourth.base}/api/v1/indicators`,
    );
    expect(afterCrash.indicators.find((i) => i.id === "dvc.online_filing_rate")?.value).toBe(93);
    expect(await stopStack(fourth)).toBe(0);

    const restore = spawnSync(process.execPath, ["--import", "tsx", "tools/backup/restore.ts", backupFile], {
      cwd: root,
      env: { ...process.env, DATA_DIR: emptyDir, REDIS_URL: "" },
      encoding: "utf8",
    });
    expect(restore.status, restore.stderr).toBe(0);
    const restored = await startPrivateRedis({ dataDir: join(emptyDir, "redis") });
    const snapshot = await startPrivateRedis({ rdbFile: copyOf(backupFile) });
    const [a, b] = [new Redis(restored.url), new Redis(snapshot.url)];
    const [restoredKeys, snapshotKeys] = [await allKeys(a), await allKeys(b)];
    a.disconnect();
    b.disconnect();
    await restored.stop();
    await snapshot.stop();
    expect(restoredKeys.size).toBeGreaterThan(20);
    const differing = [...new Set([...restoredKeys.keys(), ...snapshotKeys.keys()])].filter(
      (k) => restoredKeys.get(k) !== snapshotKeys.get(k),
    );
    expect(differing).toEqual([]);
  }, 240_000);
});

function copyOf(file: string): string {
  const dir = mkdtempSync(join(tmpdir(), "cds-rdb-"));
  const copy = join(dir, "dump.rdb");
  spawnSync("cp", [file, copy]);
  return copy;
}
