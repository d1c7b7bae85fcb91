import express, { Router, type ErrorRequestHandler, type Request, type Response } from "express";
import type { Logger } from "../../logger";
import type { InboundIntake } from "../../queues/inbound-intake";
import { checkWebhook, SDK_MAC_VARIANT, type WebhookVerifier } from "../../zalo/webhook";
import { withinDeadline } from "../../store/redis";
import type { Metrics } from "../metrics";
import { rejectionLog } from "./webhook-rejections";

const INTAKE_DEADLINE_MS = 1_500;
/** At most one "webhook rejected" line per address this often. */
const REJECTION_LOG_WINDOW_MS = 10_000;

/**
 * POST /webhooks/zalo: verify, deduplicate, enqueue, answer 200, all within a few milliseconds (Zalo
 * wants an answer within 2 s and retries otherwise). The work happens in the inbound queue's worker.
 */
export function webhookRoutes(deps: {
  verifier: WebhookVerifier;
  intake: InboundIntake;
  maxBodyBytes: number;
  logger: Logger;
  metrics: Metrics;
}): Router {
  const router = Router();
  const counted = (outcome: string) => deps.metrics.webhookEvents.inc({ outcome });
  /** Signature readings seen so far: the first event of each other than the SDK's is logged, once. */
  const variantsSeen = new Set<string>([SDK_MAC_VARIANT]);
  const rejections = rejectionLog({ windowMs: REJECTION_LOG_WINDOW_MS, maxAddresses: 10_000 });

  /** Every rejection is counted and answered; its log line is throttled per address. */
  const reject = (req: Request, res: Response, status: number, error: string, reason: string) => {
    counted(`rejected:${status}`);
    const address = req.ip ?? "unknown";
    const report = rejections.record(address, Date.now());
    if (report > 0)
      deps.logger.warn({ reason, status, ip: address, rejectionsFromAddress: report }, "webhook rejected");
    res.status(status).json({ error, message: reason });
  };

  router.post("/webhooks/zalo", express.raw({ type: () => true, limit: deps.maxBodyBytes }), async (req, res) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    // Zalo probes a newly saved URL with an unsigned "{}": acknowledge it, process nothing.
    if (raw.toString("utf8").trim() === "{}") {
      res.json({ ok: true, probe: true });
      return;
    }
    const check = checkWebhook(raw, req.header("x-zevent-signature"), deps.verifier, req.header("x-zevent-timestamp"));
    if (!check.ok) {
      reject(req, res, check.status, check.status === 401 ? "invalid_signature" : "bad_event", check.reason);
      return;
    }
    deps.metrics.webhookSignatureVariants.inc({ variant: check.variant });
    if (!variantsSeen.has(check.variant)) {
      variantsSeen.add(check.variant);
      deps.logger.warn(
        { variant: check.variant },
        "Zalo signed a webhook with a reading of the formula other than the official SDK's",
      );
    }
    if ("ignored" in check) {
      counted(`ignored:${check.ignored}`);
      // A new or malformed event is worth a look; echoes, receipts and reactions are routine.
      const level = check.ignored === "unknown_event" || check.ignored === "unusable_shape" ? "info" : "debug";
      deps.logger[level](
        { eventName: check.eventName, reason: check.ignored },
        "signed webhook event acknowledged without processing",
      );
      res.json({ ok: true, ignored: check.ignored });
      return;
    }
    // Zalo waits 2 s: a Redis that is down answers 503 well before, and Zalo retries the event later.
    const outcome = await withinDeadline(
      deps.intake.accept(check.dedupeKey, { event: check.event, receivedAt: Date.now() }),
      INTAKE_DEADLINE_MS,
      "webhook intake",
    );
    counted(outcome);
    res.json(outcome === "duplicate" ? { ok: true, duplicate: true } : { ok: true });
  });
  // A body over the limit, or one that cannot be read, is a rejected delivery like any other.
  const bodyErrors: ErrorRequestHandler = (err, req, res, next) => {
    const status = typeof err?.status === "number" ? err.status : 0;
    if (status < 400 || status >= 500) return next(err);
    reject(
      req,
      res,
      status,
      status === 413 ? "payload_too_large" : "bad_event",
      status === 413 ? `body over ${deps.maxBodyBytes} bytes` : "body could not be read",
    );
  };
  router.use("/webhooks/zalo", bodyErrors);
  return router;
}
