import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { redisEnv } from "../harness/redis";

const run = promisify(execFile);

describe("npm run bench:api", () => {
  it("runs a tiny benchmark and prints the figures of both servers and their ratio", async () => {
    const root = resolve(import.meta.dirname, "../..");
    const { stdout } = await run(process.execPath, ["--import", "tsx", "tools/bench/api.ts"], {
      cwd: root,
      env: {
        ...process.env,
        ...redisEnv(),
        BENCH_WARMUP_MS: "200",
        BENCH_DURATION_MS: "500",
        BENCH_ROUNDS: "1",
        BENCH_CONNECTIONS: "4",
      },
      timeout: 60_000,
    });
    // Figures only: timings are not asserted (DESIGN.md §4).
    expect(stdout).toMatch(/bot server\s+\d+ req\/s\s+p50 [\d.]+ ms\s+p95 [\d.]+ ms\s+p99 [\d.]+ ms/);
    expect(stdout).toMatch(/bare http\s+\d+ req\/s\s+p50 [\d.]+ ms\s+p95 [\d.]+ ms\s+p99 [\d.]+ ms/);
    expect(stdout).toMatch(/ratio bot\/bare = [\d.]+/);
  }, 90_000);
});
