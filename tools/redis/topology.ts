import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { parseConfig, type RedisTarget } from "../../bot-server/src/config";
import { findFreePort } from "./find-free-port";
import { startPrivateRedis, type PrivateRedis } from "./private-redis";

export const TOPOLOGIES = ["single", "cluster", "sentinel"] as const;
export type TopologyKind = (typeof TOPOLOGIES)[number];
/** The topologies with replicas, made of several servers here ("single" is one private redis-server). */
export type ReplicatedTopology = Exclude<TopologyKind, "single">;

/**
 * Redis the way production may run it, made of private redis-server processes on free loopback ports with
 * their data in a temporary folder: a Cluster (3 masters, each with a replica), or a Sentinel group (a master, its replica, 3 sentinels). Used by the tests (TEST_REDIS), the chaos runs and `npm run
 * redis:cluster|redis:sentinel`.
 */
export interface RedisTopology {
  kind: ReplicatedTopology;
  /** What to put in the environment so that a configuration points at it. */
  env: Record<string, string>;
  target: RedisTarget;
  /** The server that is master of `key` now. */
  masterOf(key: string): Promise<PrivateRedis>;
  /**
   * Loses the master of `key`'s slot (SIGKILL), waits until a replica has taken over, starts the old master
   * again and waits until it has rejoined as the new master's replica and caught up. Returns both ports.
   */
  failover(key: string): Promise<{ from: number; to: number }>;
  stop(): Promise<void>;
}

const SENTINEL_NAME = "cds";
const FAILOVER_WAIT_MS = 60_000;

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = FAILOVER_WAIT_MS): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A short-lived admin connection to one server: fails fast instead of reconnecting. */
async function ask<T>(port: number, work: (r: Redis) => Promise<T>): Promise<T> {
  const r = new Redis({
    port,
    host: "127.0.0.1",
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  r.on("error", () => {});
  try {
    await r.connect();
    return await work(r);
  } finally {
    r.disconnect();
  }
}

const infoField = (info: string, field: string) => new RegExp(`^${field}:(.*)$`, "m").exec(info)?.[1]?.trim();

/** Whether `replicaPort` is an online replica of `masterPort`, its link up (the initial sync done). */
async function replicating(masterPort: number, replicaPort: number): Promise<boolean> {
  const [master, replica] = await Promise.all([
    ask(masterPort, (r) => r.info("replication")),
    ask(replicaPort, (r) => r.info("replication")),
  ]);
  if (infoField(master, "role") !== "master" || infoField(replica, "master_link_status") !== "up") return false;
  if (Number(infoField(replica, "master_port")) !== masterPort) return false;
  return [...master.matchAll(/slave\d+:ip=[^,]+,port=(\d+),state=online/g)].some((m) => Number(m[1]) === replicaPort);
}

function byPort(servers: PrivateRedis[], port: number): PrivateRedis {
  const s = servers.find((x) => x.port === port);
  if (!s) throw new Error(`no server of the topology on port ${port}`);
  return s;
}

/** Master port of `key`'s slot, asked of any live node. */
async function clusterMasterPort(nodes: PrivateRedis[], key: string): Promise<number> {
  for (const node of nodes) {
    const port = await ask(node.port, async (r) => {
      const slot = Number(await r.cluster("KEYSLOT", key));
      const ranges = await r.cluster("SLOTS");
      return ranges.find(([from, to]) => slot >= from && slot <= to)?.[2]?.[1];
    }).catch(() => undefined);
    if (port !== undefined) return port;
  }
  throw new Error("no node of the cluster answers");
}

export async function startCluster(o: { masters?: number; log?: (line: string) => void } = {}): Promise<RedisTopology> {
  const masters = o.masters ?? 3;
  const dir = mkdtempSync(join(tmpdir(), "cds-redis-cluster-"));
  const nodes: PrivateRedis[] = [];
  const buses = new Map<number, number>();
  for (let i = 0; i < masters * 2; i++) {
    const port = await findFreePort();
    // The cluster bus needs its own port; Redis 7 lets it be named instead of port + 10000.
    const bus = await findFreePort();
    const data = join(dir, `node-${port}`);
    mkdirSync(data, { recursive: true });
    nodes.push(
      await startPrivateRedis({
        port,
        dataDir: data,
        args: [
          "--cluster-enabled",
          "yes",
          "--cluster-config-file",
          "nodes.conf",
          "--cluster-node-timeout",
          "2000",
          "--cluster-port",
          String(bus),
          // Other deployments' slots stay served while one master fails over.
          "--cluster-require-full-coverage",
          "no",
        ],
      }),
    );
    buses.set(port, bus);
  }
  const ids = await Promise.all(nodes.map((n) => ask(n.port, (r) => r.cluster("MYID") as Promise<string>)));
  const SLOTS = 16_384;
  for (let m = 0; m < masters; m++) {
    const from = Math.floor((m * SLOTS) / masters);
    const to = Math.floor(((m + 1) * SLOTS) / masters) - 1;
    await ask(nodes[m]!.port, async (r) => {
      await r.cluster("ADDSLOTSRANGE", from, to);
      // Distinct epochs from the start, as redis-cli does: no collision to resolve.
      await r.cluster("SET-CONFIG-EPOCH", m + 1);
    });
  }
  const first = nodes[0]!;
  for (const n of nodes.slice(1))
    await ask(n.port, (r) => r.call("CLUSTER", "MEET", "127.0.0.1", first.port, buses.get(first.port)!));
  await until("cluster nodes meeting", async () => {
    const known = await Promise.all(
      nodes.map((n) =>
        ask(
          n.port,
          async (r) =>
            String(await r.cluster("NODES"))
              .trim()
              .split("\n").length,
        ),
      ),
    );
    return known.every((k) => k === nodes.length) ? true : undefined;
  });
  for (let m = 0; m < masters; m++) await ask(nodes[masters + m]!.port, (r) => r.cluster("REPLICATE", ids[m]!));
  await until("cluster ready with a replica per master", async () => {
    const states = await Promise.all(nodes.map((n) => ask(n.port, (r) => r.cluster("INFO") as Promise<string>)));
    if (!states.every((s) => infoField(s, "cluster_state") === "ok")) return undefined;
    const synced = await Promise.all(
      Array.from({ length: masters }, (_, m) => replicating(nodes[m]!.port, nodes[masters + m]!.port)),
    );
    return synced.every(Boolean) ? true : undefined;
  });
  o.log?.(`Redis Cluster up: ${masters} masters, ${masters} replicas, ports ${nodes.map((n) => n.port).join(", ")}`);
  const env = { REDIS_CLUSTER_NODES: nodes.map((n) => `127.0.0.1:${n.port}`).join(",") };
  const live = () => nodes.filter((n) => n.pid > 0);
  return {
    kind: "cluster",
    env,
    target: parseConfig(env).redis!,
    async masterOf(key) {
      return byPort(nodes, await clusterMasterPort(live(), key));
    },
    async failover(key) {
      const old = byPort(nodes, await clusterMasterPort(nodes, key));
      await old.kill();
      const others = nodes.filter((n) => n !== old);
      const to = await until("a replica promoted", async () => {
        const port = await clusterMasterPort(others, key);
        return port !== old.port ? port : undefined;
      });
      await old.start();
      await until("the old master rejoined as a replica", async () =>
        (await replicating(to, old.port)) ? true : undefined,
      );
      return { from: old.port, to };
    },
    async stop() {
      for (const n of nodes) await n.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function startSentinelGroup(o: { log?: (line: string) => void } = {}): Promise<RedisTopology> {
  const dir = mkdtempSync(join(tmpdir(), "cds-redis-sentinel-"));
  const master = await startPrivateRedis({ dataDir: join(dir, "a") });
  const replica = await startPrivateRedis({
    dataDir: join(dir, "b"),
    args: ["--replicaof", "127.0.0.1", String(master.port)],
  });
  const servers = [master, replica];
  const sentinels: PrivateRedis[] = [];
  for (let i = 0; i < 3; i++) {
    const configFile = join(dir, `sentinel-${i}.conf`);
    // Sentinel rewrites its file (what it learns of the group): it must be its own and writable.
    writeFileSync(
      configFile,
      [
        `sentinel monitor ${SENTINEL_NAME} 127.0.0.1 ${master.port} 2`,
        `sentinel down-after-milliseconds ${SENTINEL_NAME} 1000`,
        `sentinel failover-timeout ${SENTINEL_NAME} 4000`,
        `sentinel parallel-syncs ${SENTINEL_NAME} 1`,
        "",
      ].join("\n"),
    );
    sentinels.push(await startPrivateRedis({ configFile, args: ["--sentinel"] }));
  }
  const askSentinel = <T>(work: (r: Redis) => Promise<T>) =>
    Promise.any(sentinels.filter((s) => s.pid > 0).map((s) => ask(s.port, work)));
  const masterPort = () =>
    askSentinel(async (r) =>
      Number(((await r.call("SENTINEL", "GET-MASTER-ADDR-BY-NAME", SENTINEL_NAME)) as string[])[1]),
    );
  await until("sentinels watching the master, its replica and each other", async () => {
    const views = await Promise.all(
      sentinels.map((s) =>
        ask(s.port, async (r) => ({
          replicas: ((await r.call("SENTINEL", "REPLICAS", SENTINEL_NAME)) as unknown[]).length,
          others: ((await r.call("SENTINEL", "SENTINELS", SENTINEL_NAME)) as unknown[]).length,
        })),
      ),
    );
    const ready = views.every((v) => v.replicas === 1 && v.others === sentinels.length - 1);
    return ready && (await replicating(master.port, replica.port)) ? true : undefined;
  });
  o.log?.(
    `Redis Sentinel group up: master ${master.port}, replica ${replica.port}, sentinels ${sentinels.map((s) => s.port).join(", ")}`,
  );
  const env = {
    REDIS_SENTINELS: sentinels.map((s) => `127.0.0.1:${s.port}`).join(","),
    REDIS_SENTINEL_NAME: SENTINEL_NAME,
  };
  return {
    kind: "sentinel",
    env,
    target: parseConfig(env).redis!,
    async masterOf() {
      return byPort(servers, await masterPort());
    },
    async failover() {
      const old = byPort(servers, await masterPort());
      await old.kill();
      const to = await until("the sentinels promoting the replica", async () => {
        const port = await masterPort();
        if (port === old.port) return undefined;
        const role = await ask(port, (r) => r.info("replication"));
        return infoField(role, "role") === "master" ? port : undefined;
      });
      // It comes back believing it is the master; the sentinels turn it into the new master's replica.
      await old.start();
      await until("the old master rejoined as a replica", async () =>
        (await replicating(to, old.port)) ? true : undefined,
      );
      return { from: old.port, to };
    },
    async stop() {
      for (const s of sentinels) await s.stop();
      for (const s of servers) await s.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function startTopology(
  kind: ReplicatedTopology,
  o: { log?: (line: string) => void } = {},
): Promise<RedisTopology> {
  return kind === "cluster" ? startCluster(o) : startSentinelGroup(o);
}
