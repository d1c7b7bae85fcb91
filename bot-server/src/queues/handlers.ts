import { backfillFollowers } from "../domain/followers/backfill-followers";
import { handleInboundEvent, type InboundDeps } from "../domain/inbound/handle-inbound-event";
import type { QueueHandlers } from "./worker-pool";

/** Every queue's consumer, in one place; each only parses (done by the pool) and calls domain code. */
export function createQueueHandlers(deps: { inbound: InboundDeps; backfill: Parameters<typeof backfillFollowers>[0] }): QueueHandlers {
  return {
    inbound: { concurrency: 16, handle: (data) => handleInboundEvent(deps.inbound, data.event) },
    followersBackfill: { concurrency: 1, handle: (data) => backfillFollowers(deps.backfill, data) },
  };
}
