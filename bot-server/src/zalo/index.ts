import { DEFAULT_PLATFORM_LIMITS } from "@cds/shared";
import type { Config } from "../config";
import type { Logger } from "../logger";
import type { Keyspace } from "../store/keys";
import type { Redis } from "../store/redis";
import { createCsUsageStore } from "../store/cs-usage";
import { createTokenStore } from "../store/token-store";
import { zaloCallObserver } from "./call-observer";
import { createZaloClient } from "./client";
import { createZaloGraph } from "./graph";
import { createZaloOAuth } from "./oauth";
import { createSendBudget } from "./send-budget";
import { createTokenManager } from "./tokens";

export type ZaloCredentials = NonNullable<Config["zalo"]>;

/** The Zalo side of the server, assembled once: OAuth, tokens, the shared send budget and the OA client. */
export function createZalo(config: Config, credentials: ZaloCredentials, redis: Redis, keys: Keyspace, logger: Logger) {
  const oauth = createZaloOAuth({
    oauthBase: config.zaloOauthBase,
    appId: credentials.appId,
    appSecret: credentials.appSecret,
    timeoutMs: config.zaloTimeoutMs,
  });
  const store = createTokenStore(redis, keys);
  const tokens = createTokenManager({
    store,
    oauth,
    logger,
    refreshTokenTtlSeconds: DEFAULT_PLATFORM_LIMITS.refreshTokenTtlSeconds,
  });
  const budget = createSendBudget({ redis, key: keys.sendBudget, perMinute: config.zaloRateLimitPerMinute });
  const usage = createCsUsageStore(redis, keys);
  const observer = zaloCallObserver({ alarms: store, usage, logger, timeZone: DEFAULT_PLATFORM_LIMITS.timeZone });
  const client = createZaloClient({
    apiBase: config.zaloApiBase,
    timeoutMs: config.zaloTimeoutMs,
    tokens,
    budget,
    observer,
  });
  // The mini app may belong to another Zalo app than the OA API's: its secret signs Graph's appsecret_proof.
  const graph = createZaloGraph({
    graphBase: config.zaloGraphBase,
    appSecret: credentials.miniAppSecret ?? credentials.appSecret,
    miniAppId: config.miniAppId,
    timeoutMs: config.zaloTimeoutMs,
  });
  return { oauth, store, tokens, budget, client, graph, usage };
}
