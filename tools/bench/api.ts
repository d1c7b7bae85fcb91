import type { ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { randomBytes } from "node:crypto";
import { defaultCatalogue } from "@cds/shared";
import { importDraft } from "../../bot-server/src/domain/indicators/import-draft";
import { publishSnapshot } from "../../bot-server/src/domain/indicators/publish-snapshot";
import { seedDemoHistory } from "../../bot-server/src/domain/indicators/seed-demo-history";
import { keyspace } from "../../bot-server/src/store/keys";
import { createRedis, singleRedis } from "../../bot-server/src/store/redis";
import { createReportRepository } from "../../bot-server/src/store/report-repository";
import { createSnapshotRepository } from "../../bot-server/src/store/snapshot-repository";
import { FOUNDING_REPORT_NAME, foundingImport, foundingReportText } from "../../test/api/founding-week";
import { dropPrefix } from "../redis/drop-prefix";
import { withoutRedisSettings } from "../redis/env";
import { findFreePort } from "../redis/find-free-port";
import { startPrivateRedis, type PrivateRedis } from "../redis/private-redis";
import { percentile, type LoadResult } from "./load-generator";
import { runJsonChild, startChild, stopChild } from "./children";

/**
 * `npm run bench:api`: the public indicator API against its budget, ≥ 0.7 × the request rate of a bare Node
 * `http` server answering the same bytes, same load generator, same run (DESIGN.md §4).
 *
 * Redis (REDIS_URL, or a private one) gets the founding week and its demo history; the bot server's API role
 * runs in a child process, the bare server in another, and the load generator in a third for each run, so no
 * two share an event loop. Runs alternate between the two servers (bot, bare, bare, bot, …) so drift in the
 * machine's speed hits both alike; each run warms up before it measures. Loopback only.
 * Knobs: BENCH_CONNECTIONS (32), BENCH_WARMUP_MS (1500), BENCH_DURATION_MS (5000), BENCH_ROUNDS (2).
 */
const PATH = "/api/v1/indicators";
const BUDGET = 0.7;
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
const warmupMs = Number(process.env.BENCH_WARMUP_MS ?? 1500);
const durationMs = Number(process.env.BENCH_DURATION_MS ?? 5000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
// Headers Node adds to every answer by itself; the bare server's Node adds them too.
const NODE_HEADERS = new Set(["date", "connection", "keep-alive", "transfer-encoding"]);

const say = (line: string) => process.stdout.write(`${line}\n`);

function fetchRaw(url: string): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
  return new Promise((ok, fail) => {
    http
      .get(url, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const headers: Record<string, string> = {};
          for (let i = 0; i < res.rawHeaders.length; i += 2) {
            const name = res.rawHeaders[i]!;
            if (!NODE_HEADERS.has(name.toLowerCase())) headers[name] = res.rawHeaders[i + 1]!;
          }
          ok({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks) });
        });
      })
      .on("error", fail);
  });
}

function runLoadChild(url: string, latencyFile: string, serverPid: number | undefined): Promise<LoadResult> {
  const args = [url, String(connections), String(warmupMs), String(durationMs), latencyFile];
  if (serverPid !== undefined) args.push(String(serverPid));
  return runJsonChild<LoadResult>(resolve(import.meta.dirname, "load-generator.ts"), args);
}

interface Totals {
  requests: number;
  ms: number;
  errors: number;
  /** Server CPU over the measured windows; undefined when it could not be read. */
  cpuMs: number | undefined;
  latencies: Float64Array[];
}

const fmt = (n: number, digits = 2) => n.toFixed(digits).padStart(8);

async function main(): Promise<void> {
  const started = Date.now();
  const work = mkdtempSync(join(tmpdir(), "bench-api-"));
  let privateRedis: PrivateRedis | undefined;
  const children: ChildProcess[] = [];
  const prefix = `bench-${randomBytes(4).toString("hex")}`;
  let redisUrl = process.env.REDIS_URL;
  try {
    if (!redisUrl) {
      privateRedis = await startPrivateRedis();
      redisUrl = privateRedis.url;
    }
    const redis = createRedis(singleRedis(redisUrl), "bench-seed");
    const keys = keyspace(prefix);
    const snapshots = createSnapshotRepository(redis, keys);
    const now = () => new Date();
    const draft = await importDraft(
      { snapshots, reports: createReportRepository(redis, keys), now },
      { name: FOUNDING_REPORT_NAME, text: foundingReportText(), result: foundingImport(), by: "bench" },
    );
    const founding = await publishSnapshot(
      { snapshots, now },
      { week: draft.id, revision: draft.revision, by: "bench" },
    );
    await seedDemoHistory({ snapshots, catalogue: defaultCatalogue, now }, founding);

    const env = {
      ...withoutRedisSettings(process.env),
      REDIS_URL: redisUrl,
      KEY_PREFIX: prefix,
      HOST: "127.0.0.1",
      PORT: String(await findFreePort()),
      LOG_LEVEL: "warn",
      NODE_ENV: "production",
    };
    const bot = await startChild("bot-server-child.ts", [], env);
    children.push(bot.child);
    // Twice: the second answer is the cached one the benchmark will hit.
    await fetchRaw(`${bot.url}${PATH}`);
    const captured = await fetchRaw(`${bot.url}${PATH}`);
    if (captured.status !== 200) throw new Error(`bot server answered ${captured.status} to ${PATH}`);
    const capturedFile = join(work, "response.json");
    writeFileSync(capturedFile, JSON.stringify({ headers: captured.headers, body: captured.body.toString("base64") }));
    const bare = await startChild("bare-server-child.ts", [capturedFile], process.env);
    children.push(bare.child);
    const check = await fetchRaw(bare.url);
    if (!check.body.equals(captured.body)) throw new Error("the bare server does not answer the same bytes");

    const headerBytes = Object.entries(captured.headers).reduce((n, [k, v]) => n + k.length + v.length + 4, 0);
    say(
      `GET ${PATH}: ${captured.body.length} B body, ${Object.keys(captured.headers).length} headers (${headerBytes} B) — the bare server answers the same`,
    );
    say(
      `${connections} connections, ${warmupMs} ms warm-up + ${durationMs} ms measured per run, ${rounds} runs per server, alternating`,
    );
    say("");
    say("run  server          req/s    p50 ms    p95 ms    p99 ms   server CPU   CPU µs/req");

    const servers = {
      bot: { url: `${bot.url}${PATH}`, pid: bot.child.pid },
      bare: { url: `${bare.url}${PATH}`, pid: bare.child.pid },
    };
    const totals: Record<"bot" | "bare", Totals> = {
      bot: { requests: 0, ms: 0, errors: 0, cpuMs: 0, latencies: [] },
      bare: { requests: 0, ms: 0, errors: 0, cpuMs: 0, latencies: [] },
    };
    let run = 0;
    for (let r = 0; r < rounds; r++) {
      const order: Array<"bot" | "bare"> = r % 2 === 0 ? ["bot", "bare"] : ["bare", "bot"];
      for (const name of order) {
        run++;
        const latencyFile = join(work, `latencies-${run}.f64`);
        const result = await runLoadChild(servers[name].url, latencyFile, servers[name].pid);
        const t = totals[name];
        t.cpuMs = t.cpuMs === undefined || result.serverCpuMs === undefined ? undefined : t.cpuMs + result.serverCpuMs;
        const cpu =
          result.serverCpuMs === undefined ? "n/a" : `${Math.round((result.serverCpuMs / result.durationMs) * 100)}%`;
        const perRequest =
          result.serverCpuMs === undefined ? "n/a" : ((result.serverCpuMs * 1000) / result.requests).toFixed(0);
        const raw = readFileSync(latencyFile);
        t.latencies.push(new Float64Array(raw.buffer, raw.byteOffset, raw.byteLength / 8));
        t.requests += result.requests;
        t.ms += result.durationMs;
        t.errors += result.errors + result.unexpectedStatus;
        say(
          `${String(run).padStart(3)}  ${(name === "bot" ? "bot-server" : "bare-http").padEnd(10)} ${String(result.rps).padStart(9)} ${fmt(result.p50Ms)}  ${fmt(result.p95Ms)}  ${fmt(result.p99Ms)}   ${cpu.padStart(8)}   ${perRequest.padStart(8)}`,
        );
      }
    }

    say("");
    const summary = (name: "bot" | "bare") => {
      const t = totals[name];
      const merged = new Float64Array(t.latencies.reduce((n, l) => n + l.length, 0));
      let at = 0;
      for (const l of t.latencies) {
        merged.set(l, at);
        at += l.length;
      }
      merged.sort();
      const rps = (t.requests / t.ms) * 1000;
      const cpuPerRequest = t.cpuMs === undefined ? undefined : (t.cpuMs * 1000) / t.requests;
      say(
        `${name === "bot" ? "bot server " : "bare http  "}  ${Math.round(rps)} req/s   p50 ${percentile(merged, 50).toFixed(2)} ms   p95 ${percentile(merged, 95).toFixed(2)} ms   p99 ${percentile(merged, 99).toFixed(2)} ms   ` +
          `server CPU ${cpuPerRequest === undefined ? "n/a" : `${cpuPerRequest.toFixed(0)} µs/req`}   errors ${t.errors}`,
      );
      return { rps, cpuPerRequest };
    };
    const botSummary = summary("bot");
    const bareSummary = summary("bare");
    const ratio = botSummary.rps / bareSummary.rps;
    say(
      `ratio bot/bare = ${ratio.toFixed(2)} (budget ≥ ${BUDGET}): ${ratio >= BUDGET ? "within budget" : "BELOW BUDGET"}`,
    );
    if (botSummary.cpuPerRequest !== undefined && bareSummary.cpuPerRequest !== undefined) {
      // When a server's CPU stays well under 100%, the client set the pace: CPU per request then says how much
      // headroom each server has, independent of the client.
      say(
        `server CPU per request, bare/bot = ${(bareSummary.cpuPerRequest / botSummary.cpuPerRequest).toFixed(2)} (1.0 = the bot server costs no more than the bare one)`,
      );
    }
    say(`(${((Date.now() - started) / 1000).toFixed(1)} s in all)`);
    await redis.quit();
  } finally {
    await Promise.all(children.map(stopChild));
    if (privateRedis) await privateRedis.stop();
    else if (redisUrl) {
      // Someone else's Redis: remove exactly our prefix, with SCAN so Redis is never blocked.
      const redis = createRedis(singleRedis(redisUrl), "bench-cleanup");
      await dropPrefix(redis, prefix);
      await redis.quit();
    }
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:api failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
