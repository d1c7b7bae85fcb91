import express, { Router } from "express";
import type { Logger } from "../../logger";
import type { InboundIntake } from "../../queues/inbound-intake";
import { checkWebhook, SDK_MAC_VARIANT, type WebhookVerifier } from "../../zalo/webhook";
import type { Metrics } from "../metrics";

/**
 * POST /webhooks/zalo: verify, deduplicate, enqueue, answer 200, all within a few milliseconds (Zalo
 * wants an answer within 2 s and retries otherwise). The work happens in the inbound queue's worker.
 */
export function webhookRoutes(deps: { verifier: WebhookVerifier; intake: InboundIntake; maxBodyBytes: number; logger: Logger; metrics: Metrics }): Router {
  const router = Router();
  const counted = (outcome: string) => deps.metrics.webhookEvents.inc({ outcome });
  /** Signature readings seen so far: the first event of each other than the SDK's is logged, once. */
  const variantsSeen = new Set<string>([SDK_MAC_VARIANT]);
  router.post("/webhooks/zalo", express.raw({ type: () => true, limit: deps.maxBodyBytes }), async (req, res) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    // Zalo probes a newly saved URL with an unsigned "{}": acknowledge it, process nothing.
    if (raw.toString("utf8").trim() === "{}") {
      res.json({ ok: true, probe: true });
      return;
    }
    const check = checkWebhook(raw, req.header("x-zevent-signature"), deps.verifier, req.header("x-zevent-timestamp"));
    if (!check.ok) {
      counted(`rejected:${check.status}`);
      deps.logger.warn({ reason: check.reason, status: check.status, ip: req.ip }, "webhook rejected");
      res.status(check.status).json({ error: check.status === 401 ? "invalid_signature" : "bad_event", message: check.reason });
      return;
    }
    deps.metrics.webhookSignatureVariants.inc({ variant: check.variant });
    if (!variantsSeen.has(check.variant)) {
      variantsSeen.add(check.variant);
      deps.logger.warn({ variant: check.variant }, "Zalo signed a webhook with a reading of the formula other than the official SDK's");
    }
    if ("ignored" in check) {
      counted(`ignored:${check.ignored}`);
      // A new or malformed event is worth a look; echoes, receipts and reactions are routine.
      const level = check.ignored === "unknown_event" || check.ignored === "unusable_shape" ? "info" : "debug";
      deps.logger[level]({ eventName: check.eventName, reason: check.ignored }, "signed webhook event acknowledged without processing");
      res.json({ ok: true, ignored: check.ignored });
      return;
    }
    const outcome = await deps.intake.accept(check.dedupeKey, { event: check.event, receivedAt: Date.now() });
    counted(outcome);
    res.json(outcome === "duplicate" ? { ok: true, duplicate: true } : { ok: true });
  });
  return router;
}
