import { Queue } from "bullmq";
import { createQueueConnection } from "../../bot-server/src/store/redis";
import { startSandboxRig } from "./sandbox-rig";

/**
 * The chat chaos run (`npm run chaos:chat -- --events N`, tools/chaos/chat-cli.ts): N followers each send the OA one signed message through the Zalo
 * simulator, to a bot server run as an api and a worker process on a private, supervised Redis (AOF on).
 * A third of the way in, Redis is killed (SIGKILL; its supervisor restarts it); two thirds in, the worker
 * is killed (SIGKILL) and started again. Zalo retries what was not acknowledged, along its ladder (the
 * simulator's clock is moved so that takes seconds, not minutes). Everything is counted from the
 * simulator: how many events were acknowledged, how many followers got one answer, two, or none.
 */
export interface ChatChaosResult {
  events: number;
  accepted: number;
  answered: number;
  answered_twice: number;
  lost: number;
  http_5xx_other_than_503: number;
  /** Deliveries the server answered 503 (Redis down): Zalo retries them. */
  http_503: number;
  redis_restarts: number;
  worker_kills: number;
  ready_again: boolean;
  /** The inbound queue's jobs by state at the end. */
  inbound_jobs: Record<string, number>;
  seconds: number;
}

const BATCH = 25;
/** Ladder rungs are moved through in 30 s steps of simulator time, each a real pause for the retries to land. */
const CLOCK_STEP_MS = 30_000;

interface Outbox {
  kind: string;
  user_id?: string;
}

export async function runChatChaos(o: {
  events: number;
  log?: (line: string) => void;
  deadlineMs?: number;
}): Promise<ChatChaosResult> {
  const log = o.log ?? (() => {});
  const started = Date.now();
  const deadline = started + (o.deadlineMs ?? 120_000 + o.events * 100);
  const rig = await startSandboxRig({ label: "chaos-chat", log });
  const { sim, simJson } = rig;
  const redis = rig.redis!;
  try {
    const api = await rig.startProcess("api");
    let worker = (await rig.startProcess("worker")).child;
    sim.setWebhookUrl(`${api.url}/webhooks/zalo`);

    await simJson("/__sim/followers", { count: o.events, active_within_days: 1 });
    const { ids } = await simJson<{ ids: string[] }>(`/__sim/followers?limit=${o.events}`);
    let redisKilled = false;
    let workerKills = 0;
    for (let start = 0; start < ids.length; start += BATCH) {
      if (!redisKilled && start >= ids.length / 3) {
        redisKilled = true;
        log(`killing redis-server ${redis.pid}`);
        process.kill(redis.pid, "SIGKILL");
      }
      if (workerKills === 0 && start >= (2 * ids.length) / 3) {
        workerKills = 1;
        log(`killing the worker ${worker.pid}`);
        worker.kill("SIGKILL");
        await new Promise((r) => worker.once("exit", r));
        worker = (await rig.startProcess("worker")).child;
      }
      const events = ids.slice(start, start + BATCH).map((user_id) => ({
        event_name: "user_send_text",
        user_id,
        text: "chỉ số tuần này",
        msg_id: `chaos${user_id}`,
      }));
      await simJson("/__sim/events/batch", { events, concurrency: 8 });
    }

    const replies = async () => {
      const outbox = await simJson<Outbox[]>("/__sim/outbox");
      const perUser = new Map<string, number>();
      for (const e of outbox)
        if (e.kind === "cs" && e.user_id) perUser.set(e.user_id, (perUser.get(e.user_id) ?? 0) + 1);
      return perUser;
    };
    // Zalo retries what was not acknowledged: move its clock a rung at a time until nothing is pending and
    // every follower has an answer (or the deadline passes: what is missing then is lost).
    for (;;) {
      const state = await simJson<{ webhook: { pending_retries: unknown[] } }>("/__sim/state");
      const answered = [...(await replies()).keys()].filter((id) => ids.includes(id)).length;
      if ((state.webhook.pending_retries.length === 0 && answered === ids.length) || Date.now() > deadline) break;
      if (state.webhook.pending_retries.length > 0) await simJson("/__sim/clock", { advanceMs: CLOCK_STEP_MS });
      await new Promise((r) => setTimeout(r, 500));
    }
    // A marker from a new follower, sent after everything else: once it is answered, every earlier job has
    // had its turn, so a reply that would come twice has come.
    const { sample_ids } = await simJson<{ sample_ids: string[] }>("/__sim/followers", {
      count: 1,
      active_within_days: 1,
    });
    const marker = sample_ids[0]!;
    await simJson("/__sim/events", {
      event_name: "user_send_text",
      user_id: marker,
      text: "menu",
      timestamp: String(Date.now()),
    });
    while (!(await replies()).has(marker) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));

    const perUser = await replies();
    const counts = ids.map((id) => perUser.get(id) ?? 0);
    const state = await simJson<{ webhook: { sent: number; attempt_outcomes: Record<string, number> } }>(
      "/__sim/state",
    );
    const ready = await fetch(`${api.url}/readyz`).then(
      (r) => r.status === 200,
      () => false,
    );
    // Where the jobs ended: what explains a loss, if there is one.
    const queue = new Queue("inbound", {
      connection: createQueueConnection(rig.target, "chaos-count"),
      prefix: rig.keys.bullPrefix,
    });
    const jobs = await queue.getJobCounts("waiting", "active", "delayed", "failed", "completed");
    await queue.close();
    return {
      events: ids.length,
      accepted: state.webhook.sent - (perUser.has(marker) ? 1 : 0),
      answered: counts.filter((n) => n >= 1).length,
      answered_twice: counts.filter((n) => n >= 2).length,
      lost: counts.filter((n) => n === 0).length,
      http_5xx_other_than_503: Object.entries(state.webhook.attempt_outcomes)
        .filter(([status]) => /^5\d\d$/.test(status) && status !== "503")
        .reduce((sum, [, n]) => sum + n, 0),
      http_503: state.webhook.attempt_outcomes["503"] ?? 0,
      redis_restarts: redis.restarts,
      worker_kills: workerKills,
      ready_again: ready,
      inbound_jobs: jobs,
      seconds: Math.round((Date.now() - started) / 100) / 10,
    };
  } finally {
    await rig.close();
  }
}
