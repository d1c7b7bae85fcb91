import { UnrecoverableError } from "bullmq";
import { backfillFollowers } from "../domain/followers/backfill-followers";
import { handleInboundEvent, type InboundDeps } from "../domain/inbound/handle-inbound-event";
import { runBroadcast, sendDigestBatch, startSend, type SendDeps } from "../domain/delivery/send";
import { NotAZaloUserIdError } from "../store/follower-registry";
import { retryWillNotHelp, ZaloApiError } from "../zalo/errors";
import type { QueueHandlers } from "./worker-pool";

/** Every queue's consumer, in one place; each only parses (done by the pool) and calls domain code. */
export function createQueueHandlers(deps: {
  inbound: InboundDeps;
  backfill: Parameters<typeof backfillFollowers>[0];
  delivery: SendDeps;
}): QueueHandlers {
  return {
    delivery: {
      // Pages of one digest run side by side; the shared send budget sets the pace, not this number.
      concurrency: 8,
      // A page outlives any number of worker deaths: its ledger makes every rerun safe.
      maxStalledCount: 100,
      handle: (data) =>
        failFastIfHopeless(
          data.kind === "start"
            ? startSend(deps.delivery, data.postId)
            : data.kind === "broadcast"
              ? runBroadcast(deps.delivery, data.postId)
              : sendDigestBatch(deps.delivery, data.postId, data),
        ),
    },
    inbound: { concurrency: 16, handle: (data) => failFastIfHopeless(handleInboundEvent(deps.inbound, data.event)) },
    followersBackfill: { concurrency: 1, handle: (data) => failFastIfHopeless(backfillFollowers(deps.backfill, data)) },
  };
}

/**
 * A failure no retry can fix (Zalo says the request is wrong, or refuses until a person acts — package,
 * permission, billing, quota, content; a user id the registry cannot hold) ends the job at once: each retry
 * would only repeat its side effects. The person is told by the alarm the Zalo client raised.
 */
async function failFastIfHopeless<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    if ((err instanceof ZaloApiError && retryWillNotHelp(err.kind)) || err instanceof NotAZaloUserIdError)
      throw new UnrecoverableError(err.message);
    throw err;
  }
}
