import { webhookSignatureHeader } from "@cds/shared";
import type { SimCredentials } from "./config";

/** The user events the simulator can emit (ZALO-PLATFORM C.3), plus the OA echo it may send itself. */
export const USER_MESSAGE_EVENTS = [
  "user_send_text",
  "user_send_image",
  "user_send_gif",
  "user_send_sticker",
  "user_send_link",
  "user_send_file",
] as const;
export const EVENT_NAMES = [
  "follow",
  "unfollow",
  ...USER_MESSAGE_EVENTS,
  "user_click_chatnow",
  "user_submit_info",
  "user_seen_message",
  "user_received_message",
] as const;
export type EventName = (typeof EVENT_NAMES)[number];
export type UserMessageEvent = (typeof USER_MESSAGE_EVENTS)[number];

export function isUserMessageEvent(name: EventName): name is UserMessageEvent {
  return (USER_MESSAGE_EVENTS as readonly string[]).includes(name);
}

export interface EventFacts {
  eventName: EventName | "oa_send_text";
  userId: string;
  userIdByApp: string;
  msgId: string;
  timestamp: string;
  text?: string;
  attachmentUrl?: string;
  source?: string;
  info?: Record<string, string>;
}

const ATTACHMENT_TYPE: Record<Exclude<UserMessageEvent, "user_send_text">, string> = {
  user_send_image: "image",
  user_send_gif: "gif",
  user_send_sticker: "sticker",
  user_send_link: "link",
  user_send_file: "file",
};

/**
 * The payload in Zalo's key order (ZALO-PLATFORM C.3). Key order matters only because the bytes are
 * signed as sent; receivers must verify the raw body, never a re-serialisation.
 */
export function buildEventPayload(creds: SimCredentials, f: EventFacts): Record<string, unknown> {
  const user = { id: f.userId };
  const oa = { id: creds.oaId };
  /** Every event sent from one side to the other has this shape; only its content differs. */
  const between = (sender: { id: string }, recipient: { id: string }, content: { message: unknown } | { info: Record<string, string> }) => ({
    app_id: creds.appId,
    sender,
    user_id_by_app: f.userIdByApp,
    recipient,
    event_name: f.eventName,
    ...content,
    timestamp: f.timestamp,
  });
  switch (f.eventName) {
    case "follow":
    case "unfollow":
      return {
        oa_id: creds.oaId,
        follower: user,
        user_id_by_app: f.userIdByApp,
        event_name: f.eventName,
        source: f.source ?? "oa_profile",
        app_id: creds.appId,
        timestamp: f.timestamp,
      };
    case "user_click_chatnow":
      return {
        app_id: creds.appId,
        oa_id: creds.oaId,
        user_id: f.userId,
        user_id_by_app: f.userIdByApp,
        event_name: f.eventName,
        timestamp: f.timestamp,
      };
    case "user_submit_info":
      return between(user, oa, { info: f.info ?? {} });
    case "user_seen_message":
    case "user_received_message":
      // Receipts travel from the OA's side: sender and recipient swap (ZALO-PLATFORM C.3).
      return between(oa, user, { message: f.eventName === "user_seen_message" ? { msg_ids: [f.msgId] } : { msg_id: f.msgId } });
    case "oa_send_text":
      return between(oa, user, { message: { text: f.text ?? "", msg_id: f.msgId } });
    case "user_send_text":
      return between(user, oa, { message: { text: f.text ?? "", msg_id: f.msgId } });
    default: {
      const url = f.attachmentUrl ?? `https://files.zalo-sim.invalid/${f.msgId}`;
      const message: Record<string, unknown> = {};
      if (f.text !== undefined) message.text = f.text;
      message.msg_id = f.msgId;
      message.attachments = [{ type: ATTACHMENT_TYPE[f.eventName], payload: { url, thumbnail: url } }];
      return between(user, oa, { message });
    }
  }
}

export type SignatureMode = "valid" | "forged" | "missing";

export class WebhookUnavailable extends Error {}

export interface WebhookDelivery {
  status: number;
  payload: Record<string, unknown>;
}

const DELIVERY_TIMEOUT_MS = 10_000;

export class WebhookSender {
  private inflight = new Set<AbortController>();
  sent = 0;
  failed = 0;

  constructor(
    private readonly creds: SimCredentials,
    public url: string | null,
  ) {}

  /** Serialises once and signs exactly those bytes, as Zalo does. */
  async deliver(payload: Record<string, unknown>, timestamp: string, mode: SignatureMode): Promise<WebhookDelivery> {
    const url = this.url;
    if (!url) throw new WebhookUnavailable("no webhook URL is set: pass webhookUrl, call setWebhookUrl or POST /__sim/config");
    const raw = JSON.stringify(payload);
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (mode !== "missing") {
      // A forged signature is well-formed but made with the wrong key, like an attacker's guess.
      const key = mode === "valid" ? this.creds.oaSecretKey : `${this.creds.oaSecretKey}-forged`;
      headers["x-zevent-signature"] = webhookSignatureHeader(this.creds.appId, raw, timestamp, key);
    }
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), DELIVERY_TIMEOUT_MS);
    this.inflight.add(abort);
    try {
      const res = await fetch(url, { method: "POST", headers, body: raw, signal: abort.signal, redirect: "manual" });
      await res.arrayBuffer();
      this.sent += 1;
      return { status: res.status, payload };
    } catch (err) {
      this.failed += 1;
      const reason = err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
      throw new WebhookUnavailable(`bot server at ${url} is unreachable: ${reason}`);
    } finally {
      clearTimeout(timer);
      this.inflight.delete(abort);
    }
  }

  abortAll(): void {
    for (const a of this.inflight) a.abort();
    this.inflight.clear();
  }
}
