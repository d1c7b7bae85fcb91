import { handleInboundEvent, type InboundDeps } from "../domain/inbound/handle-inbound-event";
import type { QueueHandlers } from "./worker-pool";

/** Every queue's consumer, in one place; each only parses (done by the pool) and calls domain code. */
export function createQueueHandlers(deps: { inbound: InboundDeps }): QueueHandlers {
  return {
    inbound: { concurrency: 16, handle: (data) => handleInboundEvent(deps.inbound, data.event) },
  };
}
