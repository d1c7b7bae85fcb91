import { spawn, type ChildProcess } from "node:child_process";
import { afterEach, expect, it } from "vitest";
import { findFreePort } from "../../tools/redis/find-free-port";
import { startPrivateRedis, type PrivateRedis } from "../../tools/redis/private-redis";
import { sandboxEnv } from "../../tools/stack/sandbox-env";
import { createSimulator, type RunningSimulator } from "../../tools/zalo-sim/server";
import { eventually } from "../harness/eventually";

let redis: PrivateRedis | undefined;
let sim: RunningSimulator | undefined;
let child: ChildProcess | undefined;

afterEach(async () => {
  if (child && child.exitCode === null) child.kill("SIGKILL");
  await redis?.stop().catch(() => undefined);
  await sim?.close();
});

it("a server asked to stop while Redis is gone exits instead of hanging (non-zero, saying why, if it had to give up)", async () => {
  redis = await startPrivateRedis();
  sim = await createSimulator({ port: 0 });
  const metricsPort = await findFreePort();
  child = spawn(process.execPath, ["--import", "tsx", "bot-server/src/main.ts", "worker"], {
    env: {
      PATH: process.env.PATH ?? "",
      REDIS_URL: redis.url,
      KEY_PREFIX: "stop-test",
      LOG_LEVEL: "info",
      WORKER_METRICS_PORT: String(metricsPort),
      SHUTDOWN_TIMEOUT_MS: "500",
      ...sandboxEnv(sim.url),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((done) => child!.once("exit", (code) => done(code)));
  const readyz = () =>
    fetch(`http://127.0.0.1:${metricsPort}/readyz`).then(
      (r) => r.status,
      () => 0,
    );
  const ready = await eventually(readyz, (status) => status === 200 || child?.exitCode !== null, 60_000);
  expect(ready, output).toBe(200);

  process.kill(redis.pid, "SIGKILL");
  expect(await eventually(readyz, (status) => status === 503)).toBe(503);
  child.kill("SIGTERM");
  // Whether the connections close at once or wait on Redis depends on where ioredis is in its reconnection:
  // either way the process ends, and one that had to give up says so.
  const code = await exited;
  expect([0, 1], output).toContain(code);
  if (code === 1) expect(output).toContain("could not stop cleanly in time");
});
