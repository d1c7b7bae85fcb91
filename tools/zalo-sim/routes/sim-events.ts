import { isInteractionEvent } from "@cds/shared";
import type { Router } from "express";
import { z } from "zod";
import type { SimContext } from "../context";
import { hexId } from "../state/ids";
import {
  buildEventPayload,
  EVENT_NAMES,
  isUserMessageEvent,
  WebhookUnavailable,
  type EventName,
} from "../webhook-sender";
import { badRequest, parseOr400 } from "./control-common";

const EventSchema = z
  .strictObject({
    event_name: z.enum(EVENT_NAMES),
    user_id: z.string().regex(/^\d{1,20}$/, "user_id must be a string of digits"),
    text: z.string().min(1).max(10_000).optional(),
    msg_id: z
      .string()
      .regex(/^[0-9A-Za-z]{1,64}$/)
      .optional(),
    timestamp: z
      .string()
      .regex(/^\d{1,16}$/, "timestamp must be epoch milliseconds as a string")
      .optional(),
    signature: z.enum(["valid", "forged", "missing"]).default("valid"),
    attachment_url: z.url().optional(),
    source: z.string().min(1).max(64).optional(),
    info: z.record(z.string(), z.string()).optional(),
  })
  .refine((e) => e.event_name !== "user_send_text" || e.text !== undefined, {
    message: "user_send_text needs text",
    path: ["text"],
  })
  .refine((e) => !["user_seen_message", "user_received_message"].includes(e.event_name) || e.msg_id !== undefined, {
    message: "receipts need the msg_id of the OA message",
    path: ["msg_id"],
  });

/** Conversation `type` of a user message, as GET /v2.0/oa/conversation reports it. */
function conversationType(name: EventName): string {
  return name === "user_send_text" ? "text" : name.replace("user_send_", "");
}

type EventRequest = z.output<typeof EventSchema>;

/**
 * What Zalo records when a user acts, whether or not the bot server is up: following, the last interaction,
 * the conversation. Returns the signed delivery to make, or a reason to refuse the request.
 */
function recordEvent(
  ctx: SimContext,
  ev: EventRequest,
): { payload: Record<string, unknown>; timestamp: string } | { refused: string } {
  const f = ctx.followers;
  if (f.isReservedId(ev.user_id))
    return {
      refused: `user_id ${ev.user_id} has the synthetic-id shape but does not exist; seed it or pick another id`,
    };
  const now = ctx.clock.now();
  let i = f.indexOf(ev.user_id);
  if (i < 0) i = f.addExternal(ev.user_id, Number(ctx.settings.homeCity));
  const msgId = ev.msg_id ?? hexId();
  if (ev.event_name === "follow") f.setFollower(i, true, now);
  if (ev.event_name === "unfollow") f.setFollower(i, false, now);
  if (isInteractionEvent(ev.event_name)) f.touch(i, now);
  // A repeated msg_id is Zalo retrying the same event: deliver again, record once.
  if (isUserMessageEvent(ev.event_name) && !ctx.conversations.has(i, msgId)) {
    ctx.conversations.append(i, {
      message_id: msgId,
      src: 1,
      time: String(now),
      type: conversationType(ev.event_name),
      message: ev.text ?? "",
      from_id: ev.user_id,
      to_id: ctx.credentials.oaId,
    });
  }
  const timestamp = ev.timestamp ?? String(now);
  const payload = buildEventPayload(ctx.credentials, {
    eventName: ev.event_name,
    userId: ev.user_id,
    userIdByApp: f.appIdOf(i),
    msgId,
    timestamp,
    ...(ev.text !== undefined && { text: ev.text }),
    ...(ev.attachment_url !== undefined && { attachmentUrl: ev.attachment_url }),
    ...(ev.source !== undefined && { source: ev.source }),
    ...(ev.info !== undefined && { info: ev.info }),
  });
  return { payload, timestamp };
}

/** The first attempt's outcome as the control API reports it (retries go on in the background). */
async function deliverReport(
  ctx: SimContext,
  payload: Record<string, unknown>,
  timestamp: string,
  signature: EventRequest["signature"],
) {
  try {
    return { status: 200, body: await ctx.webhook.deliver(payload, timestamp, signature) };
  } catch (err) {
    if (!(err instanceof WebhookUnavailable)) throw err;
    ctx.log({ event: "webhook_unreachable", error: err.message });
    const retryAt = err.retryAt === undefined ? {} : { retry_at: new Date(err.retryAt).toISOString() };
    return { status: 502, body: { error: "webhook_unreachable", message: err.message, payload, ...retryAt } };
  }
}

const BatchSchema = z.strictObject({
  events: z.array(EventSchema).min(1).max(1000),
  /** "shuffled": delivered in a random order, as Zalo does not promise order (ZALO-PLATFORM H.4). */
  order: z.enum(["as_given", "shuffled"]).default("shuffled"),
  concurrency: z.number().int().min(1).max(64).default(8),
});

export function registerEventControl(router: Router, ctx: SimContext): void {
  router.post("/events", async (req, res) => {
    const ev = parseOr400(EventSchema, req.body, res);
    if (!ev) return;
    const recorded = recordEvent(ctx, ev);
    if ("refused" in recorded) return badRequest(res, recorded.refused);
    const report = await deliverReport(ctx, recorded.payload, recorded.timestamp, ev.signature);
    res.status(report.status).json(report.body);
  });

  /** Several events recorded in the order given, then delivered concurrently and, by default, out of order. */
  router.post("/events/batch", async (req, res) => {
    const batch = parseOr400(BatchSchema, req.body, res);
    if (!batch) return;
    const deliveries: Array<{
      index: number;
      payload: Record<string, unknown>;
      timestamp: string;
      signature: EventRequest["signature"];
    }> = [];
    for (const [index, ev] of batch.events.entries()) {
      const recorded = recordEvent(ctx, ev);
      if ("refused" in recorded) return badRequest(res, `events[${index}]: ${recorded.refused}`);
      deliveries.push({ index, ...recorded, signature: ev.signature });
    }
    if (batch.order === "shuffled") {
      for (let k = deliveries.length - 1; k > 0; k--) {
        const j = Math.floor(Math.random() * (k + 1));
        [deliveries[k], deliveries[j]] = [deliveries[j]!, deliveries[k]!];
      }
    }
    const results = new Array<{ index: number; status: number; body: unknown }>(deliveries.length);
    let next = 0;
    const lane = async () => {
      while (next < deliveries.length) {
        const n = next++;
        const d = deliveries[n]!;
        results[n] = { index: d.index, ...(await deliverReport(ctx, d.payload, d.timestamp, d.signature)) };
      }
    };
    await Promise.all(Array.from({ length: Math.min(batch.concurrency, deliveries.length) }, lane));
    res.json({ delivery_order: deliveries.map((d) => d.index), results });
  });
}
