import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLogger } from "../../bot-server/src/logger";
import { keyspace, type Keyspace } from "../../bot-server/src/store/keys";
import type { RedisTarget } from "../../bot-server/src/config";
import { createRedis, singleRedis, type Redis } from "../../bot-server/src/store/redis";
import { createTokenStore } from "../../bot-server/src/store/token-store";
import { createZaloOAuth } from "../../bot-server/src/zalo/oauth";
import { startChild, stopChild } from "../bench/children";
import { withoutRedisSettings } from "../redis/env";
import { findFreePort } from "../redis/find-free-port";
import { startPrivateRedis, type PrivateRedis } from "../redis/private-redis";
import { startTopology, type RedisTopology, type TopologyKind } from "../redis/topology";
import { authorizeWithSimulator, sandboxEnv } from "../stack/sandbox-env";
import { createSimulator, SANDBOX_CREDENTIALS, type RunningSimulator, type SimulatorOptions } from "../zalo-sim/server";

/**
 * What a chaos run or a benchmark stands on: a private, supervised Redis with AOF in a temporary folder
 * (so it can be killed and comes back) or, when asked, a local Cluster or Sentinel group (whose masters
 * can be failed over), the Zalo simulator, the server's tokens authorised against it, and
 * bot server processes (api, workers) started from the same environment. A process that dies on its own,
 * not by the run's SIGKILL, is reported with its last error lines.
 */
export interface SandboxRig {
  /** The one supervised server (topology "single"). */
  redis?: PrivateRedis;
  /** The Cluster or Sentinel group (other topologies). */
  topology?: RedisTopology;
  target: RedisTarget;
  sim: RunningSimulator;
  prefix: string;
  keys: Keyspace;
  /** A connection for the run's own reads and writes. */
  conn: Redis;
  /** The environment the bot server processes get. */
  env: NodeJS.ProcessEnv;
  simJson<T>(path: string, body?: unknown): Promise<T>;
  /** A bot server process; `env` adds to the rig's (another API process needs its own PORT). */
  startProcess(role: "api" | "worker", env?: Record<string, string>): Promise<{ child: ChildProcess; url: string }>;
  close(): Promise<void>;
}

export async function startSandboxRig(o: {
  label: string;
  sim?: SimulatorOptions;
  env?: Record<string, string>;
  topology?: TopologyKind;
  log?: (line: string) => void;
}): Promise<SandboxRig> {
  const log = o.log ?? (() => {});
  const dir = mkdtempSync(join(tmpdir(), `cds-${o.label}-`));
  const topology = o.topology && o.topology !== "single" ? await startTopology(o.topology, { log }) : undefined;
  const redis = topology
    ? undefined
    : await startPrivateRedis({
        dataDir: dir,
        supervise: { onRestart: (pid) => log(`redis restarted (pid ${pid})`) },
      });
  const redisEnv = topology?.env ?? { REDIS_URL: redis!.url };
  const target = topology?.target ?? singleRedis(redis!.url);
  const sim = await createSimulator({ port: 0, ...o.sim });
  const prefix = `${o.label}-${randomBytes(3).toString("hex")}`;
  const keys = keyspace(prefix);
  const conn = createRedis(target, `${o.label}-rig`, createLogger("silent"));
  const c = SANDBOX_CREDENTIALS;
  await authorizeWithSimulator(
    sim,
    createZaloOAuth({ oauthBase: sim.url, appId: c.appId, appSecret: c.appSecret }),
    createTokenStore(conn, keys),
  );
  const env = {
    ...withoutRedisSettings(process.env),
    ...redisEnv,
    KEY_PREFIX: prefix,
    LOG_LEVEL: "warn",
    PORT: String(await findFreePort()),
    ...sandboxEnv(sim.url),
    ...o.env,
  };
  const children: ChildProcess[] = [];
  let closing = false;
  return {
    ...(redis && { redis }),
    ...(topology && { topology }),
    target,
    sim,
    prefix,
    keys,
    conn,
    env,
    async simJson<T>(path: string, body?: unknown): Promise<T> {
      const res = await fetch(
        `${sim.url}${path}`,
        body === undefined
          ? {}
          : { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) },
      );
      return (await res.json()) as T;
    },
    async startProcess(role, more = {}) {
      const started = await startChild("bot-server-child.ts", [role], { ...env, ...more });
      let errors = "";
      started.child.stdout?.on("data", (d: Buffer) => {
        for (const line of d.toString().split("\n"))
          if (/"level":(50|60)/.test(line)) errors = `${errors}${line}\n`.slice(-4000);
      });
      started.child.once("exit", (code, signal) => {
        if (!closing && signal !== "SIGKILL")
          log(`the ${role} process exited by itself (${code ?? signal}):\n${errors}`);
      });
      children.push(started.child);
      return started;
    },
    async close() {
      closing = true;
      for (const child of children) await stopChild(child).catch(() => {});
      conn.disconnect();
      await sim.close();
      await redis?.stop();
      await topology?.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
