import type { WebhookDedupe } from "../store/webhook-dedupe";
import type { QueuePayload } from "./definitions";
import type { Producers } from "./producers";

type Outcome = "accepted" | "duplicate";

interface Pending {
  dedupeKey: string;
  payload: QueuePayload<"inbound">;
  settle: (err: Error | null, outcome?: Outcome) => void;
}

const MAX_BATCH = 256;

/**
 * Takes verified webhook events into the inbound queue. Events that arrive together are claimed (dedupe)
 * and enqueued together, one pipeline and one bulk add per batch: at Zalo's peak a round trip per event
 * would cap the webhook's throughput. Each caller still learns its own event's fate before answering Zalo.
 */
export function createInboundIntake(deps: { dedupe: WebhookDedupe; producers: Producers }) {
  const batch: Pending[] = [];
  let scheduled = false;

  async function flush(items: Pending[]): Promise<void> {
    let claimed: boolean[];
    try {
      claimed = await deps.dedupe.claimMany(items.map((i) => i.dedupeKey));
    } catch (err) {
      for (const i of items) i.settle(err as Error);
      return;
    }
    const fresh = items.filter((_, n) => claimed[n]);
    try {
      if (fresh.length)
        await deps.producers.addBulk(
          "inbound",
          fresh.map((i) => i.payload),
        );
    } catch (err) {
      // Release the claims so Zalo's retry is not mistaken for a duplicate.
      await deps.dedupe.releaseMany(fresh.map((i) => i.dedupeKey)).catch(() => {});
      for (const i of fresh) i.settle(err as Error);
      for (const i of items.filter((_, n) => !claimed[n])) i.settle(null, "duplicate");
      return;
    }
    // Queued: from here a lost confirmation only means a retry may be processed again (replies are deduplicated).
    await deps.dedupe.confirmMany(fresh.map((i) => i.dedupeKey)).catch(() => {});
    items.forEach((i, n) => i.settle(null, claimed[n] ? "accepted" : "duplicate"));
  }

  function schedule(): void {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      while (batch.length) void flush(batch.splice(0, MAX_BATCH));
    });
  }

  return {
    accept(dedupeKey: string, payload: QueuePayload<"inbound">): Promise<Outcome> {
      return new Promise((resolve, reject) => {
        batch.push({ dedupeKey, payload, settle: (err, outcome) => (err ? reject(err) : resolve(outcome!)) });
        schedule();
      });
    },
  };
}

export type InboundIntake = ReturnType<typeof createInboundIntake>;
