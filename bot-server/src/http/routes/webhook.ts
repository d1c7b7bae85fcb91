import express, { Router } from "express";
import type { Logger } from "../../logger";
import type { InboundIntake } from "../../queues/inbound-intake";
import { checkWebhook, type WebhookVerifier } from "../../zalo/webhook";

/**
 * POST /webhooks/zalo: verify, deduplicate, enqueue, answer 200, all within a few milliseconds (Zalo
 * wants an answer within 2 s and retries otherwise). The work happens in the inbound queue's worker.
 */
export function webhookRoutes(deps: { verifier: WebhookVerifier; intake: InboundIntake; maxBodyBytes: number; logger: Logger }): Router {
  const router = Router();
  router.post("/webhooks/zalo", express.raw({ type: () => true, limit: deps.maxBodyBytes }), async (req, res) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    // Zalo probes a newly saved URL with an unsigned "{}": acknowledge it, process nothing.
    if (raw.toString("utf8").trim() === "{}") {
      res.json({ ok: true, probe: true });
      return;
    }
    const check = checkWebhook(raw, req.header("x-zevent-signature"), deps.verifier);
    if (!check.ok) {
      deps.logger.warn({ reason: check.reason, status: check.status, ip: req.ip }, "webhook rejected");
      res.status(check.status).json({ error: check.status === 401 ? "invalid_signature" : "bad_event", message: check.reason });
      return;
    }
    if ("ignored" in check) {
      res.json({ ok: true, ignored: check.ignored });
      return;
    }
    const outcome = await deps.intake.accept(check.dedupeKey, { event: check.event, receivedAt: Date.now() });
    if (outcome === "duplicate") {
      res.json({ ok: true, duplicate: true });
      return;
    }
    res.json({ ok: true });
  });
  return router;
}
