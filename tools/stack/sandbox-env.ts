import type { TokenStore } from "../../bot-server/src/store/token-store";
import { storeAuthorization } from "../../bot-server/src/zalo/authorize";
import { newPkcePair, type ZaloOAuth } from "../../bot-server/src/zalo/oauth";
import { SANDBOX_CREDENTIALS, type RunningSimulator } from "../zalo-sim/server";

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
    // The simulator links its mini app to the OA, so Graph gives the OA-scoped id only for this miniapp_id.
    MINI_APP_ID: c.miniAppId,
  };
}

/** What an OA admin does on the consent screen, done against the simulator: the first token pair, stored. */
export async function authorizeWithSimulator(
  sim: RunningSimulator,
  oauth: ZaloOAuth,
  store: TokenStore,
): Promise<void> {
  const { verifier, challenge } = newPkcePair();
  await storeAuthorization(oauth, store, sim.issueAuthorizationCode(challenge), verifier);
}
