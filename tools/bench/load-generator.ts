import { readFileSync, writeFileSync } from "node:fs";
import http from "node:http";

/**
 * A small closed-loop HTTP load generator, run in its own process so it never shares an event loop with the
 * server it measures:
 *   tsx tools/bench/load-generator.ts <url> <connections> <warmupMs> <durationMs> [latencyFile] [serverPid]
 * Each of N connections (one keep-alive Agent, maxSockets = N) sends its next request as soon as the previous
 * answer has been read. Answers during the warm-up are not counted. Prints one JSON line (LoadResult); with a
 * latency file, also writes every measured latency there (float64, ms) so runs can be merged; with the
 * server's pid, also the CPU time the server used during the measured window (Linux).
 */
export interface LoadResult {
  url: string;
  connections: number;
  durationMs: number;
  requests: number;
  errors: number;
  /** Answers whose status was not 200. */
  unexpectedStatus: number;
  bytes: number;
  rps: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  /** CPU the server process used during the measured window, when its pid was given. */
  serverCpuMs?: number;
}

/** CPU time a process has used, from /proc (10 ms resolution); undefined where there is no /proc. */
function cpuMs(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    // utime and stime, fields 14 and 15 of stat (12 and 13 after the command name), in 1/100 s.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/** Nearest-rank percentile of sorted samples. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)]!;
}

/** Latencies in ms, grown by doubling (a plain array would box every sample); `sorted` when measuring ends. */
export function latencyRecorder() {
  let latencies = new Float64Array(1 << 16);
  let count = 0;
  return {
    record(ms: number) {
      if (count === latencies.length) {
        const bigger = new Float64Array(latencies.length * 2);
        bigger.set(latencies);
        latencies = bigger;
      }
      latencies[count++] = ms;
    },
    get count() {
      return count;
    },
    sorted: () => latencies.slice(0, count).sort(),
  };
}

/** A request other than a plain GET: built afresh for every call (e.g. a newly signed webhook event). */
export type RequestFactory = () => { method: string; headers: Record<string, string>; body: Buffer };

export async function runLoad(
  url: string,
  connections: number,
  warmupMs: number,
  durationMs: number,
  serverPid?: number,
  makeRequest?: RequestFactory,
): Promise<{ result: LoadResult; latencies: Float64Array }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
  const target = new URL(url);
  const options: http.RequestOptions = {
    agent,
    host: target.hostname,
    port: target.port,
    path: target.pathname + target.search,
    method: "GET",
  };
  const latencies = latencyRecorder();
  let errors = 0;
  let unexpected = 0;
  let bytes = 0;
  let measuring = false;
  let stopped = false;

  const one = () =>
    new Promise<void>((done) => {
      const custom = makeRequest?.();
      const started = process.hrtime.bigint();
      const req = http.request(
        custom
          ? {
              ...options,
              method: custom.method,
              headers: { ...custom.headers, "content-length": String(custom.body.length) },
            }
          : options,
        (res) => {
          let size = 0;
          res.on("data", (chunk: Buffer) => {
            size += chunk.length;
          });
          res.on("end", () => {
            if (measuring) {
              latencies.record(Number(process.hrtime.bigint() - started) / 1e6);
              bytes += size;
              if (res.statusCode !== 200) unexpected++;
            }
            done();
          });
        },
      );
      req.on("error", () => {
        if (measuring) errors++;
        done();
      });
      req.end(custom?.body);
    });

  const loop = async () => {
    while (!stopped) await one();
  };
  const loops = Array.from({ length: connections }, loop);
  await new Promise((r) => setTimeout(r, warmupMs));
  measuring = true;
  const started = performance.now();
  const cpuBefore = serverPid === undefined ? undefined : cpuMs(serverPid);
  await new Promise((r) => setTimeout(r, durationMs));
  measuring = false;
  const elapsed = performance.now() - started;
  const cpuAfter = serverPid === undefined ? undefined : cpuMs(serverPid);
  stopped = true;
  await Promise.all(loops);
  agent.destroy();

  const sorted = latencies.sorted();
  const count = latencies.count;
  const result: LoadResult = {
    url,
    connections,
    durationMs: Math.round(elapsed),
    requests: count,
    errors,
    unexpectedStatus: unexpected,
    bytes,
    rps: Math.round((count / elapsed) * 1000),
    p50Ms: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    p99Ms: percentile(sorted, 99),
    ...(cpuBefore !== undefined && cpuAfter !== undefined && { serverCpuMs: cpuAfter - cpuBefore }),
  };
  return { result, latencies: sorted };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [url, connections = "32", warmupMs = "2000", durationMs = "8000", latencyFile, serverPid] =
    process.argv.slice(2);
  if (!url) {
    process.stderr.write(
      "usage: load-generator.ts <url> [connections] [warmupMs] [durationMs] [latencyFile] [serverPid]\n",
    );
    process.exit(2);
  }
  const { result, latencies } = await runLoad(
    url,
    Number(connections),
    Number(warmupMs),
    Number(durationMs),
    serverPid ? Number(serverPid) : undefined,
  );
  if (latencyFile)
    writeFileSync(latencyFile, Buffer.from(latencies.buffer, latencies.byteOffset, latencies.byteLength));
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
