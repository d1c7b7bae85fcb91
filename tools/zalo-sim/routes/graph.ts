import { createHmac, timingSafeEqual } from "node:crypto";
import type { Router } from "express";
import type { SimContext } from "../context";
import { ZaloCode, ZaloMessage } from "../envelope";

/** hex HMAC-SHA256(access_token, app secret): Zalo's appsecret_proof (ZALO-PLATFORM A.1). */
export function appSecretProof(accessToken: string, appSecret: string): string {
  return createHmac("sha256", appSecret).update(accessToken).digest("hex");
}

const DEFAULT_FIELDS = ["id", "name"];

/**
 * graph.zalo.me `/v2.0/me` for mini-app user tokens. The answer is flat JSON (no `data` envelope).
 * The proof is made with the secret of the mini app's own Zalo app, treated as mandatory (SPEC-2026:
 * required since 2024) and checked before the token. Only the requested `fields` are returned, and
 * `user_id_by_oa` only as zmp-sdk asks for it (ZALO-PLATFORM E.3): with the mini app's `miniapp_id`, and
 * only when the mini app's app is linked to the OA.
 */
export function registerGraphRoutes(router: Router, ctx: SimContext): void {
  router.get("/v2.0/me", (req, res) => {
    const token = req.get("access_token") ?? "";
    const proof = req.get("appsecret_proof") ?? "";
    const expected = appSecretProof(token, ctx.credentials.miniAppSecret);
    if (proof.length !== expected.length || !timingSafeEqual(Buffer.from(proof), Buffer.from(expected))) {
      res.json({ error: ZaloCode.INVALID_APPSECRET_PROOF, message: ZaloMessage.invalidAppsecretProof });
      return;
    }
    const user = ctx.tokens.miniAppUser(token, ctx.clock.now());
    if (user === "invalid") {
      res.json({ error: ZaloCode.TOKEN_INVALID, message: ZaloMessage.tokenInvalid });
      return;
    }
    if (user === "expired") {
      res.json({ error: ZaloCode.TOKEN_EXPIRED, message: ZaloMessage.tokenExpired });
      return;
    }
    const f = ctx.followers;
    const requested =
      typeof req.query.fields === "string" ? req.query.fields.split(",").map((s) => s.trim()) : DEFAULT_FIELDS;
    const linked = req.query.miniapp_id === ctx.credentials.miniAppId && ctx.settings.entitlements.miniAppLinkedToOa;
    const available: Record<string, unknown> = {
      id: f.appIdOf(user),
      name: f.displayNameOf(user),
      picture: { data: { url: `https://avatar.zalo-sim.invalid/240/${f.appIdOf(user)}.jpg` } },
      ...(linked && { user_id_by_oa: f.idOf(user), is_follower: f.isFollower(user) }),
      is_sensitive: false,
    };
    const out: Record<string, unknown> = { id: available.id };
    for (const field of requested) if (field in available) out[field] = available[field];
    res.json(out);
  });
}
