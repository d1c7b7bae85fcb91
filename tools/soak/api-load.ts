import http from "node:http";
import { latencyRecorder, percentile } from "../bench/load-generator";

/**
 * Open-loop load on the public API, in its own process (never sharing an event loop with what it measures):
 *   tsx tools/soak/api-load.ts <base url>[,<base url>…] <requests a second> <duration ms> <path>[,<path>…]
 * Requests leave at a fixed rate whatever the answers do, as citizens' phones would; each latency counts
 * from when its request was due, so a server that falls behind is not excused by the client waiting for it
 * (no coordinated omission). Prints one JSON line.
 */
const [base, rateText, durationText, pathList] = process.argv.slice(2);
const rate = Number(rateText);
const durationMs = Number(durationText);
const paths = (pathList ?? "").split(",").filter(Boolean);
if (!base || !(rate > 0) || !(durationMs > 0) || paths.length === 0) {
  process.stderr.write("usage: tsx tools/soak/api-load.ts <base url> <rps> <duration ms> <path>[,<path>…]\n");
  process.exit(2);
}

// Several API processes (as behind a load balancer): requests go to each in turn.
const targets = base.split(",").map((b) => new URL(b));
const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
const latencies = latencyRecorder();
let errors = 0;
let non200 = 0;
const statuses: Record<string, number> = {};
let inFlight = 0;

const send = (n: number, dueAt: number, retried = false) => {
  const path = paths[n % paths.length]!;
  const target = targets[Math.floor(n / paths.length) % targets.length]!;
  inFlight++;
  const req = http.request(
    { agent, host: target.hostname, port: target.port, path, headers: { "accept-encoding": "gzip" } },
    (res) => {
      res.on("data", () => {});
      res.on("end", () => {
        inFlight--;
        latencies.record(performance.now() - dueAt);
        if (res.statusCode !== 200) {
          non200++;
          statuses[String(res.statusCode)] = (statuses[String(res.statusCode)] ?? 0) + 1;
        }
      });
    },
  );
  req.on("error", (err: NodeJS.ErrnoException) => {
    inFlight--;
    // A kept-alive socket the server closed as the request left on it: sent again on a new one, as
    // browsers do for a GET (Node's documented pattern); only a second failure counts.
    if (req.reusedSocket && err.code === "ECONNRESET" && !retried) return send(n, dueAt, true);
    errors++;
  });
  req.end();
};

const started = performance.now();
let sent = 0;
await new Promise<void>((done) => {
  // Every millisecond, the requests that have fallen due since the start.
  const timer = setInterval(() => {
    const elapsed = performance.now() - started;
    const due = Math.min(Math.floor((elapsed / 1000) * rate), Math.floor((durationMs / 1000) * rate));
    for (; sent < due; sent++) send(sent, started + (sent / rate) * 1000);
    if (elapsed >= durationMs) {
      clearInterval(timer);
      done();
    }
  }, 1);
});
const drainDeadline = performance.now() + 30_000;
while (inFlight > 0 && performance.now() < drainDeadline) await new Promise((r) => setTimeout(r, 20));
agent.destroy();
const sorted = latencies.sorted();
process.stdout.write(
  `${JSON.stringify({
    requests: sent,
    answered: latencies.count,
    errors,
    non200,
    statuses,
    rps: Math.round(sent / (durationMs / 1000)),
    p50_ms: Math.round(percentile(sorted, 50) * 10) / 10,
    p99_ms: Math.round(percentile(sorted, 99) * 10) / 10,
  })}\n`,
);
