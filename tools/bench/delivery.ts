import { parseArgs } from "node:util";
import { slotMaster } from "../../bot-server/src/store/slot-master";
import { createZaloClient } from "../../bot-server/src/zalo/client";
import { startDeliveryRig } from "../chaos/delivery-rig";
import { percentile } from "./load-generator";

/**
 * `npm run bench:delivery -- --followers N [--rate R] [--workers W] [--enqueue-only]`: one CS digest to N subscribed, active
 * followers across W worker processes (default 2), a chatbot message every 100 ms meanwhile, and the same
 * axios client sending the same requests straight to the simulator for comparison. Without --rate the
 * simulator has no limit (headroom); with it (requests a minute) the simulator and the send budget use R.
 * The last line is one JSON object (DESIGN §4's budgets).
 */
interface Outbox {
  seq: number;
  kind: string;
  user_id?: string;
  text?: string;
  at: string;
}

const say = (line: string) => process.stderr.write(`${line}\n`);

function args() {
  try {
    const { values } = parseArgs({
      options: {
        followers: { type: "string", default: "20000" },
        rate: { type: "string" },
        workers: { type: "string", default: "2" },
        "enqueue-only": { type: "boolean", default: false },
      },
      strict: true,
    });
    const followers = Number(values.followers);
    const rate = values.rate === undefined ? undefined : Number(values.rate);
    const workers = Number(values.workers);
    if (!Number.isInteger(followers) || followers < 1 || followers > 1_500_000)
      throw new Error("--followers must be 1 to 1,500,000");
    if (rate !== undefined && !(Number.isInteger(rate) && rate >= 60))
      throw new Error("--rate must be a whole number of requests a minute, at least 60");
    if (!Number.isInteger(workers) || workers < 1 || workers > 16) throw new Error("--workers must be 1 to 16");
    return { followers, rate, workers: values["enqueue-only"] ? 0 : workers, enqueueOnly: values["enqueue-only"] };
  } catch (err) {
    process.stderr.write(`bench:delivery: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  }
}

const o = args();
const rig = await startDeliveryRig({
  followers: o.followers,
  workers: o.workers,
  ...(o.rate !== undefined && { ratePerMinute: o.rate }),
  log: say,
});
try {
  const chatter = (await rig.simJson<{ sample_ids: string[] }>("/__sim/followers", { count: 1, active_within_days: 1 }))
    .sample_ids[0]!;
  // The same client, the same requests, straight to the simulator: what the pipeline is measured against,
  // before the send and after it (a large outbox slows the simulator); the better of the two counts. Only
  // without a rate: under one, these calls would spend the window the send is measured in (and cause -32).
  const token = (
    await rig.simJson<{ access_tokens: Array<{ access_token: string; expired: boolean }> }>("/__sim/tokens")
  ).access_tokens.find((t) => !t.expired)!.access_token;
  const client = createZaloClient({
    apiBase: rig.sim.url,
    tokens: { current: async () => token, refreshAfterRejection: async () => token },
  });
  const rawRate = async () => {
    const rawCount = Math.min(5_000, rig.followers.length);
    const rawStart = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < rawCount)
          await client.sendCs(rig.followers[next++]!, { text: "đo tốc độ" }, "bulk").catch(() => {});
      }),
    );
    return rawCount / ((performance.now() - rawStart) / 1000);
  };
  const rawBefore = o.rate === undefined ? await rawRate() : null;
  say(
    `starting the send to ${rig.followers.length} followers with ${o.workers} workers${o.rate ? ` at ${o.rate}/min` : ", no limit"}`,
  );
  const enqueueStart = performance.now();
  await rig.start();
  const enqueueSeconds = (performance.now() - enqueueStart) / 1000;
  if (o.enqueueOnly) {
    // Freezing the audience and queueing its pages, nothing sent: the budget for 1.2 million is 10 s.
    const send = await rig.deps.sends.get(rig.postId);
    process.stdout.write(
      `${JSON.stringify({ followers: rig.followers.length, recipients: send?.digest.recipients, batches: send?.digest.batches, enqueue_seconds: Math.round(enqueueSeconds * 100) / 100 })}\n`,
    );
  } else await measureSend({ enqueueSeconds, chatter, rawRate, rawBefore });
} finally {
  await rig.close();
}

/** The send itself, while a follower chats with the bot: what the budgets of DESIGN §4 are about. */
async function measureSend({
  enqueueSeconds,
  chatter,
  rawRate,
  rawBefore,
}: {
  enqueueSeconds: number;
  chatter: string;
  rawRate: () => Promise<number>;
  rawBefore: number | null;
}): Promise<void> {
  // A follower asks the bot something every 100 ms while the fan-out runs.
  const replyTimes: number[] = [];
  let chatting = true;
  const chat = (async () => {
    for (let n = 0; chatting; n++) {
      const sentAt = Date.now();
      const seqBefore = (await rig.simJson<Outbox[]>(`/__sim/outbox?user_id=${chatter}`)).length;
      await rig.simJson("/__sim/events", {
        event_name: "user_send_text",
        user_id: chatter,
        text: "chỉ số",
        msg_id: `bench${n}`,
      });
      void (async () => {
        for (let t = 0; t < 100; t++) {
          const replies = await rig.simJson<Outbox[]>(`/__sim/outbox?user_id=${chatter}`);
          if (replies.length > seqBefore) return replyTimes.push(Date.parse(replies.at(-1)!.at) - sentAt);
          await new Promise((r) => setTimeout(r, 20));
        }
      })();
      await new Promise((r) => setTimeout(r, 100));
    }
  })();

  const deadline = Date.now() + 30 * 60_000;
  for (;;) {
    const send = await rig.deps.sends.get(rig.postId);
    if (send?.state === "done" || Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  chatting = false;
  await chat;

  const outbox = await rig.simJson<Outbox[]>("/__sim/outbox");
  const digests = outbox.filter((e) => e.kind === "cs" && e.text === rig.digest);
  const perUser = new Map<string, number>();
  for (const d of digests) perUser.set(d.user_id!, (perUser.get(d.user_id!) ?? 0) + 1);
  const times = digests.map((d) => Date.parse(d.at)).sort((a, b) => a - b);
  const seconds = times.length > 1 ? (times.at(-1)! - times[0]!) / 1000 : 0;
  const mps = seconds > 0 ? (digests.length - 1) / seconds : digests.length;
  const stats = await rig.simJson<{ rate_limited: number }>("/__sim/stats");
  const server = await slotMaster(rig.conn, rig.keys.sendBudget);
  let ledgerBytes = 0;
  for (const k of rig.ledgerKeys) ledgerBytes += Number((await server.memory("USAGE", k)) ?? 0);

  const rawMps = rawBefore === null ? null : Math.max(rawBefore, await rawRate());
  const result = {
    followers: rig.followers.length,
    delivered: perUser.size,
    duplicates: [...perUser.values()].filter((n) => n > 1).length,
    lost: rig.followers.length - perUser.size,
    rate_limit_errors: stats.rate_limited,
    seconds: Math.round(seconds * 10) / 10,
    messages_per_second: Math.round(mps),
    configured_rate: o.rate ? Math.round((o.rate / 60) * 10) / 10 : null,
    rate_utilisation: o.rate ? Math.round((mps / (o.rate / 60)) * 1000) / 1000 : null,
    enqueue_seconds: Math.round(enqueueSeconds * 100) / 100,
    redis_bytes_per_recipient: Math.round((ledgerBytes / rig.followers.length) * 100) / 100,
    raw_client_messages_per_second: rawMps === null ? null : Math.round(rawMps),
    reply_p95_ms: replyTimes.length
      ? Math.round(
          percentile(
            replyTimes.sort((a, b) => a - b),
            95,
          ),
        )
      : null,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
