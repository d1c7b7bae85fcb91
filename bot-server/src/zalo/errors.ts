/**
 * Zalo's OA error codes (ZALO-PLATFORM.md D) and what the server does about each. Zalo answers HTTP 200
 * with `error != 0`; the client turns those into ZaloApiError so callers branch on `kind`, not numbers.
 */
export type ZaloErrorKind =
  /** Try again later (rate limit, transient failure, timeout). */
  | "retry_later"
  /** The access token is invalid or expired: refresh once, then retry once. */
  | "refresh_token"
  /** This recipient cannot be reached now (outside the 7-day window, blocked, inactive, out of receive quota). */
  | "recipient_unreachable"
  /** Broadcasts are refused at night: schedule for the morning. */
  | "night_window"
  /** A quota of the OA's feature is used up: stop this kind of send until it renews. */
  | "quota"
  /** The message would be billed and the OA has no Zalo Cloud Account, or its balance is spent. */
  | "billing"
  /** The OA or the app lacks a package, verification, registration or permission: a person fixes it in Zalo's console. */
  | "entitlement"
  /** Zalo refuses this content: sending it again, to anyone, gives the same answer. */
  | "content_refused"
  /** Asset expired or being processed: the caller can redo a step. */
  | "redo_step"
  /** Our request is wrong: retrying will not help. */
  | "permanent";

/** Kinds that a person must act on: the server raises an operator alarm and never retries them. */
export const OPERATOR_KINDS: ReadonlySet<ZaloErrorKind> = new Set([
  "billing",
  "entitlement",
  "quota",
  "content_refused",
]);

/** A job that met this kind ends at once: a retry would get the same answer and repeat the job's side effects. */
export function retryWillNotHelp(kind: ZaloErrorKind): boolean {
  return kind === "permanent" || OPERATOR_KINDS.has(kind);
}

interface CodeInfo {
  kind: ZaloErrorKind;
  meaning: string;
  /** What the operator does, for the kinds a person must act on (shown on /readyz). */
  action?: string;
}

const CONSOLE = "Kiểm tra trong developers.zalo.me / oa.zalo.me (check the app and OA settings in Zalo's consoles)";

/** Every code of ZALO-PLATFORM D, in the one place the server interprets them. */
const CODES: Record<number, CodeInfo> = {
  [-32]: { kind: "retry_later", meaning: "rate limit of the app reached" },
  [-100]: { kind: "redo_step", meaning: "attachment expired: upload it again" },
  [-200]: { kind: "retry_later", meaning: "send message failed" },
  [-201]: { kind: "permanent", meaning: "a parameter is invalid" },
  [-204]: {
    kind: "entitlement",
    meaning: "the Official Account is disabled",
    action: "Kích hoạt lại OA trên oa.zalo.me (the OA is disabled)",
  },
  [-205]: {
    kind: "entitlement",
    meaning: "the Official Account does not exist",
    action: "Kiểm tra ZALO_OA_ID và liên kết ứng dụng với OA (check ZALO_OA_ID and the app–OA link)",
  },
  [-209]: {
    kind: "entitlement",
    meaning: "API not supported: the app is not activated",
    action: "Kích hoạt ứng dụng trên developers.zalo.me (activate the app)",
  },
  [-210]: { kind: "permanent", meaning: "parameter exceeds the allowed limit" },
  [-211]: {
    kind: "quota",
    meaning: "out of quota for this feature",
    action: "Chờ hạn mức tính năng được cấp lại hoặc nâng gói OA (wait for the feature quota to renew, or upgrade)",
  },
  [-212]: {
    kind: "entitlement",
    meaning: "the app has not registered this API",
    action: "Đăng ký API này cho ứng dụng trên developers.zalo.me (register the API for the app)",
  },
  [-213]: { kind: "recipient_unreachable", meaning: "the user does not follow the OA" },
  [-214]: { kind: "redo_step", meaning: "the article is still being processed" },
  [-216]: { kind: "refresh_token", meaning: "access token is invalid" },
  [-217]: { kind: "recipient_unreachable", meaning: "the user blocked invitations from the OA" },
  [-218]: { kind: "recipient_unreachable", meaning: "the recipient's receive quota is used up" },
  [-219]: {
    kind: "entitlement",
    meaning: "the app is removed or disabled",
    action: "Khôi phục ứng dụng trên developers.zalo.me (restore the app)",
  },
  [-220]: { kind: "refresh_token", meaning: "access token expired or removed" },
  [-221]: {
    kind: "entitlement",
    meaning: "the OA must be verified",
    action:
      "Xác thực OA trên oa.zalo.me; gửi broadcast chỉ dành cho OA đã xác thực (verify the OA: broadcasts need it)",
  },
  // -223 means two things (ZALO-PLATFORM D): the message tells which; see describeZaloCode.
  [-223]: {
    kind: "entitlement",
    meaning: "the OA has not authorised this API",
    action:
      "Cấp lại quyền cho ứng dụng: npm run zalo:authorize, chọn đủ nhóm quyền (re-authorise with every permission group)",
  },
  [-224]: {
    kind: "entitlement",
    meaning: "the OA's package must be upgraded",
    action: "Gia hạn hoặc nâng cấp gói dịch vụ OA (renew or upgrade the OA package)",
  },
  [-227]: { kind: "recipient_unreachable", meaning: "the user is banned or inactive for more than 45 days" },
  [-230]: { kind: "recipient_unreachable", meaning: "the user has not interacted with the OA in the past 7 days" },
  [-232]: { kind: "recipient_unreachable", meaning: "the user's last interaction has expired" },
  [-233]: { kind: "permanent", meaning: "message type invalid or not supported" },
  [-234]: { kind: "night_window", meaning: "this message cannot be sent at night (22:00–06:00)" },
  [-235]: { kind: "entitlement", meaning: "API not supported for this type of OA", action: CONSOLE },
  [-237]: {
    kind: "entitlement",
    meaning: "the group is disabled (its GMF asset expired)",
    action: "Gia hạn gói GMF (renew the group messaging asset)",
  },
  [-238]: { kind: "permanent", meaning: "the asset id is already used" },
  [-240]: { kind: "permanent", meaning: "message API v2 shut down: use v3" },
  [-241]: { kind: "entitlement", meaning: "the asset is disabled", action: CONSOLE },
  [-242]: {
    kind: "entitlement",
    meaning: "invalid appsecret_proof",
    action: "Kiểm tra ZALO_APP_SECRET / ZALO_MINI_APP_SECRET (the app secret does not match)",
  },
  [-244]: { kind: "recipient_unreachable", meaning: "the user restricted this message type from the OA" },
  [-248]: {
    kind: "content_refused",
    meaning: "content violates platform standards",
    action: "Sửa nội dung bài viết theo tiêu chuẩn nền tảng Zalo rồi gửi duyệt lại (edit the content)",
  },
  [-249]: { kind: "permanent", meaning: "the template cannot be sent by user id" },
  [-320]: {
    kind: "billing",
    meaning: "the message is billed and the OA has no Zalo Cloud Account",
    action: "Liên kết Zalo Cloud Account với OA để gửi tin tư vấn ngoài 48 giờ (link a Zalo Cloud Account)",
  },
  [-321]: {
    kind: "billing",
    meaning: "the Zalo Cloud Account is out of money",
    action: "Nạp tiền vào Zalo Cloud Account (top up the Zalo Cloud Account)",
  },
  [-403]: { kind: "permanent", meaning: "the OA is not in the group" },
};

const ARTICLE_QUOTA: CodeInfo = {
  kind: "quota",
  meaning: "the OA reached its article-creation quota",
  action: "Chờ hạn mức tạo bài viết được cấp lại (wait for the article quota to renew)",
};

/** What a code means; -223 is told apart by Zalo's message ("... limit quota create article"). */
export function describeZaloCode(code: number, zaloMessage = ""): CodeInfo {
  if (code === -223 && /quota/i.test(zaloMessage)) return ARTICLE_QUOTA;
  return CODES[code] ?? { kind: "permanent", meaning: "unknown Zalo error" };
}

/** Zalo does not know this user, or they do not follow the OA: for a follow check, "not a follower". */
export function isNotAFollower(err: unknown): boolean {
  return err instanceof ZaloApiError && (err.code === -201 || err.code === -213);
}

/**
 * Graph refused a mini app user's token (invalid, expired; -124 is the token code of Zalo's other hosts),
 * or answered 401/403: the citizen's session, not our setup, is at fault.
 */
export function isRefusedUserToken(err: unknown): boolean {
  if (err instanceof ZaloApiError) return [-216, -220, -201, -124].includes(err.code);
  return err instanceof ZaloTransportError && (err.status === 401 || err.status === 403);
}

/** Codes the server knows (for tests and docs). */
export const KNOWN_ZALO_CODES: readonly number[] = Object.keys(CODES).map(Number);

export class ZaloApiError extends Error {
  override name = "ZaloApiError";
  readonly kind: ZaloErrorKind;
  readonly meaning: string;
  readonly action?: string;
  constructor(
    readonly code: number,
    readonly zaloMessage: string,
    readonly endpoint: string,
  ) {
    const info = describeZaloCode(code, zaloMessage);
    super(`Zalo ${endpoint} answered ${code} (${info.meaning}): ${zaloMessage}`);
    this.kind = info.kind;
    this.meaning = info.meaning;
    if (info.action) this.action = info.action;
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
    super(
      `Zalo ${endpoint} unreachable${status ? ` (HTTP ${status})` : ""}: ${cause instanceof Error ? cause.message : String(cause)}`,
    );
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
