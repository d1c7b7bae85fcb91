/**
 * Zalo platform rules as configuration (ZALO-PLATFORM.md A–D). The bot server assumes these limits and
 * the simulator enforces them; both read their defaults from here so the two can never disagree.
 * Every number is Zalo policy that changes over time, hence overridable.
 */
export const OA_PACKAGES = ["basic", "trial", "advanced", "premium"] as const;
export type OaPackage = (typeof OA_PACKAGES)[number];

export interface PlatformLimits {
  /** OA API requests per minute per app; beyond it Zalo answers -32. */
  rateLimitPerMinute: number;
  /**
   * Consultation (CS) messages reach users who interacted within this many days (-230 otherwise), following
   * the OA or not (ZALO-PLATFORM A.2, "áp dụng cả user đã/chưa quan tâm").
   */
  csWindowDays: number;
  /**
   * Since 2026 a CS message within this many hours of the user's last interaction is free; later in the
   * window it uses the package's allowance or is billed to the Zalo Cloud Account (ZALO-PLATFORM A.2).
   */
  csFreeWindowHours: number;
  /** Broadcasts are refused from nightStartHour to nightEndHour, local time (-234). */
  nightStartHour: number;
  nightEndHour: number;
  timeZone: string;
  /** Broadcasts a follower may receive per calendar month, by OA package. */
  broadcastMonthlyCap: Record<OaPackage, number>;
  /** Broadcasts a follower may receive per local day. */
  broadcastDailyCap: number;
  /** user/getlist: at most `getlistMaxCount` per page, offset at most `getlistMaxOffset`. */
  getlistMaxCount: number;
  getlistMaxOffset: number;
  /** conversation: at most this many messages per page. */
  conversationMaxCount: number;
  /** OAuth lifetimes in seconds. */
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  /** CS text limit in characters (after NFC normalisation). */
  csTextMaxChars: number;
}

export const DEFAULT_PLATFORM_LIMITS: PlatformLimits = {
  rateLimitPerMinute: 4000,
  csWindowDays: 7,
  csFreeWindowHours: 48,
  nightStartHour: 22,
  nightEndHour: 6,
  timeZone: "Asia/Ho_Chi_Minh",
  broadcastMonthlyCap: { basic: 1, trial: 4, advanced: 4, premium: 6 },
  broadcastDailyCap: 1,
  getlistMaxCount: 50,
  getlistMaxOffset: 9951,
  conversationMaxCount: 10,
  accessTokenTtlSeconds: 90_000,
  refreshTokenTtlSeconds: 90 * 24 * 3600,
  csTextMaxChars: 2000,
};

/**
 * The interactions that open the CS window (ZALO-PLATFORM A.2, "phu-luc/cac-tuong-tac-cua-nguoi-dung-voi-oa"):
 * following, sending the OA a message (`user_send_*`, a submitted info form), and pressing the OA's chat button.
 * Receipts, reactions, an unfollow and messages in a group chat are not interactions with the OA.
 */
export function isInteractionEvent(eventName: string): boolean {
  if (eventName === "follow" || eventName === "user_submit_info" || eventName === "user_click_chatnow") return true;
  return eventName.startsWith("user_send_") && !eventName.startsWith("user_send_group_");
}

/** Zalo wants HTTP 200 from a webhook within 2 s, otherwise the delivery counts as failed (ZALO-PLATFORM C.1). */
export const WEBHOOK_ANSWER_DEADLINE_MS = 2_000;

/**
 * Zalo's retry ladder for a failed webhook delivery (official overview quoted in ZALO-PLATFORM C.1): after
 * 30 s, 5 min, 15 min, 30 min and 1 h, each with a `num_retry` header; then the webhook is disabled.
 */
export const WEBHOOK_RETRY_LADDER_MS = [30_000, 5 * 60_000, 15 * 60_000, 30 * 60_000, 60 * 60_000] as const;

/**
 * The other ladders the reference reports ([conflict], ZALO-PLATFORM C.1): "retries for 12 h" and
 * 30 s, 5 min, 30 min, 1 h, 6 h, 12 h, 24 h. The server accepts an event as late as the longest of them.
 */
export const WEBHOOK_DOCUMENTED_LADDERS_MS: readonly (readonly number[])[] = [
  WEBHOOK_RETRY_LADDER_MS,
  [12 * 3600_000],
  [30_000, 5 * 60_000, 30 * 60_000, 3600_000, 6 * 3600_000, 12 * 3600_000, 24 * 3600_000],
];

/** How old an event can be when Zalo's last retry of it arrives, under any documented ladder. */
export const WEBHOOK_LONGEST_RETRY_AGE_MS = Math.max(
  ...WEBHOOK_DOCUMENTED_LADDERS_MS.map((ladder) => ladder.reduce((sum, d) => sum + d + WEBHOOK_ANSWER_DEADLINE_MS, 0)),
);

/** Zalo moderates a broadcast before delivering it, reported at about 30 minutes (ZALO-PLATFORM A.5). */
export const BROADCAST_REVIEW_MS = 30 * 60_000;
