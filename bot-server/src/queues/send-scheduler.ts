import type { SendScheduler } from "../domain/delivery/ports";
import type { Producers } from "./producers";

/** A send's jobs are safe to run again (the ledger, the broadcast's record): they keep trying, at a steady pace. */
const PERSISTENT = { attempts: 100, backoff: { type: "fixed", delay: 2_000 } } as const;

/**
 * The send's jobs with deterministic ids: rescheduling replaces the start job, never adds a second; a
 * digest page is one job per round (a resume is a new round; the ledger skips whoever was settled).
 */
export function sendScheduler(producers: Producers, now: () => number = Date.now): SendScheduler {
  const startId = (postId: string) => `start-${postId}`;
  return {
    async scheduleStart(postId, atMs) {
      await producers.remove("delivery", startId(postId));
      await producers.add(
        "delivery",
        { kind: "start", postId },
        { ...PERSISTENT, jobId: startId(postId), delay: Math.max(0, atMs - now()) },
      );
    },
    async unscheduleStart(postId) {
      await producers.remove("delivery", startId(postId));
    },
    async enqueueBroadcast(postId) {
      await producers.add("delivery", { kind: "broadcast", postId }, { ...PERSISTENT, jobId: `broadcast-${postId}` });
    },
    async enqueueDigestBatches(postId, batches, round) {
      await producers.addBulk(
        "delivery",
        batches.map((b) => ({ kind: "digest" as const, postId, from: b.from, to: b.to })),
        (p) => ({ ...PERSISTENT, jobId: `digest-${postId}-${round}-${p.kind === "digest" ? p.from : 0}` }),
      );
    },
  };
}
