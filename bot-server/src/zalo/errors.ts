/**
 * Zalo's OA error codes (ZALO-PLATFORM.md D) and what the server does about each. Zalo answers HTTP 200
 * with `error != 0`; the client turns those into ZaloApiError so callers branch on `kind`, not numbers.
 */
export type ZaloErrorKind =
  /** Try again later (rate limit, transient failure, timeout). */
  | "retry_later"
  /** The access token is invalid or expired: refresh once, then retry once. */
  | "refresh_token"
  /** This recipient cannot be reached now (not following, outside the 7-day window, blocked). */
  | "recipient_unreachable"
  /** Broadcasts are refused at night: schedule for the morning. */
  | "night_window"
  /** A quota of the OA or of the recipient is used up. */
  | "quota"
  /** Asset expired or being processed: the caller can redo a step. */
  | "redo_step"
  /** Our request or the OA's setup is wrong: retrying will not help. */
  | "permanent";

interface CodeInfo {
  kind: ZaloErrorKind;
  meaning: string;
}

const CODES: Record<number, CodeInfo> = {
  [-32]: { kind: "retry_later", meaning: "rate limit of the app reached" },
  [-100]: { kind: "redo_step", meaning: "attachment expired: upload it again" },
  [-200]: { kind: "retry_later", meaning: "send message failed" },
  [-201]: { kind: "permanent", meaning: "a parameter is invalid" },
  [-204]: { kind: "permanent", meaning: "the Official Account is disabled" },
  [-205]: { kind: "permanent", meaning: "the Official Account does not exist" },
  [-209]: { kind: "permanent", meaning: "API not supported: the app is not activated" },
  [-210]: { kind: "permanent", meaning: "parameter exceeds the allowed limit" },
  [-211]: { kind: "quota", meaning: "out of quota for this feature" },
  [-212]: { kind: "permanent", meaning: "the app has not registered this API" },
  [-213]: { kind: "recipient_unreachable", meaning: "the user does not follow the OA" },
  [-214]: { kind: "redo_step", meaning: "the article is still being processed" },
  [-216]: { kind: "refresh_token", meaning: "access token is invalid" },
  [-217]: { kind: "recipient_unreachable", meaning: "the user blocked invitations from the OA" },
  [-218]: { kind: "quota", meaning: "the recipient's receive quota is used up" },
  [-219]: { kind: "permanent", meaning: "the app is removed or disabled" },
  [-220]: { kind: "refresh_token", meaning: "access token expired or removed" },
  [-221]: { kind: "permanent", meaning: "the OA must be verified" },
  [-223]: { kind: "quota", meaning: "the OA has not authorised this API or reached its quota" },
  [-224]: { kind: "permanent", meaning: "the OA's package must be upgraded" },
  [-227]: { kind: "recipient_unreachable", meaning: "the user is banned or inactive for more than 45 days" },
  [-230]: { kind: "recipient_unreachable", meaning: "the user has not interacted with the OA in the past 7 days" },
  [-232]: { kind: "recipient_unreachable", meaning: "the user's last interaction has expired" },
  [-233]: { kind: "permanent", meaning: "message type invalid or not supported" },
  [-234]: { kind: "night_window", meaning: "this message cannot be sent at night (22:00–06:00)" },
  [-235]: { kind: "permanent", meaning: "API not supported for this type of OA" },
  [-240]: { kind: "permanent", meaning: "message API v2 shut down: use v3" },
  [-242]: { kind: "permanent", meaning: "invalid appsecret_proof" },
  [-244]: { kind: "recipient_unreachable", meaning: "the user restricted this message type from the OA" },
  [-248]: { kind: "permanent", meaning: "content violates platform standards" },
};

export function describeZaloCode(code: number): CodeInfo {
  return CODES[code] ?? { kind: "permanent", meaning: "unknown Zalo error" };
}

export class ZaloApiError extends Error {
  override name = "ZaloApiError";
  readonly kind: ZaloErrorKind;
  readonly meaning: string;
  constructor(
    readonly code: number,
    readonly zaloMessage: string,
    readonly endpoint: string,
  ) {
    const info = describeZaloCode(code);
    super(`Zalo ${endpoint} answered ${code} (${info.meaning}): ${zaloMessage}`);
    this.kind = info.kind;
    this.meaning = info.meaning;
  }
}

/** The transport failed (timeout, connection refused, HTTP 5xx): nothing is known about the call's effect. */
export class ZaloTransportError extends Error {
  override name = "ZaloTransportError";
  readonly kind: ZaloErrorKind = "retry_later";
  /** The underlying failure's code (ECONNREFUSED, ECONNABORTED…). */
  readonly causeCode?: string;
  constructor(
    readonly endpoint: string,
    cause: unknown,
    readonly status?: number,
  ) {
    super(`Zalo ${endpoint} unreachable${status ? ` (HTTP ${status})` : ""}: ${cause instanceof Error ? cause.message : String(cause)}`);
    // Only the message and code are kept: an axios error carries the request's headers, access token included,
    // and whatever logs this error must never print them.
    const code = (cause as { code?: unknown } | null)?.code;
    if (typeof code === "string") this.causeCode = code;
  }
}

/** The OAuth server refused to give tokens (bad code, dead refresh token, wrong secret). */
export class ZaloOAuthError extends Error {
  override name = "ZaloOAuthError";
  constructor(
    readonly code: number,
    readonly reason: string,
  ) {
    super(`Zalo OAuth refused (${code}): ${reason}`);
  }
}
