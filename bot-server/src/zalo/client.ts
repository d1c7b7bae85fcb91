import { z } from "zod";
import { ZaloApiError, ZaloTransportError } from "./errors";
import { parseJsonKeepingBigIntegers } from "./json";
import type { ArticleInput, BroadcastTarget, CsMessage } from "./messages";
import { createTransport } from "./transport";

/** Who the call is for, so the shared send budget can keep chatbot replies ahead of bulk sends. */
export type Lane = "priority" | "bulk";

export interface SendBudgetLike {
  acquire(lane: Lane): Promise<void>;
}

export interface AccessTokenSource {
  current(): Promise<string>;
  /** Called with a token Zalo rejected (-216/-220); returns a fresh one (single-flight across processes). */
  refreshAfterRejection(rejected: string): Promise<string>;
}

const idString = z.union([z.string(), z.number()]).transform(String);

const envelope = z.object({ error: z.coerce.number(), message: z.string().optional(), data: z.unknown().optional() });

// `quota.remain` was fixed at 8 from 2026-01-01 and is gone after 2026-03-01 (ZALO-PLATFORM A.2): only the type is read.
const csSent = z.object({
  message_id: idString,
  user_id: idString.optional(),
  sent_time: idString.optional(),
  quota: z.object({ quota_type: z.string().optional() }).passthrough().optional(),
});
const broadcastSent = z.object({ message_id: idString });
const articleToken = z.object({ token: z.string() });
const articleId = z.object({ id: idString });
const getListData = z.object({
  total: z.coerce.number(),
  count: z.coerce.number().optional(),
  offset: z.coerce.number().optional(),
  users: z.array(z.object({ user_id: idString })).default([]),
});
const conversationMessage = z
  .object({
    message_id: idString,
    src: z.coerce.number(),
    time: z.coerce.number(),
    type: z.string().optional(),
    message: z.string().optional(),
  })
  .passthrough();
const userDetail = z
  .object({
    user_id: idString,
    user_id_by_app: idString.optional(),
    display_name: z.string().optional(),
    user_is_follower: z.boolean().optional(),
    user_last_interaction_date: z.string().optional(),
  })
  .passthrough();
const uploaded = z.object({ attachment_id: idString });

export type ConversationMessage = z.output<typeof conversationMessage>;
export type UserDetail = z.output<typeof userDetail>;

/** Told about every answer, to keep operator alarms and usage figures; must not throw. */
export interface ZaloCallObserver {
  succeeded(endpoint: string): void;
  failed(err: ZaloApiError): void;
  /** A CS message went out, counted against Zalo's `quota_type` (reply, sub_quota, purchase_quota…). */
  csSent(quotaType: string): void;
}

export interface ZaloClientOptions {
  apiBase: string;
  timeoutMs?: number;
  tokens: AccessTokenSource;
  budget?: SendBudgetLike;
  observer?: ZaloCallObserver;
}

/**
 * The OA Open API, the only code that speaks Zalo's wire format for it: `access_token` header, GET
 * parameters as one JSON `data` query parameter, HTTP-200 error envelopes turned into ZaloApiError,
 * one token refresh and one retry on -216/-220.
 */
export function createZaloClient(opts: ZaloClientOptions) {
  const http = createTransport(opts.apiBase, opts.timeoutMs ?? 10_000);

  async function call<T extends z.ZodType>(
    method: "GET" | "POST",
    path: string,
    schema: T,
    options: { data?: unknown; body?: unknown; form?: FormData; lane?: Lane; query?: Record<string, string> } = {},
  ): Promise<z.output<T>> {
    let token = await opts.tokens.current();
    for (let attempt = 0; ; attempt++) {
      await opts.budget?.acquire(options.lane ?? "bulk");
      const params: Record<string, string> = { ...options.query };
      if (options.data !== undefined) params.data = JSON.stringify(options.data);
      let res;
      try {
        res = await http.request({
          method,
          url: path,
          params,
          data: options.form ?? options.body,
          headers: {
            access_token: token,
            ...(options.body !== undefined ? { "Content-Type": "application/json" } : {}),
          },
        });
      } catch (err) {
        throw new ZaloTransportError(path, err);
      }
      if (res.status >= 300) throw new ZaloTransportError(path, new Error(String(res.data).slice(0, 200)), res.status);
      let parsed: z.output<typeof envelope>;
      try {
        parsed = envelope.parse(parseJsonKeepingBigIntegers(String(res.data)));
      } catch {
        throw new ZaloTransportError(path, new Error("answer is not a Zalo envelope"), res.status);
      }
      if (parsed.error !== 0) {
        const err = new ZaloApiError(parsed.error, parsed.message ?? "", path);
        if (err.kind === "refresh_token" && attempt === 0) {
          token = await opts.tokens.refreshAfterRejection(token);
          continue;
        }
        opts.observer?.failed(err);
        throw err;
      }
      const data = schema.safeParse(parsed.data);
      if (!data.success)
        throw new ZaloTransportError(path, new Error(`unexpected data: ${data.error.message}`), res.status);
      opts.observer?.succeeded(path);
      return data.data;
    }
  }

  return {
    /** A consultation message; reaches users who interacted within the CS window. */
    async sendCs(userId: string, message: CsMessage, lane: Lane = "priority") {
      const d = await call("POST", "/v3.0/oa/message/cs", csSent, {
        body: { recipient: { user_id: userId }, message },
        lane,
      });
      const quotaType = d.quota?.quota_type ?? "unknown";
      opts.observer?.csSent(quotaType);
      return { messageId: d.message_id, sentTime: d.sent_time, quotaType };
    },
    /**
     * One call that reaches every follower matching the target, subject to their monthly broadcast cap.
     * Zalo answers with a message id and then moderates the broadcast (about 30 minutes) before delivering
     * it; no recipient count ever comes back (ZALO-PLATFORM A.5).
     */
    async broadcastArticle(target: BroadcastTarget, articleIdValue: string) {
      const body = {
        recipient: { target },
        message: {
          attachment: {
            type: "template",
            payload: { template_type: "media", elements: [{ media_type: "article", attachment_id: articleIdValue }] },
          },
        },
      };
      const d = await call("POST", "/v2.0/oa/message", broadcastSent, { body, lane: "bulk" });
      return { messageId: d.message_id };
    },
    async createArticle(a: ArticleInput) {
      const body = {
        type: "normal",
        title: a.title,
        author: a.author,
        description: a.description,
        cover: { cover_type: "photo", photo_url: a.coverPhotoUrl, status: "show" },
        body: a.body,
        status: a.status ?? "show",
        comment: a.comment ?? "show",
      };
      return (await call("POST", "/v2.0/article/create", articleToken, { body })).token;
    },
    /** The article id once Zalo has processed it; ZaloApiError -214 while it is still processing. */
    async verifyArticle(token: string) {
      return (await call("POST", "/v2.0/article/verify", articleId, { body: { token } })).id;
    },
    /**
     * Polls verify until Zalo has processed the article (it answers -214 meanwhile), at most `timeoutMs`;
     * the id is what a broadcast attaches.
     */
    async waitForArticle(token: string, o: { intervalMs?: number; timeoutMs?: number } = {}) {
      const deadline = Date.now() + (o.timeoutMs ?? 60_000);
      for (;;) {
        try {
          return (await call("POST", "/v2.0/article/verify", articleId, { body: { token } })).id;
        } catch (err) {
          if (!(err instanceof ZaloApiError && err.code === -214) || Date.now() >= deadline) throw err;
        }
        await new Promise((r) => setTimeout(r, o.intervalMs ?? 1_000));
      }
    },
    async getArticle(id: string) {
      return call("GET", "/v2.0/article/getdetail", z.record(z.string(), z.unknown()), { query: { id } });
    },
    /** `lane`: "priority" when a person is waiting for the answer (a subscribe button, a chat message). */
    async userDetail(userId: string, lane: Lane = "bulk") {
      return call("GET", "/v3.0/oa/user/detail", userDetail, { data: { user_id: userId }, lane });
    },
    async getList(q: { offset: number; count: number; lastInteractionPeriod?: string; isFollower?: boolean }) {
      const data: Record<string, unknown> = { offset: q.offset, count: q.count };
      if (q.lastInteractionPeriod) data.last_interaction_period = q.lastInteractionPeriod;
      if (q.isFollower !== undefined) data.is_follower = String(q.isFollower);
      const d = await call("GET", "/v3.0/oa/user/getlist", getListData, { data });
      return { total: d.total, userIds: d.users.map((u) => u.user_id) };
    },
    /** Messages exchanged with one user, newest first. */
    async conversation(userId: string, offset = 0, count = 10) {
      return call("GET", "/v2.0/oa/conversation", z.array(conversationMessage), {
        data: { user_id: userId, offset, count },
      });
    },
    async uploadImage(bytes: Buffer, filename: string, mime: "image/jpeg" | "image/png") {
      const form = new FormData();
      form.append("file", new Blob([new Uint8Array(bytes)], { type: mime }), filename);
      return (await call("POST", "/v2.0/oa/upload/image", uploaded, { form })).attachment_id;
    },
    async quota(userId: string) {
      return call("POST", "/v3.0/oa/quota/message", z.record(z.string(), z.unknown()), { body: { user_id: userId } });
    },
  };
}

export type ZaloClient = ReturnType<typeof createZaloClient>;
