import type { Router } from "express";
import { z } from "zod";
import type { SimContext } from "../context";
import { hexId } from "../state/ids";
import { buildEventPayload, EVENT_NAMES, isUserMessageEvent, WebhookUnavailable, type EventName } from "../webhook-sender";
import { badRequest, parseOr400 } from "./control-common";

const EventSchema = z
  .strictObject({
    event_name: z.enum(EVENT_NAMES),
    user_id: z.string().regex(/^\d{1,20}$/, "user_id must be a string of digits"),
    text: z.string().min(1).max(10_000).optional(),
    msg_id: z.string().regex(/^[0-9A-Za-z]{1,64}$/).optional(),
    timestamp: z.string().regex(/^\d{1,16}$/, "timestamp must be epoch milliseconds as a string").optional(),
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

/** Which events count as the user interacting with the OA (ZALO-PLATFORM A.2); receipts do not. */
function isInteraction(name: EventName): boolean {
  return name === "follow" || name.startsWith("user_send_") || name === "user_click_chatnow" || name === "user_submit_info";
}

/** Conversation `type` of a user message, as GET /v2.0/oa/conversation reports it. */
function conversationType(name: EventName): string {
  return name === "user_send_text" ? "text" : name.replace("user_send_", "");
}

export function registerEventControl(router: Router, ctx: SimContext): void {
  router.post("/events", async (req, res) => {
    const ev = parseOr400(EventSchema, req.body, res);
    if (!ev) return;
    const f = ctx.followers;
    if (f.isReservedId(ev.user_id)) {
      return badRequest(res, `user_id ${ev.user_id} has the synthetic-id shape but does not exist; seed it or pick another id`);
    }
    const now = ctx.clock.now();
    let i = f.indexOf(ev.user_id);
    if (i < 0) i = f.addExternal(ev.user_id, ctx.credentials.cityCode);
    const msgId = ev.msg_id ?? hexId();
    // State changes first: Zalo records the interaction whether or not the bot server is up.
    if (ev.event_name === "follow") f.setFollower(i, true, now);
    if (ev.event_name === "unfollow") f.setFollower(i, false, now);
    if (isInteraction(ev.event_name)) f.touch(i, now);
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
    try {
      const delivery = await ctx.webhook.deliver(payload, timestamp, ev.signature);
      res.json(delivery);
    } catch (err) {
      if (!(err instanceof WebhookUnavailable)) throw err;
      ctx.log({ event: "webhook_unreachable", error: err.message });
      res.status(502).json({ error: "webhook_unreachable", message: err.message, payload });
    }
  });
}
