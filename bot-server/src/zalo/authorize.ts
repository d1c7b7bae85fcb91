import { DEFAULT_PLATFORM_LIMITS } from "@cds/shared";
import type { TokenStore } from "../store/token-store";
import type { ZaloOAuth } from "./oauth";
import { grantToStored, TOKEN_ALARM } from "./tokens";

/**
 * Exchanges an authorisation code (from the OA admin's consent) for the first token pair and stores it,
 * replacing whatever was stored: this is how an operator recovers from a dead refresh token.
 */
export async function storeAuthorization(
  oauth: ZaloOAuth,
  store: TokenStore,
  code: string,
  codeVerifier: string,
  now = Date.now(),
): Promise<{ generation: number }> {
  const grant = await oauth.exchangeCode(code, codeVerifier);
  const previous = await store.read();
  const generation = (previous?.generation ?? 0) + 1;
  await store.overwrite(grantToStored(grant, generation, now, DEFAULT_PLATFORM_LIMITS.refreshTokenTtlSeconds));
  await store.clearAlarm(TOKEN_ALARM);
  return { generation };
}
