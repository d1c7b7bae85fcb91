import { DEFAULT_PLATFORM_LIMITS, type OaPackage, type PlatformLimits } from "@cds/shared";

/** The app / OA identity the simulator plays. */
export interface SimCredentials {
  appId: string;
  appSecret: string;
  oaId: string;
  oaSecretKey: string;
  /** Province code given to synthetic followers (broadcast `target.cities`). */
  cityCode: string;
}

/** Fixed, obviously fake values: the simulator never talks to Zalo, so these are not secrets. */
export const SANDBOX_CREDENTIALS: SimCredentials = Object.freeze({
  appId: "1900000000000000001",
  appSecret: "SANDBOX-app-secret-not-a-real-zalo-secret",
  oaId: "1900000000000000002",
  oaSecretKey: "SANDBOX-oa-secret-key-not-a-real-zalo-secret",
  cityCode: "4",
});

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
}

/** The settings that /__sim/config may change at run time and /__sim/reset restores. */
export interface SimSettings {
  limits: PlatformLimits;
  oaPackage: OaPackage;
  articleProcessingMs: number;
  echoOaMessages: boolean;
}

export const DEFAULT_ARTICLE_PROCESSING_MS = 1500;
/** OAuth authorization codes: 10 minutes, single use (ZALO-PLATFORM B). */
export const AUTH_CODE_TTL_MS = 10 * 60_000;
/** Mini-app (social) user tokens live about an hour (ZALO-PLATFORM B). */
export const MINIAPP_TOKEN_TTL_MS = 60 * 60_000;
/** Uploaded attachments expire after 7 days (-100), ZALO-PLATFORM A.8. */
export const UPLOAD_TTL_MS = 7 * 24 * 3600_000;
export const UPLOAD_IMAGE_MAX_BYTES = 1024 * 1024;
/** CS replies inside this window use the free "reply" quota (ZALO-PLATFORM A.2). */
export const CS_FREE_WINDOW_MS = 48 * 3600_000;
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
  };
}
