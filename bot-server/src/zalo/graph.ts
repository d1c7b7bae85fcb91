import { createHmac } from "node:crypto";
import { z } from "zod";
import { ZaloApiError, ZaloTransportError } from "./errors";
import { parseJsonKeepingBigIntegers } from "./json";
import { createTransport } from "./transport";

/** A mini app user as Zalo's Graph API vouches for them. */
export interface MiniAppIdentity {
  /** App-scoped id (the same as zmp-sdk getUserInfo().id). */
  appUserId: string;
  /** The OA-scoped id that OA messaging uses, when Zalo links the two (ZALO-PLATFORM E.5). */
  oaUserId?: string;
  name?: string;
}

const meSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String).optional(),
  name: z.string().optional(),
  user_id_by_oa: z.union([z.string(), z.number()]).transform(String).optional(),
  error: z.coerce.number().optional(),
  message: z.string().optional(),
});

/**
 * graph.zalo.me `/v2.0/me`: verifies a token from the mini app's getAccessToken(). The answer is flat JSON,
 * and `appsecret_proof` (HMAC-SHA256 of the token with the app secret) proves the call comes from us.
 */
export function createZaloGraph(opts: {
  graphBase: string;
  appSecret: string;
  miniAppId?: string;
  timeoutMs?: number;
}) {
  const http = createTransport(opts.graphBase, opts.timeoutMs ?? 5_000);
  return {
    async me(accessToken: string): Promise<MiniAppIdentity> {
      const path = "/v2.0/me";
      const proof = createHmac("sha256", opts.appSecret).update(accessToken).digest("hex");
      const params: Record<string, string> = { fields: "id,name,user_id_by_oa" };
      if (opts.miniAppId) params.miniapp_id = opts.miniAppId;
      let res;
      try {
        res = await http.get(path, { params, headers: { access_token: accessToken, appsecret_proof: proof } });
      } catch (err) {
        throw new ZaloTransportError(path, err);
      }
      if (res.status >= 300) throw new ZaloTransportError(path, new Error(String(res.data).slice(0, 200)), res.status);
      const body = meSchema.safeParse(parseJsonKeepingBigIntegers(String(res.data)));
      if (!body.success) throw new ZaloTransportError(path, new Error("unexpected answer"), res.status);
      // Errors come flat, without an id: `{ error: -216, message }`.
      if (body.data.error && body.data.error !== 0)
        throw new ZaloApiError(body.data.error, body.data.message ?? "", path);
      if (!body.data.id) throw new ZaloTransportError(path, new Error("answer without an id"), res.status);
      return {
        appUserId: body.data.id,
        ...(body.data.user_id_by_oa ? { oaUserId: body.data.user_id_by_oa } : {}),
        ...(body.data.name ? { name: body.data.name } : {}),
      };
    },
  };
}

export type ZaloGraph = ReturnType<typeof createZaloGraph>;
