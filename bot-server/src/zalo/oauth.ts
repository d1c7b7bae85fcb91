import { createHash, randomBytes } from "node:crypto";
import type { AxiosInstance } from "axios";
import { z } from "zod";
import { ZaloOAuthError, ZaloTransportError } from "./errors";
import { parseJsonKeepingBigIntegers } from "./json";
import { createTransport } from "./transport";

/** A token pair as Zalo's OAuth v4 gives it. `expires_in` arrives as a string of seconds. */
export interface TokenGrant {
  accessToken: string;
  refreshToken: string;
  accessExpiresInSeconds: number;
}

const grantSchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: z.coerce.number().int().positive(),
});

const errorSchema = z.object({
  error: z.coerce.number().optional(),
  error_name: z.string().optional(),
  error_reason: z.string().optional(),
  error_description: z.string().optional(),
  message: z.string().optional(),
});

export interface ZaloOAuth {
  /** The consent page URL an OA admin opens to authorise the app (PKCE). */
  consentUrl(redirectUri: string, codeChallenge: string, state: string): string;
  exchangeCode(code: string, codeVerifier: string): Promise<TokenGrant>;
  refresh(refreshToken: string): Promise<TokenGrant>;
}

/** PKCE as Zalo's PHP SDK does it: a 43-character verifier, challenge = base64url(SHA-256(verifier)). */
export function newPkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString("base64url").slice(0, 43);
  return { verifier, challenge: pkceChallenge(verifier) };
}

export function pkceChallenge(verifier: string): string {
  return createHash("sha256").update(verifier).digest("base64url");
}

export function createZaloOAuth(opts: {
  oauthBase: string;
  appId: string;
  appSecret: string;
  timeoutMs?: number;
}): ZaloOAuth {
  const http: AxiosInstance = createTransport(opts.oauthBase, opts.timeoutMs ?? 10_000);

  async function token(form: Record<string, string>): Promise<TokenGrant> {
    const endpoint = "/v4/oa/access_token";
    let res;
    try {
      res = await http.post(endpoint, new URLSearchParams({ ...form, app_id: opts.appId }).toString(), {
        // The app secret travels in a header, never in the form body.
        headers: { "Content-Type": "application/x-www-form-urlencoded", secret_key: opts.appSecret },
      });
    } catch (err) {
      throw new ZaloTransportError(endpoint, err);
    }
    if (res.status >= 500)
      throw new ZaloTransportError(endpoint, new Error(String(res.data).slice(0, 200)), res.status);
    let body: unknown;
    try {
      body = parseJsonKeepingBigIntegers(String(res.data));
    } catch {
      throw new ZaloTransportError(endpoint, new Error("response is not JSON"), res.status);
    }
    const grant = grantSchema.safeParse(body);
    if (grant.success)
      return {
        accessToken: grant.data.access_token,
        refreshToken: grant.data.refresh_token,
        accessExpiresInSeconds: grant.data.expires_in,
      };
    const e = errorSchema.safeParse(body);
    const d = e.success ? e.data : {};
    throw new ZaloOAuthError(
      d.error ?? -1,
      d.error_reason ?? d.error_description ?? d.error_name ?? d.message ?? "no tokens in the answer",
    );
  }

  return {
    consentUrl(redirectUri, codeChallenge, state) {
      const q = new URLSearchParams({
        app_id: opts.appId,
        redirect_uri: redirectUri,
        code_challenge: codeChallenge,
        state,
      });
      return `${opts.oauthBase}/v4/oa/permission?${q.toString()}`;
    },
    exchangeCode: (code, codeVerifier) =>
      token({ code, code_verifier: codeVerifier, grant_type: "authorization_code" }),
    refresh: (refreshToken) => token({ refresh_token: refreshToken, grant_type: "refresh_token" }),
  };
}
