import { z } from "zod";
import { isInteractionEvent, matchWebhookSignature, type MacVariant } from "@cds/shared";
import { isZaloUserId } from "../store/follower-registry";
import { parseJsonKeepingBigIntegers } from "./json";
import type { InboundEvent } from "../domain/inbound/ports";

/**
 * Zalo's webhook wire format (ZALO-PLATFORM.md C): verification of `X-ZEvent-Signature` on the raw bytes,
 * the freshness of the `timestamp`, and the reduction of each payload to an InboundEvent.
 */
// Unquoted ids reach here as strings when they are long (the parser keeps them); a short number is exact.
const id = z.union([z.string(), z.number().int().nonnegative().refine(Number.isSafeInteger)]).transform(String);

const envelopeSchema = z
  .object({
    event_name: z.string().min(1).max(64),
    timestamp: id.optional(),
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

export type { InboundEvent };

/** Why a verified event is acknowledged without being processed (counted in /metrics by this reason). */
export type IgnoredReason =
  "echo_or_receipt" | "not_an_interaction" | "unknown_event" | "unusable_shape" | "no_user" | "unusable_user_id";

export type WebhookCheck =
  | { ok: true; variant: string; event: InboundEvent; dedupeKey: string }
  | { ok: true; variant: string; ignored: IgnoredReason; eventName: string }
  | { ok: false; status: 400 | 401; reason: string };

export interface WebhookVerifier {
  appId: string;
  oaId: string;
  oaSecretKey: string;
  appSecret: string;
  /** Events older than this are refused (replays); it must cover Zalo's whole retry ladder. */
  maxAgeMs: number;
  /** Clock skew allowed for timestamps in the future. */
  maxFutureMs: number;
  now: () => number;
}

/** Events the OA itself caused (echoes of our own sends) and delivery receipts carry no user intent. */
const ECHO_OR_RECEIPT =
  /^(oa_send_|oa_reacted_|oa_call_|user_received_message$|user_seen_message$|change_|event_journey_)/;

/** The event names Zalo documents (ZALO-PLATFORM C.3); an event outside them is logged as new to us. */
const KNOWN_EVENT = new RegExp(
  "^(follow|unfollow|user_send_\\w+|user_submit_info|user_received_message|user_seen_message|user_reacted_message|user_click_chatnow|" +
    "add_user_to_tag|oa_\\w+|anonymous_\\w+|user_reply_consent|user_call_oa|user_feedback|shop_has_order|change_\\w+|event_journey_\\w+|" +
    "create_group|user_join_group|user_request_join_group|react_request_join_group|reject_request_join_group|add_group_admin|remove_group_admin|user_send_group_\\w+)$",
);

/**
 * The readings of the signature formula that sources report (ZALO-PLATFORM C.2, H.1), the official SDK's
 * first: app id or OA id or nothing first, the body's or the header's timestamp, the OA secret key or the
 * app secret. Each needs one of our secrets, so accepting any of them lets no outsider in.
 */
function macVariants(
  v: WebhookVerifier,
  bodyTimestamp: string | undefined,
  headerTimestamp: string | undefined,
): MacVariant[] {
  const out: MacVariant[] = [];
  for (const [tsName, timestamp] of [
    ["body_ts", bodyTimestamp],
    ["header_ts", headerTimestamp],
  ] as const) {
    if (timestamp === undefined) continue;
    for (const [secretName, secret] of [
      ["oa_secret", v.oaSecretKey],
      ["app_secret", v.appSecret],
    ] as const) {
      for (const [firstName, firstTerm] of [
        ["app_id", v.appId],
        ["oa_id", v.oaId],
        ["no_id", ""],
      ] as const) {
        out.push({ name: `${firstName}+${tsName}+${secretName}`, firstTerm, timestamp, secret });
      }
    }
  }
  return out;
}

/** The SDK's own reading (MacUtils.buildMac): what a signature from Zalo is expected to match. */
export const SDK_MAC_VARIANT = "app_id+body_ts+oa_secret";

function timestampText(v: unknown): string | undefined {
  if (typeof v === "string" && /^\d{1,16}$/.test(v)) return v;
  if (typeof v === "number" && Number.isSafeInteger(v) && v >= 0) return String(v);
  return undefined;
}

/**
 * Verifies an event and reduces it to what the server acts on. Only what cannot be verified (not JSON, no
 * or a wrong signature) or is outside the replay window gets a 4xx: a signed event the server cannot use
 * is acknowledged, since Zalo would otherwise retry it and in the end disable the webhook.
 */
export function checkWebhook(
  raw: Buffer,
  signature: string | undefined,
  v: WebhookVerifier,
  headerTimestamp?: string,
): WebhookCheck {
  let json: unknown;
  try {
    // Ids beyond 2^53 stay exact even when a sender leaves them unquoted.
    json = parseJsonKeepingBigIntegers(raw.toString("utf8"));
  } catch {
    return { ok: false, status: 400, reason: "body is not JSON" };
  }
  const body =
    typeof json === "object" && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : {};
  const bodyTs = timestampText(body.timestamp);
  const headerTs = timestampText(headerTimestamp);
  if (bodyTs === undefined && headerTs === undefined)
    return { ok: false, status: 401, reason: "no timestamp to verify the signature with" };
  const variant = matchWebhookSignature(signature, raw, macVariants(v, bodyTs, headerTs));
  if (!variant) return { ok: false, status: 401, reason: signature ? "signature does not match" : "signature missing" };
  const at = Number(variant.includes("header_ts") ? headerTs : bodyTs);
  const age = v.now() - at;
  if (age > v.maxAgeMs || -age > v.maxFutureMs)
    return { ok: false, status: 400, reason: "timestamp outside the accepted window" };

  const parsed = envelopeSchema.safeParse(json);
  if (!parsed.success)
    return {
      ok: true,
      variant,
      ignored: "unusable_shape",
      eventName: typeof body.event_name === "string" ? body.event_name.slice(0, 64) : "",
    };
  const e = parsed.data;
  const name = e.event_name;
  if (ECHO_OR_RECEIPT.test(name)) return { ok: true, variant, ignored: "echo_or_receipt", eventName: name };
  const isFollowChange = name === "follow" || name === "unfollow";
  if (!isFollowChange && !isInteractionEvent(name)) {
    return {
      ok: true,
      variant,
      ignored: KNOWN_EVENT.test(name) ? "not_an_interaction" : "unknown_event",
      eventName: name,
    };
  }
  const userId = isFollowChange ? e.follower?.id : (e.sender?.id ?? e.user_id);
  if (!userId) return { ok: true, variant, ignored: "no_user", eventName: name };
  // Signed, so from Zalo, but not an id the registry can hold: acknowledge it rather than retry forever.
  if (!isZaloUserId(userId)) return { ok: true, variant, ignored: "unusable_user_id", eventName: name };
  const msgId = e.message?.msg_id;
  const dedupeKey = msgId ? `m:${msgId}` : `e:${name}:${userId}:${at}`;
  let event: InboundEvent;
  if (isFollowChange) event = { type: name, userId, at, eventName: name };
  else if (name === "user_send_text" && typeof e.message?.text === "string")
    event = { type: "text", userId, at, eventName: name, text: e.message.text, ...(msgId ? { msgId } : {}) };
  else event = { type: "interaction", userId, at, eventName: name, ...(msgId ? { msgId } : {}) };
  return { ok: true, variant, event, dedupeKey };
}

export const inboundEventSchema: z.ZodType<InboundEvent> = z.discriminatedUnion("type", [
  z.object({ type: z.enum(["follow", "unfollow"]), userId: z.string(), at: z.number(), eventName: z.string() }),
  z.object({
    type: z.literal("text"),
    userId: z.string(),
    at: z.number(),
    eventName: z.string(),
    text: z.string(),
    msgId: z.string().optional(),
  }),
  z.object({
    type: z.literal("interaction"),
    userId: z.string(),
    at: z.number(),
    eventName: z.string(),
    msgId: z.string().optional(),
  }),
]);
