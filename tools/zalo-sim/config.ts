import { BROADCAST_REVIEW_MS, DEFAULT_PLATFORM_LIMITS, type OaPackage, type PlatformLimits } from "@cds/shared";

/** The app / OA identity the simulator plays. */
export interface SimCredentials {
  appId: string;
  appSecret: string;
  oaId: string;
  oaSecretKey: string;
  /** The Mini App, and the secret of the Zalo app it belongs to (Graph's appsecret_proof). */
  miniAppId: string;
  miniAppSecret: string;
}

/** Fixed, obviously fake values: the simulator never talks to Zalo, so these are not secrets. */
export const SANDBOX_CREDENTIALS: SimCredentials = Object.freeze({
  appId: "1900000000000000001",
  appSecret: "SANDBOX-app-secret-not-a-real-zalo-secret",
  oaId: "1900000000000000002",
  oaSecretKey: "SANDBOX-oa-secret-key-not-a-real-zalo-secret",
  miniAppId: "1900000000000000003",
  // Same app as the OA API by default; a test gives the mini app its own app to prove the server tells them apart.
  miniAppSecret: "SANDBOX-app-secret-not-a-real-zalo-secret",
});

/** Permission groups of the OA API (the consent screen grants them; the app registers them in the console). */
export const API_GROUPS = ["message", "broadcast", "user", "upload"] as const;
export type ApiGroup = (typeof API_GROUPS)[number];

/**
 * What the OA and its app may do. Zalo's codes for each refusal (ZALO-PLATFORM D): -212 the app has not
 * registered the API, -223 the OA has not authorised it, -221 broadcasts need a verified OA, -224 the OA's
 * package has lapsed (the simulator's model: paid features — broadcasts, articles, the follower list — stop).
 */
export interface Entitlements {
  verified: boolean;
  packageActive: boolean;
  registered: ApiGroup[];
  granted: ApiGroup[];
  /** Graph returns `user_id_by_oa` for the mini app only when its app is linked to the OA (ZALO-PLATFORM E.3). */
  miniAppLinkedToOa: boolean;
}

/**
 * CS messages after the free 48 h (ZALO-PLATFORM A.2): the package's monthly allowance first, then billed to
 * the Zalo Cloud Account; -320 without one, -321 when its balance cannot pay. Amounts in VND.
 */
export interface Billing {
  allowancePerMonth: number;
  zcaLinked: boolean;
  zcaBalance: number;
  pricePerMessage: number;
}

export interface SimulatorOptions {
  /** 0 = a free port (default). */
  port?: number;
  /** Default "127.0.0.1". */
  host?: string;
  limits?: LimitOverrides;
  /** Decides the per-follower monthly broadcast cap. Default "premium". */
  oaPackage?: OaPackage;
  credentials?: Partial<SimCredentials>;
  /** Where signed webhooks are POSTed; may be set later. */
  webhookUrl?: string;
  /** Initial clock source; /__sim/clock can offset or freeze it. */
  now?: () => number;
  logger?: (line: object) => void;
  /** Simulator time an article stays "being processed" (-214) after create. Default 1500, 0 allowed. */
  articleProcessingMs?: number;
  /** Send an `oa_send_text` webhook echo for each CS text, as Zalo does. Default false. */
  echoOaMessages?: boolean;
  /** The OA's province (broadcast city code): most synthetic followers live there. Default "10", Hải Dương. */
  homeCity?: string;
  /** Simulated time a broadcast stays in moderation before delivery. Default 30 minutes. */
  broadcastReviewMs?: number;
  entitlements?: Partial<Entitlements>;
  billing?: Partial<Billing>;
}

/** The settings that /__sim/config may change at run time and /__sim/reset restores. */
export interface SimSettings {
  limits: PlatformLimits;
  oaPackage: OaPackage;
  articleProcessingMs: number;
  echoOaMessages: boolean;
  homeCity: string;
  broadcastReviewMs: number;
  entitlements: Entitlements;
  billing: Billing;
}

export const DEFAULT_ENTITLEMENTS: Entitlements = {
  verified: true,
  packageActive: true,
  registered: [...API_GROUPS],
  granted: [...API_GROUPS],
  miniAppLinkedToOa: true,
};

/** An OA with an allowance and a funded Cloud Account: every CS message in the window goes out unless a test says otherwise. */
export const DEFAULT_BILLING: Billing = {
  allowancePerMonth: 100_000,
  zcaLinked: true,
  zcaBalance: 10_000_000,
  pricePerMessage: 55,
};

export const DEFAULT_ARTICLE_PROCESSING_MS = 1500;
/** OAuth authorization codes: 10 minutes, single use (ZALO-PLATFORM B). */
export const AUTH_CODE_TTL_MS = 10 * 60_000;
/** Mini-app (social) user tokens live about an hour (ZALO-PLATFORM B). */
export const MINIAPP_TOKEN_TTL_MS = 60 * 60_000;
/** Uploaded attachments expire after 7 days (-100), ZALO-PLATFORM A.8. */
export const UPLOAD_TTL_MS = 7 * 24 * 3600_000;
export const UPLOAD_IMAGE_MAX_BYTES = 1024 * 1024;
export const DAY_MS = 24 * 3600_000;

/** Any subset of the limits, down to a single package's monthly cap. */
export type LimitOverrides = Partial<Omit<PlatformLimits, "broadcastMonthlyCap">> & {
  broadcastMonthlyCap?: Partial<PlatformLimits["broadcastMonthlyCap"]>;
};

/** Limits are always a full object: overrides are merged over the one set of shared defaults. */
export function mergeLimits(base: PlatformLimits, overrides: LimitOverrides | undefined): PlatformLimits {
  return {
    ...base,
    ...overrides,
    broadcastMonthlyCap: { ...base.broadcastMonthlyCap, ...overrides?.broadcastMonthlyCap },
  };
}

export function initialSettings(options: SimulatorOptions): SimSettings {
  return {
    limits: mergeLimits(DEFAULT_PLATFORM_LIMITS, options.limits),
    oaPackage: options.oaPackage ?? "premium",
    articleProcessingMs: options.articleProcessingMs ?? DEFAULT_ARTICLE_PROCESSING_MS,
    echoOaMessages: options.echoOaMessages ?? false,
    homeCity: options.homeCity ?? "10",
    broadcastReviewMs: options.broadcastReviewMs ?? BROADCAST_REVIEW_MS,
    entitlements: { ...DEFAULT_ENTITLEMENTS, ...options.entitlements },
    billing: { ...DEFAULT_BILLING, ...options.billing },
  };
}
