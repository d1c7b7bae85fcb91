import { z } from "zod";
import { verifyWebhookSignature } from "@cds/shared";
import { isZaloUserId } from "../store/follower-registry";

/**
 * Zalo's webhook wire format (ZALO-PLATFORM.md C): verification of `X-ZEvent-Signature` on the raw bytes,
 * the freshness of the body's `timestamp`, and the reduction of each payload to an InboundEvent.
 */
const id = z.union([z.string(), z.number()]).transform(String);

const envelopeSchema = z
  .object({
    event_name: z.string().min(1).max(64),
    timestamp: id,
    app_id: id.optional(),
    sender: z.object({ id }).partial().optional(),
    recipient: z.object({ id }).partial().optional(),
    follower: z.object({ id }).optional(),
    user_id: id.optional(),
    message: z
      .object({ text: z.string().optional(), msg_id: id.optional(), msg_ids: z.array(id).optional() })
      .passthrough()
      .optional(),
  })
  .passthrough();

export type InboundEvent =
  | { type: "follow" | "unfollow"; userId: string; at: number; eventName: string }
  | { type: "text"; userId: string; at: number; eventName: string; text: string; msgId?: string }
  | { type: "interaction"; userId: string; at: number; eventName: string; msgId?: string };

export type WebhookCheck =
  | { ok: true; event: InboundEvent; dedupeKey: string }
  | { ok: true; ignored: string }
  | { ok: false; status: 400 | 401; reason: string };

export interface WebhookVerifier {
  appId: string;
  oaSecretKey: string;
  /** Events older than this are refused (replays); Zalo's retries come within about an hour. */
  maxAgeMs: number;
  /** Clock skew allowed for timestamps in the future. */
  maxFutureMs: number;
  now: () => number;
}

/** Events the OA itself caused (echoes of our own sends) and delivery receipts carry no user intent. */
const IGNORED = /^(oa_send_|oa_reacted_|oa_call_|user_received_message$|user_seen_message$|change_|event_journey_)/;

export function checkWebhook(raw: Buffer, signature: string | undefined, v: WebhookVerifier): WebhookCheck {
  let json: unknown;
  try {
    json = JSON.parse(raw.toString("utf8"));
  } catch {
    return { ok: false, status: 400, reason: "body is not JSON" };
  }
  const parsed = envelopeSchema.safeParse(json);
  if (!parsed.success) return { ok: false, status: 400, reason: "not a Zalo event (event_name and timestamp are required)" };
  const e = parsed.data;
  if (!verifyWebhookSignature(signature, v.appId, raw, e.timestamp, v.oaSecretKey)) {
    return { ok: false, status: 401, reason: "signature does not match" };
  }
  const at = Number(e.timestamp);
  if (!Number.isFinite(at)) return { ok: false, status: 400, reason: "timestamp is not a number" };
  const age = v.now() - at;
  if (age > v.maxAgeMs || -age > v.maxFutureMs) return { ok: false, status: 400, reason: "timestamp outside the accepted window" };
  if (IGNORED.test(e.event_name)) return { ok: true, ignored: e.event_name };

  const userId = e.event_name === "follow" || e.event_name === "unfollow" ? e.follower?.id : (e.sender?.id ?? e.user_id);
  if (!userId) return { ok: true, ignored: `${e.event_name} without a user` };
  // Signed, so from Zalo, but not an id the registry can hold: acknowledge it rather than retry forever.
  if (!isZaloUserId(userId)) return { ok: true, ignored: `${e.event_name} with an unusable user id` };
  const msgId = e.message?.msg_id;
  const dedupeKey = msgId ? `m:${msgId}` : `e:${e.event_name}:${userId}:${e.timestamp}`;
  let event: InboundEvent;
  if (e.event_name === "follow" || e.event_name === "unfollow") event = { type: e.event_name, userId, at, eventName: e.event_name };
  else if (e.event_name === "user_send_text" && typeof e.message?.text === "string")
    event = { type: "text", userId, at, eventName: e.event_name, text: e.message.text, ...(msgId ? { msgId } : {}) };
  else event = { type: "interaction", userId, at, eventName: e.event_name, ...(msgId ? { msgId } : {}) };
  return { ok: true, event, dedupeKey };
}

export const inboundEventSchema: z.ZodType<InboundEvent> = z.discriminatedUnion("type", [
  z.object({ type: z.enum(["follow", "unfollow"]), userId: z.string(), at: z.number(), eventName: z.string() }),
  z.object({ type: z.literal("text"), userId: z.string(), at: z.number(), eventName: z.string(), text: z.string(), msgId: z.string().optional() }),
  z.object({ type: z.literal("interaction"), userId: z.string(), at: z.number(), eventName: z.string(), msgId: z.string().optional() }),
]);
