import type { Logger } from "../logger";
import type { StoredTokens, TokenStore } from "../store/token-store";
import type { AccessTokenSource } from "./client";
import { ZaloOAuthError } from "./errors";
import type { TokenGrant, ZaloOAuth } from "./oauth";

export const TOKEN_ALARM = "zalo_token";

/** What an operator must do when Zalo no longer accepts the refresh token. */
export const REAUTHORISE_STEPS = [
  "Đăng nhập developers.zalo.me bằng tài khoản quản trị OA (OA admin login).",
  "Chạy: npm run zalo:authorize -- --redirect-uri <Official Account Callback Url> và mở đường dẫn in ra (open the printed consent URL).",
  "Sau khi đồng ý, chạy: npm run zalo:authorize -- --code <code> --verifier <verifier> (exchange the code).",
  "Kiểm tra /readyz không còn cảnh báo zalo_token (check the alarm is gone).",
];

export class ZaloNotAuthorizedError extends Error {
  override name = "ZaloNotAuthorizedError";
}

export interface TokenManagerOptions {
  store: TokenStore;
  oauth: ZaloOAuth;
  logger: Logger;
  refreshTokenTtlSeconds: number;
  /** Refresh ahead of expiry (Zalo's access token lasts 25 h; refresh after ~20 h). */
  refreshAheadSeconds?: number;
  lockTtlMs?: number;
  /** How long the stored pair is trusted without reading Redis again (default 2 s; 0 reads every time). */
  cacheMs?: number;
  now?: () => number;
}

export function grantToStored(
  grant: TokenGrant,
  generation: number,
  now: number,
  refreshTokenTtlSeconds: number,
): StoredTokens {
  return {
    accessToken: grant.accessToken,
    refreshToken: grant.refreshToken,
    accessExpiresAt: now + grant.accessExpiresInSeconds * 1000,
    refreshExpiresAt: now + refreshTokenTtlSeconds * 1000,
    obtainedAt: now,
    generation,
  };
}

/**
 * The OA's access token for every process. Refresh is single-flight: one promise per process and a Redis
 * lock across processes; the loser of the lock waits for the winner's pair instead of spending the
 * (single-use) refresh token again. The new pair is stored, in one atomic write, before it is used.
 */
export function createTokenManager(o: TokenManagerOptions): AccessTokenSource & { refreshIfDue(): Promise<void> } {
  const now = o.now ?? Date.now;
  const ahead = (o.refreshAheadSeconds ?? 5 * 3600) * 1000;
  const lockTtl = o.lockTtlMs ?? 30_000;
  let inFlight: Promise<string> | undefined;
  // The stored pair, read again at most this often: a fan-out's every call would otherwise read Redis for it.
  // A token refreshed meanwhile by another process costs one -216/-220 and one re-read, as designed.
  const cacheMs = o.cacheMs ?? 2_000;
  let cached: { token: string; until: number } | undefined;

  async function mustRead(): Promise<StoredTokens> {
    const t = await o.store.read();
    if (!t)
      throw new ZaloNotAuthorizedError("No Zalo OA token is stored: authorise the app first (npm run zalo:authorize).");
    return t;
  }

  async function refreshUnlessChanged(stale: string): Promise<string> {
    const deadline = now() + lockTtl + 5_000;
    for (;;) {
      const current = await mustRead();
      if (current.accessToken !== stale) return current.accessToken;
      const holder = await o.store.tryLock(lockTtl);
      if (holder) {
        try {
          // Re-read under the lock: another process may have finished between our read and the lock.
          const locked = await mustRead();
          if (locked.accessToken !== stale) return locked.accessToken;
          let grant: TokenGrant;
          try {
            grant = await o.oauth.refresh(locked.refreshToken);
          } catch (err) {
            if (err instanceof ZaloOAuthError) {
              const message = `Zalo refused the OA's refresh token (${err.code}: ${err.reason}). Chatbot replies and sends stop until an OA admin re-authorises the app.`;
              await o.store.raiseAlarm(TOKEN_ALARM, { message, steps: REAUTHORISE_STEPS });
              o.logger.fatal({ alarm: TOKEN_ALARM, code: err.code, steps: REAUTHORISE_STEPS }, message);
              throw new ZaloNotAuthorizedError(message);
            }
            throw err;
          }
          const next = grantToStored(grant, locked.generation + 1, now(), o.refreshTokenTtlSeconds);
          if (!(await o.store.replaceIfCurrent(locked.refreshToken, next))) {
            o.logger.warn("token pair changed during refresh (manual re-authorisation?); keeping the stored one");
            return (await mustRead()).accessToken;
          }
          await o.store.clearAlarm(TOKEN_ALARM);
          o.logger.info({ generation: next.generation }, "Zalo access token refreshed");
          return next.accessToken;
        } finally {
          await o.store.unlock(holder);
        }
      }
      if (now() > deadline) throw new Error("timed out waiting for another process to refresh the Zalo token");
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  function refresh(stale: string): Promise<string> {
    inFlight ??= refreshUnlessChanged(stale).finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  }

  return {
    async current() {
      if (cached && now() < cached.until) return cached.token;
      const t = await mustRead();
      if (t.accessExpiresAt <= now()) return refresh(t.accessToken);
      cached = { token: t.accessToken, until: Math.min(now() + cacheMs, t.accessExpiresAt) };
      return t.accessToken;
    },
    refreshAfterRejection: (rejected) => {
      cached = undefined;
      return refresh(rejected);
    },
    /** Called on a timer: refresh ahead of expiry so no user-facing call ever waits for it. */
    async refreshIfDue() {
      const t = await o.store.read();
      if (t && t.accessExpiresAt - ahead <= now()) await refresh(t.accessToken);
    },
  };
}
