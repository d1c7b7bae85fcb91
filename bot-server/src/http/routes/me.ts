import { Router, type Request } from "express";
import { rateLimit } from "express-rate-limit";
import type { FollowerDirectory } from "../../domain/followers/confirm-following";
import { getSubscription, requestSubscription, type SubscriptionRequest } from "../../domain/subscriptions/subscription";
import type { FollowerRegistry } from "../../store/follower-registry";
import { isRefusedUserToken, ZaloApiError, ZaloTransportError } from "../../zalo/errors";
import type { MiniAppIdentity, ZaloGraph } from "../../zalo/graph";
import { HttpError } from "../middleware/errors";

const TOKEN_HEADER = "x-zalo-access-token";
const IDENTITY_TTL_MS = 5 * 60_000;
const IDENTITY_CACHE_MAX = 50_000;

/**
 * A citizen's own data (`/api/v1/me/*`), for the mini app. Identity is the token from zmp-sdk's
 * getAccessToken(), sent in a header (mini apps have no cookies, hence no CSRF surface) and verified with
 * Zalo's Graph API; a verified token is remembered for a few minutes so a busy evening costs Zalo little.
 */
export function meRoutes(deps: { graph: ZaloGraph; registry: FollowerRegistry; directory: FollowerDirectory; now?: () => number }): Router {
  const following = { registry: deps.registry, directory: deps.directory, now: deps.now ?? Date.now };
  const identities = new Map<string, { identity: MiniAppIdentity; until: number }>();

  async function identify(req: Request): Promise<MiniAppIdentity> {
    const token = req.header(TOKEN_HEADER)?.trim();
    if (!token || token.length > 2048) throw new HttpError(401, "unauthenticated", "Cần mở trong ứng dụng Zalo để dùng chức năng này");
    const cached = identities.get(token);
    if (cached && cached.until > Date.now()) return cached.identity;
    let identity: MiniAppIdentity;
    try {
      identity = await deps.graph.me(token);
    } catch (err) {
      // Only a refused token is the caller's problem; a rate limit (-32) or our own bad app secret (-242) is ours.
      if (isRefusedUserToken(err)) throw new HttpError(401, "invalid_token", "Phiên đăng nhập Zalo không hợp lệ hoặc đã hết hạn");
      throw new HttpError(503, "zalo_unavailable", "Chưa kiểm tra được tài khoản Zalo, vui lòng thử lại sau");
    }
    if (identities.size >= IDENTITY_CACHE_MAX) identities.clear();
    identities.set(token, { identity, until: Date.now() + IDENTITY_TTL_MS });
    return identity;
  }

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
  router.use("/me", rateLimit({ windowMs: 60_000, limit: 60, standardHeaders: "draft-8", legacyHeaders: false, message: { error: "too_many_requests", message: "Bạn thao tác quá nhanh, vui lòng thử lại sau ít phút" } }));

  router.get("/me/subscription", async (req, res) => {
    const me = await identify(req);
    res.json(await getSubscription(deps.registry, me.oaUserId));
  });
  for (const [method, on] of [["put", true], ["delete", false]] as const) {
    router[method]("/me/subscription", async (req, res) => {
      const me = await identify(req);
      let request: SubscriptionRequest;
      try {
        request = await requestSubscription(following, me.oaUserId, on);
      } catch (err) {
        // Only the follow check asks Zalo (for a user the registry does not know as a follower).
        if (err instanceof ZaloApiError || err instanceof ZaloTransportError) {
          throw new HttpError(503, "zalo_unavailable", "Chưa kiểm tra được việc bạn quan tâm Zalo OA, vui lòng thử lại sau");
        }
        throw err;
      }
      if (!request.allowed) throw new HttpError(409, "not_following", "Bạn cần quan tâm Zalo OA trước khi đăng ký nhận bản tin");
      res.json(await request.apply());
    });
  }
  return router;
}
