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
  /** Consultation (CS) messages only reach users who interacted within this many days (-230 otherwise). */
  csWindowDays: number;
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
