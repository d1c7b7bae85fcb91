import { randomBytes } from "node:crypto";
import { resolve } from "node:path";
import { Redis } from "ioredis";
import { keyspace } from "../../bot-server/src/store/keys";
import { createTokenStore } from "../../bot-server/src/store/token-store";
import { createZaloOAuth } from "../../bot-server/src/zalo/oauth";
import { findFreePort } from "../redis/find-free-port";
import { startPrivateRedis, type PrivateRedis } from "../redis/private-redis";
import { createSimulator, SANDBOX_CREDENTIALS } from "../zalo-sim/server";
import { dropPrefix } from "../redis/drop-prefix";
import { authorizeWithSimulator, sandboxEnv } from "../stack/sandbox-env";
import { runJsonChild, startChild, stopChild } from "./children";
import { percentile, type LoadResult } from "./load-generator";

/**
 * `npm run bench:webhook`: the webhook's budgets (DESIGN.md §4).
 *  1. Ingest: signed `user_send_text` events per second the api role accepts (verify, dedupe, enqueue,
 *     200) and their p99 latency, from a load generator in its own process. Budget ≥ 1,500/s, p99 ≤ 50 ms.
 *  2. Reply: events sent one by one through the simulator (which signs and posts them like Zalo) to an api
 *     and a worker process; the time from sending to the simulator recording the bot's CS reply. Budget p95 ≤ 1 s.
 * Loopback only, bounded in time. Knobs: BENCH_CONNECTIONS (32), BENCH_DURATION_MS (8000), BENCH_REPLIES (60).
 */
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
const durationMs = Number(process.env.BENCH_DURATION_MS ?? 8000);
const replies = Number(process.env.BENCH_REPLIES ?? 60);
const say = (line: string) => process.stdout.write(`${line}\n`);

function loadChild(url: string, pid: number): Promise<LoadResult> {
  const c = SANDBOX_CREDENTIALS;
  const args = [url, String(connections), "1500", String(durationMs), c.appId, c.oaId, c.oaSecretKey, String(pid)];
  return runJsonChild<LoadResult>(resolve(import.meta.dirname, "webhook-load-child.ts"), args);
}

let privateRedis: PrivateRedis | undefined;
const redisUrl = process.env.REDIS_URL ?? (privateRedis = await startPrivateRedis()).url;
const prefix = `bench-${randomBytes(3).toString("hex")}`;
const sim = await createSimulator({ port: 0, limits: { rateLimitPerMinute: 1_000_000 } });
const redis = new Redis(redisUrl);
const c = SANDBOX_CREDENTIALS;
const children: Array<import("node:child_process").ChildProcess> = [];
try {
  const oauth = createZaloOAuth({ oauthBase: sim.url, appId: c.appId, appSecret: c.appSecret });
  await authorizeWithSimulator(sim, oauth, createTokenStore(redis, keyspace(prefix)));
  const env = {
    ...process.env,
    REDIS_URL: redisUrl,
    KEY_PREFIX: prefix,
    LOG_LEVEL: "warn",
    PORT: String(await findFreePort()),
    ...sandboxEnv(sim.url),
  };
  const api = await startChild("bot-server-child.ts", ["api"], env);
  children.push(api.child);

  say(`ingest: ${connections} connections, ${durationMs / 1000} s of signed user_send_text events…`);
  const ingest = await loadChild(`${api.url}/webhooks/zalo`, api.child.pid!);
  const queued = await redis.llen(`${keyspace(prefix).bullPrefix}:inbound:wait`);
  say(
    `  accepted ${ingest.rps}/s (budget ≥ 1500), p50 ${ingest.p50Ms.toFixed(2)} ms, p99 ${ingest.p99Ms.toFixed(2)} ms (budget ≤ 50), errors ${ingest.errors}, non-200 ${ingest.unexpectedStatus}, queued ${queued}`,
  );
  // On two cores the load generator takes one: the server's own CPU per event says what one core would carry.
  const cpuPerEventMs = ingest.serverCpuMs === undefined ? undefined : ingest.serverCpuMs / ingest.requests;
  if (cpuPerEventMs !== undefined)
    say(
      `  server CPU ${(cpuPerEventMs * 1000).toFixed(0)} µs per event (≈ ${Math.round(1000 / cpuPerEventMs)}/s on one core)`,
    );
  // Drop the ingest backlog so the reply phase measures replies, not a queue of 10,000 old events.
  await redis.del(`${keyspace(prefix).bullPrefix}:inbound:wait`);

  const worker = await startChild("bot-server-child.ts", ["worker"], env);
  children.push(worker.child);
  sim.setWebhookUrl(`${api.url}/webhooks/zalo`);
  const seeded = (await (
    await fetch(`${sim.url}/__sim/followers`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ count: replies, active_within_days: 1 }),
    })
  ).json()) as { total: number };
  const ids = (
    (await (await fetch(`${sim.url}/__sim/followers?limit=${seeded.total}`)).json()) as { ids: string[] }
  ).ids.slice(-replies);
  say(`reply: ${replies} messages "chi so" via the simulator's signed webhooks, about 10 a second…`);
  const sentAt = new Map<string, number>();
  for (const id of ids) {
    sentAt.set(id, Date.now());
    await fetch(`${sim.url}/__sim/events`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ event_name: "user_send_text", user_id: id, text: "chi so" }),
    });
    await new Promise((r) => setTimeout(r, 100));
  }
  await new Promise((r) => setTimeout(r, 2000));
  const outbox = (await (await fetch(`${sim.url}/__sim/outbox`)).json()) as Array<{
    kind: string;
    user_id?: string;
    at: string;
  }>;
  const latencies = outbox
    .filter((m) => m.kind === "cs" && m.user_id && sentAt.has(m.user_id))
    .map((m) => Date.parse(m.at) - sentAt.get(m.user_id!)!)
    .sort((a, b) => a - b);
  const replyP95 = percentile(latencies, 95);
  say(
    `  replied ${latencies.length}/${replies}, p50 ${percentile(latencies, 50)} ms, p95 ${replyP95} ms (budget ≤ 1000), max ${latencies.at(-1)} ms`,
  );
  say(
    JSON.stringify({
      ingest_rps: ingest.rps,
      ingest_p99_ms: Number(ingest.p99Ms.toFixed(2)),
      ingest_errors: ingest.errors + ingest.unexpectedStatus,
      ingest_server_cpu_us_per_event: cpuPerEventMs === undefined ? null : Math.round(cpuPerEventMs * 1000),
      reply_p95_ms: replyP95,
      replied: latencies.length,
      within_budget: ingest.rps >= 1500 && ingest.p99Ms <= 50 && replyP95 <= 1000 && latencies.length === replies,
    }),
  );
} finally {
  for (const child of children) await stopChild(child);
  await dropPrefix(redis, prefix);
  redis.disconnect();
  await sim.close();
  await privateRedis?.stop();
}
