import express, { type NextFunction, type Request, type RequestHandler, type Response } from "express";
import type { ApiGroup } from "../config";
import type { SimContext } from "../context";
import { ok, ZaloApiError, ZaloCode, ZaloMessage } from "../envelope";
import type { RateDecision } from "../rate-limit";

function rateHeaders(res: Response, d: RateDecision): void {
  res.setHeader("X-RateLimit-Limit", String(d.limit));
  res.setHeader("X-RateLimit-Remain", String(d.remain));
}

function rateLimited(): ZaloApiError {
  return new ZaloApiError(ZaloCode.RATE_LIMITED, ZaloMessage.rateLimited);
}

/**
 * In front of every OA API endpoint: the injected -32 burst, the per-app minute bucket (every OA request
 * counts, whatever its token), then the `access_token` header (-216 unknown, -220 expired/removed).
 */
export function oaGate(ctx: SimContext): RequestHandler {
  return (req, res, next) => {
    const now = ctx.clock.now();
    const limit = ctx.settings.limits.rateLimitPerMinute;
    if (ctx.faults.consumeBurst(req.path)) {
      ctx.stats.rateLimited += 1;
      rateHeaders(res, ctx.rateLimiter.peek(now, limit));
      res.json(rateLimited().toBody());
      return;
    }
    const decision = ctx.rateLimiter.take(now, limit);
    rateHeaders(res, decision);
    if (!decision.allowed) {
      ctx.stats.rateLimited += 1;
      res.json(rateLimited().toBody());
      return;
    }
    const token = req.get("access_token");
    const check = token ? ctx.tokens.checkAccess(token, now) : "invalid";
    if (check === "invalid") {
      res.json(new ZaloApiError(ZaloCode.TOKEN_INVALID, ZaloMessage.tokenInvalid).toBody());
      return;
    }
    if (check === "expired") {
      res.json(new ZaloApiError(ZaloCode.TOKEN_EXPIRED, ZaloMessage.tokenExpired).toBody());
      return;
    }
    next();
  };
}

/**
 * After the token: may this OA and app use this API? (-212 not registered by the app, -223 not granted at
 * consent); `paid` APIs stop with -224 when the package lapsed, `verifiedOnly` ones need a verified OA (-221).
 */
export function entitled(
  ctx: SimContext,
  group: ApiGroup,
  rules: { paid?: boolean; verifiedOnly?: boolean } = {},
): RequestHandler {
  return (_req, res, next) => {
    const e = ctx.settings.entitlements;
    let refusal: ZaloApiError | null = null;
    if (!e.registered.includes(group))
      refusal = new ZaloApiError(ZaloCode.API_NOT_REGISTERED, ZaloMessage.apiNotRegistered);
    else if (!e.granted.includes(group))
      refusal = new ZaloApiError(ZaloCode.API_NOT_AUTHORIZED, ZaloMessage.apiNotAuthorized);
    else if (rules.verifiedOnly && !e.verified)
      refusal = new ZaloApiError(ZaloCode.OA_NOT_VERIFIED, ZaloMessage.oaNotVerified);
    else if (rules.paid && !e.packageActive)
      refusal = new ZaloApiError(ZaloCode.PACKAGE_REQUIRED, ZaloMessage.packageRequired);
    if (refusal) {
      res.json(refusal.toBody());
      return;
    }
    next();
  };
}

/** Runs an OA handler and answers HTTP 200 with Zalo's envelope, success or failure. */
export function oaHandler(fn: (req: Request) => unknown): RequestHandler {
  return async (req, res) => {
    try {
      res.json(ok(await fn(req)));
    } catch (err) {
      if (err instanceof ZaloApiError) res.json(err.toBody());
      else throw err;
    }
  };
}

export const jsonParser: RequestHandler = express.json({ limit: "1mb" });

/** Body-parser failures on OA endpoints are Zalo errors (HTTP 200), not Express 4xx pages. */
export function oaBodyErrors(err: unknown, _req: Request, res: Response, next: NextFunction): void {
  const type = typeof err === "object" && err !== null && "type" in err ? String(err.type) : "";
  if (type === "entity.too.large") {
    res.json(new ZaloApiError(ZaloCode.EXCEEDS_LIMIT, ZaloMessage.exceedsLimit).toBody());
    return;
  }
  if (type.startsWith("entity.") || type.startsWith("charset.") || type.startsWith("encoding.")) {
    res.json(new ZaloApiError(ZaloCode.INVALID_PARAM, "body is invalid!").toBody());
    return;
  }
  next(err);
}
