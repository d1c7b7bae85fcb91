import { parseArgs } from "node:util";
import type { ChildProcess } from "node:child_process";
import { startDeliveryRig } from "./delivery-rig";

/**
 * `npm run chaos:delivery -- --followers N --kills K`: a digest to N followers across two worker processes;
 * one of them is SIGKILLed K times at random moments (and started again), and Redis is restarted once
 * (AOF on; its supervisor starts it again). Counted from the simulator: who got the digest once, twice,
 * or never. The last line is one JSON object; exit 1 if anyone got it twice or never.
 */
interface Outbox {
  kind: string;
  user_id?: string;
  text?: string;
}

const say = (line: string) => process.stderr.write(`${line}\n`);
let followers: number;
let kills: number;
try {
  const { values } = parseArgs({
    options: { followers: { type: "string", default: "50000" }, kills: { type: "string", default: "10" } },
    strict: true,
  });
  followers = Number(values.followers);
  kills = Number(values.kills);
  if (!Number.isInteger(followers) || followers < 1 || followers > 1_500_000)
    throw new Error("--followers must be 1 to 1,500,000");
  if (!Number.isInteger(kills) || kills < 0 || kills > 100) throw new Error("--kills must be 0 to 100");
} catch (err) {
  process.stderr.write(`chaos:delivery: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(2);
}

// A limited rate stretches the send over enough time for the kills to land in the middle of it.
const ratePerMinute = Math.max(6_000, Math.min(60_000, followers * 6));
const rig = await startDeliveryRig({ followers, workers: 2, ratePerMinute, log: say });
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
    if (redisRestarts === 0 && progress > 0.5) {
      say(`restarting redis-server ${rig.redis.pid}`);
      // SIGTERM: Redis writes its AOF and exits; its supervisor starts it again on the same data.
      process.kill(rig.redis.pid, "SIGTERM");
      redisRestarts++;
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
    redis_restarts: redisRestarts,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  exitCode = result.duplicates === 0 && result.lost === 0 ? 0 : 1;
} finally {
  await rig.close();
}
process.exit(exitCode);
