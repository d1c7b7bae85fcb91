import { createHash, randomBytes } from "node:crypto";

/** base64url(SHA-256(verifier)) without padding: Zalo's PKCE (no code_challenge_method parameter). */
export function pkceChallenge(verifier: string): string {
  return createHash("sha256").update(verifier).digest("base64url");
}

function newToken(bytes: number): string {
  return randomBytes(bytes).toString("base64url");
}

export type AccessCheck = "ok" | "invalid" | "expired";

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
}

export interface TokenTtls {
  accessMs: number;
  refreshMs: number;
}

export type ExchangeFailure = "unknown_code" | "used_code" | "expired_code" | "missing_verifier" | "wrong_verifier";
export type RefreshFailure = "unknown_token" | "used_token" | "expired_token";

interface AuthCode {
  expiresAt: number;
  challenge: string | null;
}

interface AccessRecord {
  expiresAt: number;
  /** Set by the expireAccessTokens fault: expired whatever the clock says later. */
  forcedExpired: boolean;
}

interface RefreshRecord {
  expiresAt: number;
  accessToken: string;
}

interface MiniAppRecord {
  userIndex: number;
  expiresAt: number;
}

export interface TokenListing {
  refresh_tokens: { refresh_token: string; expires_at: string }[];
  access_tokens: { access_token: string; expires_at: string; expired: boolean }[];
  used_refresh_tokens: number;
}

export class TokenStore {
  private codes = new Map<string, AuthCode>();
  private usedCodes = new Set<string>();
  private access = new Map<string, AccessRecord>();
  /** Access tokens killed by a rotation: they answer -220 ("expired or removed"), not -216. */
  private removedAccess = new Set<string>();
  private refresh = new Map<string, RefreshRecord>();
  private usedRefresh = new Set<string>();
  private miniApp = new Map<string, MiniAppRecord>();

  reset(): void {
    this.codes.clear();
    this.usedCodes.clear();
    this.access.clear();
    this.removedAccess.clear();
    this.refresh.clear();
    this.usedRefresh.clear();
    this.miniApp.clear();
  }

  issueCode(now: number, ttlMs: number, challenge: string | null): string {
    const code = newToken(32);
    this.codes.set(code, { expiresAt: now + ttlMs, challenge });
    return code;
  }

  /** A code is consumed by its first exchange attempt, even one with a wrong verifier. */
  exchangeCode(code: string, verifier: string | undefined, now: number, ttls: TokenTtls): TokenPair | ExchangeFailure {
    if (this.usedCodes.has(code)) return "used_code";
    const rec = this.codes.get(code);
    if (!rec) return "unknown_code";
    this.codes.delete(code);
    this.usedCodes.add(code);
    if (rec.expiresAt <= now) return "expired_code";
    if (rec.challenge !== null) {
      if (!verifier) return "missing_verifier";
      if (pkceChallenge(verifier) !== rec.challenge) return "wrong_verifier";
    }
    return this.issuePair(now, ttls);
  }

  /** Single-use rotation: the old refresh token and the access token issued with it both die. */
  rotate(refreshToken: string, now: number, ttls: TokenTtls): TokenPair | RefreshFailure {
    if (this.usedRefresh.has(refreshToken)) return "used_token";
    const rec = this.refresh.get(refreshToken);
    if (!rec) return "unknown_token";
    if (rec.expiresAt <= now) return "expired_token";
    this.refresh.delete(refreshToken);
    this.usedRefresh.add(refreshToken);
    if (this.access.delete(rec.accessToken)) this.removedAccess.add(rec.accessToken);
    return this.issuePair(now, ttls);
  }

  checkAccess(token: string, now: number): AccessCheck {
    const rec = this.access.get(token);
    if (rec) return rec.forcedExpired || rec.expiresAt <= now ? "expired" : "ok";
    return this.removedAccess.has(token) ? "expired" : "invalid";
  }

  expireAllAccessTokens(): number {
    for (const rec of this.access.values()) rec.forcedExpired = true;
    return this.access.size;
  }

  issueMiniAppToken(userIndex: number, now: number, ttlMs: number): string {
    const token = newToken(48);
    this.miniApp.set(token, { userIndex, expiresAt: now + ttlMs });
    return token;
  }

  /** The user index behind a mini-app token, "invalid" or "expired". */
  miniAppUser(token: string, now: number): number | "invalid" | "expired" {
    const rec = this.miniApp.get(token);
    if (!rec) return "invalid";
    return rec.expiresAt <= now ? "expired" : rec.userIndex;
  }

  listing(now: number): TokenListing {
    return {
      refresh_tokens: [...this.refresh]
        .filter(([, r]) => r.expiresAt > now)
        .map(([t, r]) => ({ refresh_token: t, expires_at: new Date(r.expiresAt).toISOString() })),
      access_tokens: [...this.access].map(([t, r]) => ({
        access_token: t,
        expires_at: new Date(r.expiresAt).toISOString(),
        expired: r.forcedExpired || r.expiresAt <= now,
      })),
      used_refresh_tokens: this.usedRefresh.size,
    };
  }

  private issuePair(now: number, ttls: TokenTtls): TokenPair {
    const accessToken = newToken(64);
    const refreshToken = newToken(64);
    this.access.set(accessToken, { expiresAt: now + ttls.accessMs, forcedExpired: false });
    this.refresh.set(refreshToken, { expiresAt: now + ttls.refreshMs, accessToken });
    return { accessToken, refreshToken };
  }
}
