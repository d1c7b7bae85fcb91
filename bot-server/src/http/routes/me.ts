import { Router, type Request, type Response } from "express";
import { rateLimit, type Store } from "express-rate-limit";
import { LRUCache } from "lru-cache";
import type { FollowerDirectory } from "../../domain/followers/confirm-following";
import {
  getSubscription,
  requestSubscription,
  type SubscriptionRequest,
} from "../../domain/subscriptions/subscription";
import type { FollowerRegistry } from "../../domain/followers/ports";
import { isRefusedUserToken, ZaloApiError, ZaloTransportError } from "../../zalo/errors";
import type { MiniAppIdentity, ZaloGraph } from "../../zalo/graph";
import { HttpError } from "../middleware/errors";

const TOKEN_HEADER = "x-zalo-access-token";
const IDENTITY_TTL_MS = 5 * 60_000;
const IDENTITY_CACHE_MAX = 50_000;
/** Per address, before the token is checked: generous, since a carrier's NAT puts many citizens behind one. */
const PER_ADDRESS_PER_MINUTE = 600;
/** Per verified Zalo user. */
const PER_USER_PER_MINUTE = 60;
const TOO_MANY = { error: "too_many_requests", message: "Bạn thao tác quá nhanh, vui lòng thử lại sau ít phút" };

/**
 * A citizen's own data (`/api/v1/me/*`), for the mini app. Identity is the token from zmp-sdk's
 * getAccessToken(), sent in a header (mini apps have no cookies, hence no CSRF surface) and verified with
 * Zalo's Graph API; a verified token is remembered for a few minutes (a bounded LRU) so a busy evening costs
 * Zalo little. Rate limits count in `limits` (Redis: shared by every API process): per address before the
 * token is checked, per verified user after.
 */
export function meRoutes(deps: {
  graph: ZaloGraph;
  registry: FollowerRegistry;
  directory: FollowerDirectory;
  limits: (name: string) => Store;
  now?: () => number;
}): Router {
  const following = { registry: deps.registry, directory: deps.directory, now: deps.now ?? Date.now };
  const identities = new LRUCache<string, MiniAppIdentity>({ max: IDENTITY_CACHE_MAX, ttl: IDENTITY_TTL_MS });

  async function identify(req: Request): Promise<MiniAppIdentity> {
    const token = req.header(TOKEN_HEADER)?.trim();
    if (!token || token.length > 2048)
      throw new HttpError(401, "unauthenticated", "Cần mở trong ứng dụng Zalo để dùng chức năng này");
    const cached = identities.get(token);
    if (cached) return cached;
    let identity: MiniAppIdentity;
    try {
      identity = await deps.graph.me(token);
    } catch (err) {
      // Only a refused token is the caller's problem; a rate limit (-32) or our own bad app secret (-242) is ours.
      if (isRefusedUserToken(err))
        throw new HttpError(401, "invalid_token", "Phiên đăng nhập Zalo không hợp lệ hoặc đã hết hạn");
      throw new HttpError(503, "zalo_unavailable", "Chưa kiểm tra được tài khoản Zalo, vui lòng thử lại sau");
    }
    identities.set(token, identity);
    return identity;
  }
  const limit = (name: string, perMinute: number, key?: (req: Request, res: Response) => string) =>
    rateLimit({
      windowMs: 60_000,
      limit: perMinute,
      standardHeaders: "draft-8",
      legacyHeaders: false,
      message: TOO_MANY,
      store: deps.limits(name),
      ...(key && { keyGenerator: key }),
    });

  const router = Router();
  router.use("/me", (req, res, next) => {
    // Any origin may call, with the token header and never with cookies (credentials are not allowed).
    res.set({
      "Access-Control-Allow-Origin": "*",
      "Access-Control-Allow-Methods": "GET, PUT, DELETE, OPTIONS",
      "Access-Control-Allow-Headers": "X-Zalo-Access-Token, Content-Type",
      "Access-Control-Max-Age": "86400",
      "Cache-Control": "no-store",
      Vary: "X-Zalo-Access-Token",
    });
    if (req.method === "OPTIONS") {
      res.status(204).end();
      return;
    }
    next();
  });
  router.use("/me", limit("me-address", PER_ADDRESS_PER_MINUTE));
  router.use("/me", async (req, res, next) => {
    res.locals.me = await identify(req);
    next();
  });
  router.use(
    "/me",
    limit("me-user", PER_USER_PER_MINUTE, (_req, res) => `app:${(res.locals.me as MiniAppIdentity).appUserId}`),
  );
  const me = (res: Response) => res.locals.me as MiniAppIdentity;

  router.get("/me/subscription", async (_req, res) => {
    res.json(await getSubscription(deps.registry, me(res).oaUserId));
  });
  for (const [method, on] of [
    ["put", true],
    ["delete", false],
  ] as const) {
    router[method]("/me/subscription", async (_req, res) => {
      let request: SubscriptionRequest;
      try {
        request = await requestSubscription(following, me(res).oaUserId, on);
      } catch (err) {
        // Only the follow check asks Zalo (for a user the registry does not know as a follower).
        if (err instanceof ZaloApiError || err instanceof ZaloTransportError) {
          throw new HttpError(
            503,
            "zalo_unavailable",
            "Chưa kiểm tra được việc bạn quan tâm Zalo OA, vui lòng thử lại sau",
          );
        }
        throw err;
      }
      if (!request.allowed)
        throw new HttpError(409, "not_following", "Bạn cần quan tâm Zalo OA trước khi đăng ký nhận bản tin");
      res.json(await request.apply());
    });
  }
  return router;
}
