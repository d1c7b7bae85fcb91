import express, { type Request, type Router } from "express";
import { AUTH_CODE_TTL_MS } from "../config";
import type { SimContext } from "../context";
import { OAuthCode, OAuthError } from "../envelope";
import type { TokenTtls } from "../state/tokens";
import { isRecord, type Json } from "../validate";

const formParser = express.urlencoded({ extended: false, limit: "64kb" });

function missing(param: string): OAuthError {
  return new OAuthError(OAuthCode.INVALID_PARAMETER, "Invalid parameter", `${param} is required`);
}

function formField(body: Json, name: string): string | undefined {
  const v = body[name];
  return typeof v === "string" && v !== "" ? v : undefined;
}

export function tokenTtls(ctx: SimContext): TokenTtls {
  const { limits } = ctx.settings;
  return { accessMs: limits.accessTokenTtlSeconds * 1000, refreshMs: limits.refreshTokenTtlSeconds * 1000 };
}

/**
 * OAuth v4 for Official Accounts (ZALO-PLATFORM B): form-encoded body, app secret in the `secret_key`
 * header, single-use rotating refresh tokens. Errors keep Zalo's habit of answering HTTP 200.
 */
function exchange(ctx: SimContext, req: Request) {
  // A JSON body leaves req.body unparsed: Zalo expects a form, so that is a missing-parameter error.
  const body: Json = isRecord(req.body) ? req.body : {};
  const appId = formField(body, "app_id");
  if (!appId) throw missing("app_id");
  if (appId !== ctx.credentials.appId)
    throw new OAuthError(OAuthCode.INVALID_APP_ID, "Invalid app id", "app_id does not exist");
  if (req.get("secret_key") !== ctx.credentials.appSecret) {
    throw new OAuthError(OAuthCode.INVALID_SECRET_KEY, "Invalid secret key", "secret_key header is missing or wrong");
  }
  const now = ctx.clock.now();
  const grantType = formField(body, "grant_type");
  if (grantType === "authorization_code") {
    const code = formField(body, "code");
    if (!code) throw missing("code");
    const result = ctx.tokens.exchangeCode(code, formField(body, "code_verifier"), now, tokenTtls(ctx));
    if (result === "missing_verifier" || result === "wrong_verifier") {
      throw new OAuthError(
        OAuthCode.INVALID_CODE_VERIFIER,
        "Invalid code verifier",
        `code_verifier does not match code_challenge (${result})`,
      );
    }
    if (typeof result === "string")
      throw new OAuthError(OAuthCode.INVALID_CODE, "Invalid code", `authorization code rejected: ${result}`);
    return result;
  }
  if (grantType === "refresh_token") {
    const refreshToken = formField(body, "refresh_token");
    if (!refreshToken) throw missing("refresh_token");
    const result = ctx.tokens.rotate(refreshToken, now, tokenTtls(ctx));
    if (typeof result === "string") {
      throw new OAuthError(
        OAuthCode.INVALID_REFRESH_TOKEN,
        "Invalid refresh token",
        `refresh_token rejected: ${result}`,
      );
    }
    return result;
  }
  throw new OAuthError(
    OAuthCode.INVALID_PARAMETER,
    "Invalid parameter",
    "grant_type must be authorization_code or refresh_token",
  );
}

export function registerOAuthRoutes(router: Router, ctx: SimContext): void {
  router.post("/v4/oa/access_token", formParser, (req, res) => {
    try {
      const pair = exchange(ctx, req);
      res.json({
        access_token: pair.accessToken,
        refresh_token: pair.refreshToken,
        expires_in: String(ctx.settings.limits.accessTokenTtlSeconds),
      });
    } catch (err) {
      if (!(err instanceof OAuthError)) throw err;
      res.json(err.toBody());
    }
  });

  /** The consent screen, auto-accepted: redirects with a fresh code as the real one would after "Cho phép". */
  router.get("/v4/oa/permission", (req, res) => {
    const q = req.query;
    if (q.app_id !== ctx.credentials.appId) {
      res
        .status(400)
        .json(new OAuthError(OAuthCode.INVALID_APP_ID, "Invalid app id", "app_id does not exist").toBody());
      return;
    }
    let redirect: URL;
    try {
      redirect = new URL(typeof q.redirect_uri === "string" ? q.redirect_uri : "");
      if (redirect.protocol !== "http:" && redirect.protocol !== "https:") throw new TypeError("not http(s)");
    } catch {
      res
        .status(400)
        .json(
          new OAuthError(
            OAuthCode.INVALID_REDIRECT_URI,
            "Invalid redirect uri",
            "redirect_uri must be an http(s) URL",
          ).toBody(),
        );
      return;
    }
    const challenge = typeof q.code_challenge === "string" && q.code_challenge !== "" ? q.code_challenge : null;
    redirect.searchParams.set("code", ctx.tokens.issueCode(ctx.clock.now(), AUTH_CODE_TTL_MS, challenge));
    redirect.searchParams.set("oa_id", ctx.credentials.oaId);
    if (typeof q.state === "string") redirect.searchParams.set("state", q.state);
    res.redirect(302, redirect.toString());
  });
}
