import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { defaultCatalogue } from "@cds/shared";
import { importDraft } from "../../bot-server/src/domain/indicators/import-draft";
import { publishSnapshot } from "../../bot-server/src/domain/indicators/publish-snapshot";
import { importReport } from "../../bot-server/src/domain/importer/import-report";
import { createReportRepository } from "../../bot-server/src/store/report-repository";
import { createSnapshotRepository } from "../../bot-server/src/store/snapshot-repository";
import { slotMaster } from "../../bot-server/src/store/slot-master";
import { runJsonChild } from "../bench/children";
import { percentile } from "../bench/load-generator";
import { startDeliveryRig } from "../chaos/delivery-rig";
import { TOPOLOGIES, type TopologyKind } from "../redis/topology";

/**
 * `npm run soak -- --minutes M`: a bulletin day on the local stack. A registry of 1.2 million followers in
 * Hải Dương, 50,000 of them active subscribers; the weekly post goes out (its broadcast article to every
 * follower, its CS digest to the subscribers at Zalo's 4,000 requests a minute); meanwhile, for M minutes,
 * followers answer (webhook events at 200 a second, a burst of 1,000 every minute: read receipts of the
 * digest and, among them, questions the bot must answer) and the mini app's citizens read the public API
 * (1,000 requests a second, spread over two API processes as a load balancer would: --api-processes). After
 * the M minutes the send runs to its end. The last line is one JSON object.
 *
 * Zalo's 4,000 calls a minute (67 a second) are shared by the digest and the bot's replies, replies first:
 * the questions are a share of the events the budget can answer (--texts-per-second, default 15), not all
 * 200 a second, which no OA could answer within a second.
 */
const say = (line: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);

function options() {
  try {
    const { values } = parseArgs({
      options: {
        minutes: { type: "string", default: "10" },
        followers: { type: "string", default: "1200000" },
        active: { type: "string", default: "50000" },
        "events-per-second": { type: "string", default: "200" },
        "texts-per-second": { type: "string", default: "15" },
        burst: { type: "string", default: "1000" },
        "api-rps": { type: "string", default: "1000" },
        "api-processes": { type: "string", default: "2" },
        topology: { type: "string", default: "single" },
      },
      strict: true,
    });
    const n = (name: keyof typeof values, min: number, max: number) => {
      const v = Number(values[name]);
      if (!Number.isFinite(v) || v < min || v > max) throw new Error(`--${name} must be ${min} to ${max}`);
      return v;
    };
    const o = {
      minutes: n("minutes", 0.1, 240),
      followers: n("followers", 2, 2_000_000),
      active: n("active", 1, 2_000_000),
      eventsPerSecond: n("events-per-second", 0, 5_000),
      textsPerSecond: n("texts-per-second", 0, 1_000),
      burst: n("burst", 0, 10_000),
      apiRps: n("api-rps", 1, 20_000),
      apiProcesses: n("api-processes", 1, 8),
      topology: values.topology as TopologyKind,
    };
    if (o.active > o.followers) throw new Error("--active cannot exceed --followers");
    if (o.textsPerSecond > o.eventsPerSecond) throw new Error("--texts-per-second cannot exceed --events-per-second");
    if (!TOPOLOGIES.includes(o.topology)) throw new Error(`--topology must be one of ${TOPOLOGIES.join(", ")}`);
    return o;
  } catch (err) {
    process.stderr.write(`soak: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  }
}

interface Outbox {
  seq: number;
  kind: string;
  message_id: string;
  user_id?: string;
  text?: string;
  at: string;
}

const o = options();
const ZALO_RATE_PER_MINUTE = 4_000;
const rig = await startDeliveryRig({
  followers: o.active,
  inactiveFollowers: o.followers - o.active,
  broadcast: true,
  workers: 2,
  ratePerMinute: ZALO_RATE_PER_MINUTE,
  topology: o.topology,
  log: say,
});
let exitCode = 1;
try {
  // The week the mini app shows: the founding report, published.
  const snapshots = createSnapshotRepository(rig.conn, rig.keys);
  const reportText = readFileSync(
    resolve(import.meta.dirname, "../../bot-server/seed/reports/bao-cao-tuan-5-thang-8-2024.txt"),
    "utf8",
  );
  const now = () => new Date();
  const draft = await importDraft(
    { snapshots, reports: createReportRepository(rig.conn, rig.keys), now },
    { name: "bao-cao.txt", text: reportText, result: importReport(reportText, defaultCatalogue), by: "soak" },
  );
  await publishSnapshot({ snapshots, now }, { week: draft.id, revision: draft.revision, by: "soak" });

  const durationMs = o.minutes * 60_000;
  say(`the weekly send starts; ${o.minutes} min of replies (${o.eventsPerSecond}/s) and API reads (${o.apiRps}/s)`);
  await rig.start();

  // Zalo's webhook goes to the first API process; the citizens' reads to all of them in turn.
  const apiUrls = [rig.apiUrl];
  while (apiUrls.length < o.apiProcesses) apiUrls.push(await rig.startApi());
  const api = runApiLoad(apiUrls.join(","), o.apiRps, durationMs);
  const storm = await runStorm(durationMs);
  const apiResult = await api;

  say("load over; waiting for the send to finish");
  const deadline = Date.now() + 90 * 60_000;
  for (;;) {
    const send = await rig.deps.sends.get(rig.postId).catch(() => undefined);
    if (send?.state === "done" || Date.now() > deadline) {
      if (send?.broadcast.state !== "in_review")
        say(`the broadcast ended ${send?.broadcast.state ?? "unknown"}: ${send?.broadcast.lastAnswer ?? ""}`);
      break;
    }
    await new Promise((r) => setTimeout(r, 2_000));
  }

  const outbox = await rig.simJson<Outbox[]>("/__sim/outbox");
  const digests = new Map<string, number>();
  const repliesByUser = new Map<string, number[]>();
  for (const e of outbox) {
    if (e.kind !== "cs" || !e.user_id) continue;
    if (e.text === rig.digest) digests.set(e.user_id, (digests.get(e.user_id) ?? 0) + 1);
    else {
      const replies = repliesByUser.get(e.user_id) ?? [];
      if (replies.length === 0) repliesByUser.set(e.user_id, replies);
      replies.push(Date.parse(e.at));
    }
  }
  const replyMs: number[] = [];
  let unanswered = 0;
  for (const t of storm.texts) {
    const answeredAt = repliesByUser.get(t.userId)?.find((at) => at >= t.sentAt);
    if (answeredAt === undefined) unanswered++;
    else replyMs.push(answeredAt - t.sentAt);
  }
  replyMs.sort((a, b) => a - b);
  const stats = await rig.simJson<{ rate_limited: number }>("/__sim/stats");
  const state = await rig.simJson<{ webhook: { attempt_outcomes: Record<string, number> }; broadcasts: unknown[] }>(
    "/__sim/state",
  );
  const webhook = state.webhook;
  // Submitted calls: Zalo delivers a broadcast after its review (about 30 minutes), past the run's end.
  const broadcasts = state.broadcasts.length;
  const server = await slotMaster(rig.conn, rig.keys.sendBudget);
  const peak = Number(/used_memory_peak:(\d+)/.exec(await server.info("memory"))?.[1] ?? 0);
  const duplicates = [...digests.values()].filter((n) => n > 1).length;
  const result = {
    minutes: o.minutes,
    followers: o.followers,
    active_subscribers: o.active,
    broadcasts,
    digest_delivered: digests.size,
    duplicates,
    lost: o.active - digests.size,
    rate_limit_errors: stats.rate_limited,
    webhook_events: storm.events,
    questions: storm.texts.length,
    unanswered,
    reply_p95_ms: Math.round(percentile(replyMs, 95)),
    api_requests: apiResult.requests,
    api_p99_ms: apiResult.p99_ms,
    api_non_200: apiResult.non200 + apiResult.errors,
    api_non_200_statuses: { ...apiResult.statuses, ...(apiResult.errors > 0 && { no_answer: apiResult.errors }) },
    webhook_non_200: Object.entries(webhook.attempt_outcomes)
      .filter(([status]) => status !== "200")
      .reduce((sum, [, n]) => sum + n, 0),
    redis_peak_mb: Math.round(peak / 1024 / 1024),
    topology: o.topology,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  exitCode =
    duplicates === 0 &&
    result.lost === 0 &&
    result.rate_limit_errors === 0 &&
    result.webhook_non_200 === 0 &&
    broadcasts === 1
      ? 0
      : 1;
} finally {
  await rig.close();
}
process.exit(exitCode);

/** The API load in its own process: its figures. */
function runApiLoad(
  base: string,
  rps: number,
  ms: number,
): Promise<{ requests: number; errors: number; non200: number; statuses: Record<string, number>; p99_ms: number }> {
  const paths = ["/api/v1/indicators", "/api/v1/posts", "/api/v1/catalogue", "/api/v1/snapshots"];
  return runJsonChild(resolve(import.meta.dirname, "api-load.ts"), [base, String(rps), String(ms), paths.join(",")]);
}

/**
 * The followers' side for `ms`: every second `eventsPerSecond` webhook events, a burst of `burst` more once
 * a minute; of them, `textsPerSecond` a second (and the same share of a burst) are questions from distinct
 * subscribers, the rest read receipts of digests already delivered. Returns the questions and when each left.
 */
async function runStorm(ms: number): Promise<{ events: number; texts: Array<{ userId: string; sentAt: number }> }> {
  const texts: Array<{ userId: string; sentAt: number }> = [];
  const delivered: Array<{ userId: string; messageId: string }> = [];
  let cursor = 0;
  let events = 0;
  let nextAsker = 0;
  const textShare = o.eventsPerSecond > 0 ? o.textsPerSecond / o.eventsPerSecond : 0;
  const started = Date.now();
  const fire = (count: number) => {
    const asks = Math.round(count * textShare);
    const jobs: Array<Promise<unknown>> = [];
    for (let i = 0; i < count; i++) {
      events++;
      if (i < asks && nextAsker < rig.followers.length) {
        const userId = rig.followers[nextAsker++]!;
        texts.push({ userId, sentAt: Date.now() });
        jobs.push(
          rig.simJson("/__sim/events", {
            event_name: "user_send_text",
            user_id: userId,
            text: "cho hỏi tỷ lệ hồ sơ trực tuyến tuần này bao nhiêu",
          }),
        );
      } else if (delivered.length > 0) {
        const d = delivered[Math.floor(Math.random() * delivered.length)]!;
        jobs.push(
          rig.simJson("/__sim/events", {
            event_name: Math.random() < 0.5 ? "user_received_message" : "user_seen_message",
            user_id: d.userId,
            msg_id: d.messageId,
          }),
        );
      } else events--;
    }
    return Promise.allSettled(jobs);
  };
  let second = 0;
  while (Date.now() - started < ms) {
    const tickStart = Date.now();
    // Digests delivered since the last look: the messages followers can have received and read.
    const fresh = await rig.simJson<Outbox[]>(`/__sim/outbox?since=${cursor}`);
    for (const e of fresh) {
      cursor = Math.max(cursor, e.seq + 1);
      if (e.kind === "cs" && e.text === rig.digest && e.user_id)
        delivered.push({ userId: e.user_id, messageId: e.message_id });
    }
    const burst = second > 0 && second % 60 === 0 ? o.burst : 0;
    void fire(o.eventsPerSecond + burst);
    second++;
    if (second % 60 === 0) say(`${second / 60} min: ${events} events, ${texts.length} questions`);
    await new Promise((r) => setTimeout(r, Math.max(0, 1_000 - (Date.now() - tickStart))));
  }
  return { events, texts };
}
