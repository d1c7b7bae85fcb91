import { parseArgs } from "node:util";
import type { ChildProcess } from "node:child_process";
import { startDeliveryRig } from "./delivery-rig";
import { TOPOLOGIES, type TopologyKind } from "../redis/topology";

/**
 * `npm run chaos:delivery -- --followers N --kills K [--topology single|cluster|sentinel] [--failovers F]`:
 * a digest to N followers across two worker processes; one of them is SIGKILLed K times at random moments
 * (and started again). On one Redis (the default), Redis is restarted once (AOF on; its supervisor starts
 * it again). On a local Cluster or Sentinel group, the master holding the send's slot is killed F times
 * during the fan-out: a replica takes over, the old master comes back as its replica. Counted from the
 * simulator: who got the digest once, twice, or never. The last line is one JSON object; exit 1 if anyone
 * got it twice or never.
 */
interface Outbox {
  kind: string;
  user_id?: string;
  text?: string;
}

const say = (line: string) => process.stderr.write(`${line}\n`);
let followers: number;
let kills: number;
let topology: TopologyKind;
let failovers: number;
try {
  const { values } = parseArgs({
    options: {
      followers: { type: "string", default: "50000" },
      kills: { type: "string", default: "10" },
      topology: { type: "string", default: "single" },
      failovers: { type: "string" },
    },
    strict: true,
  });
  followers = Number(values.followers);
  kills = Number(values.kills);
  topology = values.topology as TopologyKind;
  if (!Number.isInteger(followers) || followers < 1 || followers > 1_500_000)
    throw new Error("--followers must be 1 to 1,500,000");
  if (!Number.isInteger(kills) || kills < 0 || kills > 100) throw new Error("--kills must be 0 to 100");
  if (!TOPOLOGIES.includes(topology)) throw new Error(`--topology must be one of ${TOPOLOGIES.join(", ")}`);
  failovers = Number(values.failovers ?? (topology === "single" ? 0 : 2));
  if (!Number.isInteger(failovers) || failovers < 0 || failovers > 10) throw new Error("--failovers must be 0 to 10");
  if (topology === "single" && failovers > 0)
    throw new Error("--failovers needs --topology cluster or sentinel (one Redis has no replica)");
} catch (err) {
  process.stderr.write(`chaos:delivery: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(2);
}

// A limited rate stretches the send over enough time for the kills to land in the middle of it.
const ratePerMinute = Math.max(6_000, Math.min(60_000, followers * 6));
const rig = await startDeliveryRig({ followers, workers: 2, ratePerMinute, topology, log: say });
let exitCode = 1;
try {
  await rig.start();
  let last = { done: false, settled: 0 };
  /** Where the send stands; while Redis restarts, where it stood. */
  const settled = async () => {
    try {
      const send = await rig.deps.sends.get(rig.postId);
      const c = await rig.deps.sends.counts(rig.postId);
      last = { done: send?.state === "done", settled: c.sent + c.failed + c.skipped };
    } catch {
      // Redis is restarting: ask again on the next round.
    }
    return last;
  };
  let killed = 0;
  let redisRestarts = 0;
  let failedOver = 0;
  const victims: ChildProcess[] = [...rig.workers];
  const deadline = Date.now() + 30 * 60_000;
  for (;;) {
    const s = await settled();
    if (s.done || Date.now() > deadline) break;
    const progress = s.settled / followers;
    if (killed < kills && progress > (killed + 1) / (kills + 2)) {
      const victim = victims.shift()!;
      say(`killing worker ${victim.pid} at ${Math.round(progress * 100)}%`);
      victim.kill("SIGKILL");
      await new Promise((r) => victim.once("exit", r));
      victims.push(await rig.startWorker());
      killed++;
    }
    if (rig.redis && redisRestarts === 0 && progress > 0.5) {
      say(`restarting redis-server ${rig.redis.pid}`);
      // SIGTERM: Redis writes its AOF and exits; its supervisor starts it again on the same data.
      process.kill(rig.redis.pid, "SIGTERM");
      redisRestarts++;
    }
    if (rig.topology && failedOver < failovers && progress > (failedOver + 0.5) / (failovers + 1)) {
      say(`killing the master of the send's slot at ${Math.round(progress * 100)}%`);
      const { from, to } = await rig.topology.failover(rig.keys.sendBudget);
      say(`failed over from ${from} to ${to}; the old master is back as its replica`);
      failedOver++;
    }
    await new Promise((r) => setTimeout(r, 100 + Math.random() * 400));
  }
  const outbox = await rig.simJson<Outbox[]>("/__sim/outbox");
  const perUser = new Map<string, number>();
  for (const e of outbox)
    if (e.kind === "cs" && e.text === rig.digest) perUser.set(e.user_id!, (perUser.get(e.user_id!) ?? 0) + 1);
  const result = {
    followers,
    delivered: perUser.size,
    duplicates: [...perUser.values()].filter((n) => n > 1).length,
    lost: followers - perUser.size,
    kills: killed,
    topology,
    failovers: failedOver,
    redis_restarts: redisRestarts,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  exitCode = result.duplicates === 0 && result.lost === 0 ? 0 : 1;
} finally {
  await rig.close();
}
process.exit(exitCode);
