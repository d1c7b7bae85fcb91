import { WEBHOOK_ANSWER_DEADLINE_MS, WEBHOOK_RETRY_LADDER_MS, webhookSignatureHeader } from "@cds/shared";
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
  "user_reacted_message",
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
  const between = (
    sender: { id: string },
    recipient: { id: string },
    content: { message: unknown } | { info: Record<string, string> },
  ) => ({
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
      return between(oa, user, {
        message: f.eventName === "user_seen_message" ? { msg_ids: [f.msgId] } : { msg_id: f.msgId },
      });
    case "user_reacted_message":
      // The shape is not documented in the sources (ZALO-PLATFORM C.3 lists the name only): the simulator's guess.
      return between(user, oa, { message: { react_icon: "/-heart", msg_id: f.msgId } });
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

export class WebhookUnavailable extends Error {
  constructor(
    message: string,
    /** Simulator time of the retry Zalo would make, when one is scheduled. */
    readonly retryAt?: number,
  ) {
    super(message);
  }
}

export interface WebhookDelivery {
  status: number;
  payload: Record<string, unknown>;
  /** Simulator time of the next retry, when this attempt did not get HTTP 200 in time. */
  retry_at?: string;
}

/** One event on its way: the same bytes and headers go out on every attempt, plus `num_retry`. */
interface Pending {
  event: number;
  raw: string;
  headers: Record<string, string>;
  /** Retries made so far (0 = only the first attempt). */
  retries: number;
  dueAt: number;
}

export interface AttemptRecord {
  event: number;
  num_retry: number;
  at: string;
  /** HTTP status, or null when nothing came back in time (refused, reset, slower than 2 s). */
  status: number | null;
  error?: string;
}

const ATTEMPT_LOG_MAX = 500;

/**
 * Delivers signed events as Zalo does (ZALO-PLATFORM C.1): an attempt succeeds only with HTTP 200 within
 * 2 s; a failed one is retried after 30 s, 5 min, 15 min, 30 min and 1 h of simulator time, each carrying
 * `num_retry`; after the last failure the webhook is disabled and nothing more is sent until its URL is
 * saved again. Retries fire from `tick()`, so moving the simulator's clock moves them.
 */
export class WebhookSender {
  private inflight = new Set<AbortController>();
  private pending: Pending[] = [];
  private attempts: AttemptRecord[] = [];
  private nextEvent = 0;
  private target: string | null;
  disabled = false;
  disabledAt: number | null = null;
  sent = 0;
  failed = 0;
  retried = 0;
  dropped = 0;
  /** Every attempt's outcome, by HTTP status or "no_answer" (what a chaos run counts 5xx from). */
  private outcomes = new Map<string, number>();

  constructor(
    private readonly creds: SimCredentials,
    url: string | null,
    private readonly now: () => number,
    private readonly log: (line: object) => void = () => {},
  ) {
    this.target = url;
  }

  get url(): string | null {
    return this.target;
  }

  /** Saving the URL (as in Zalo's console) also re-enables a webhook Zalo had disabled. */
  set url(url: string | null) {
    this.target = url;
    this.disabled = false;
    this.disabledAt = null;
  }

  /** Serialises once and signs exactly those bytes, as Zalo does; the answer is the first attempt's. */
  async deliver(payload: Record<string, unknown>, timestamp: string, mode: SignatureMode): Promise<WebhookDelivery> {
    if (!this.target)
      throw new WebhookUnavailable("no webhook URL is set: pass webhookUrl, call setWebhookUrl or POST /__sim/config");
    if (this.disabled)
      throw new WebhookUnavailable(
        "the webhook is disabled after failed retries: save its URL again (POST /__sim/config webhookUrl)",
      );
    const raw = JSON.stringify(payload);
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (mode !== "missing") {
      // A forged signature is well-formed but made with the wrong key, like an attacker's guess.
      const key = mode === "valid" ? this.creds.oaSecretKey : `${this.creds.oaSecretKey}-forged`;
      headers["x-zevent-signature"] = webhookSignatureHeader(this.creds.appId, raw, timestamp, key);
    }
    const item: Pending = { event: this.nextEvent++, raw, headers, retries: 0, dueAt: 0 };
    const outcome = await this.attempt(item);
    const retryAt = outcome.ok ? undefined : this.scheduleRetry(item);
    if (outcome.status === null) {
      throw new WebhookUnavailable(
        `bot server at ${this.target} is unreachable: ${outcome.error ?? "no answer"}`,
        retryAt,
      );
    }
    return {
      status: outcome.status,
      payload,
      ...(retryAt !== undefined && { retry_at: new Date(retryAt).toISOString() }),
    };
  }

  /** Fires the retries whose simulator time has come. */
  tick(): void {
    if (this.pending.length === 0) return;
    const now = this.now();
    const due = this.pending.filter((p) => p.dueAt <= now);
    if (due.length === 0) return;
    this.pending = this.pending.filter((p) => p.dueAt > now);
    for (const item of due) {
      item.retries += 1;
      this.retried += 1;
      void this.attempt(item).then((outcome) => {
        if (!outcome.ok) this.scheduleRetry(item);
      });
    }
  }

  state() {
    return {
      url: this.target,
      disabled: this.disabled,
      disabled_at: this.disabledAt === null ? null : new Date(this.disabledAt).toISOString(),
      ladder_ms: WEBHOOK_RETRY_LADDER_MS,
      answer_deadline_ms: WEBHOOK_ANSWER_DEADLINE_MS,
      sent: this.sent,
      failed: this.failed,
      attempt_outcomes: Object.fromEntries(this.outcomes),
      retried: this.retried,
      dropped: this.dropped,
      pending_retries: this.pending.map((p) => ({
        event: p.event,
        num_retry: p.retries + 1,
        due_at: new Date(p.dueAt).toISOString(),
      })),
      attempts: this.attempts,
    };
  }

  reset(): void {
    this.abortAll();
    this.pending = [];
    this.attempts = [];
    this.disabled = false;
    this.disabledAt = null;
    this.sent = this.failed = this.retried = this.dropped = 0;
    this.outcomes.clear();
  }

  abortAll(): void {
    for (const a of this.inflight) a.abort();
    this.inflight.clear();
  }

  private countOutcome(outcome: string): void {
    this.outcomes.set(outcome, (this.outcomes.get(outcome) ?? 0) + 1);
  }

  /** Returns the retry's simulator time, or undefined when the ladder is spent and the webhook is now disabled. */
  private scheduleRetry(item: Pending): number | undefined {
    const delay = WEBHOOK_RETRY_LADDER_MS[item.retries];
    if (delay === undefined || this.disabled) {
      if (!this.disabled) {
        this.disabled = true;
        this.disabledAt = this.now();
        this.dropped += this.pending.length;
        this.pending = [];
        this.log({ event: "webhook_disabled", after_retries: item.retries });
      }
      return undefined;
    }
    item.dueAt = this.now() + delay;
    this.pending.push(item);
    return item.dueAt;
  }

  private async attempt(item: Pending): Promise<{ ok: boolean; status: number | null; error?: string }> {
    const url = this.target;
    const record: AttemptRecord = {
      event: item.event,
      num_retry: item.retries,
      at: new Date(this.now()).toISOString(),
      status: null,
    };
    this.attempts.push(record);
    if (this.attempts.length > ATTEMPT_LOG_MAX) this.attempts.shift();
    if (!url || this.disabled) {
      record.error = "webhook disabled or removed";
      this.dropped += 1;
      return { ok: true, status: null };
    }
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), WEBHOOK_ANSWER_DEADLINE_MS);
    this.inflight.add(abort);
    const headers = item.retries > 0 ? { ...item.headers, num_retry: String(item.retries) } : item.headers;
    try {
      const res = await fetch(url, {
        method: "POST",
        headers,
        body: item.raw,
        signal: abort.signal,
        redirect: "manual",
      });
      await res.arrayBuffer();
      record.status = res.status;
      this.countOutcome(String(res.status));
      if (res.status === 200) this.sent += 1;
      else this.failed += 1;
      return { ok: res.status === 200, status: res.status };
    } catch (err) {
      this.failed += 1;
      this.countOutcome("no_answer");
      const reason = abort.signal.aborted
        ? `no answer within ${WEBHOOK_ANSWER_DEADLINE_MS} ms`
        : err instanceof Error
          ? err.cause instanceof Error
            ? err.cause.message
            : err.message
          : String(err);
      record.error = reason;
      return { ok: false, status: null, error: reason };
    } finally {
      clearTimeout(timer);
      this.inflight.delete(abort);
    }
  }
}
