import { SANDBOX_CREDENTIALS } from "../zalo-sim/server";

/** The environment that points a bot server at a Zalo simulator: its credentials and all three Zalo hosts. */
export function sandboxEnv(simUrl: string): Record<string, string> {
  const c = SANDBOX_CREDENTIALS;
  return {
    ZALO_APP_ID: c.appId,
    ZALO_APP_SECRET: c.appSecret,
    ZALO_OA_ID: c.oaId,
    ZALO_OA_SECRET_KEY: c.oaSecretKey,
    ZALO_API_BASE: simUrl,
    ZALO_OAUTH_BASE: simUrl,
    ZALO_GRAPH_BASE: simUrl,
  };
}
