import { DEFAULT_PLATFORM_LIMITS } from "@cds/shared";
import type { Config } from "../config";
import type { Logger } from "../logger";
import type { Keyspace } from "../store/keys";
import type { Redis } from "../store/redis";
import { tokenStore } from "../store/token-store";
import { createZaloClient } from "./client";
import { createZaloGraph } from "./graph";
import { createZaloOAuth } from "./oauth";
import { createSendBudget } from "./send-budget";
import { createTokenManager } from "./tokens";

export type ZaloCredentials = NonNullable<Config["zalo"]>;

/** The Zalo side of the server, assembled once: OAuth, tokens, the shared send budget and the OA client. */
export function createZalo(config: Config, credentials: ZaloCredentials, redis: Redis, keys: Keyspace, logger: Logger) {
  const oauth = createZaloOAuth({ oauthBase: config.zaloOauthBase, appId: credentials.appId, appSecret: credentials.appSecret, timeoutMs: config.zaloTimeoutMs });
  const store = tokenStore(redis, keys);
  const tokens = createTokenManager({
    store,
    oauth,
    logger,
    refreshTokenTtlSeconds: DEFAULT_PLATFORM_LIMITS.refreshTokenTtlSeconds,
  });
  const budget = createSendBudget({ redis, key: keys.sendBudget, perMinute: config.zaloRateLimitPerMinute });
  const client = createZaloClient({ apiBase: config.zaloApiBase, timeoutMs: config.zaloTimeoutMs, tokens, budget });
  const graph = createZaloGraph({ graphBase: config.zaloGraphBase, appSecret: credentials.appSecret, miniAppId: config.miniAppId, timeoutMs: config.zaloTimeoutMs });
  return { oauth, store, tokens, budget, client, graph };
}
