import type { Post } from "@cds/shared";
import { SendRefusal, type SendChannel } from "../domain/delivery/ports";
import type { ZaloClient } from "./client";
import { conversationHas } from "./conversation";
import { DIGEST_BUTTON_TITLE, outgoingPost } from "../domain/delivery/outgoing";
import { ZaloApiError } from "./errors";

/** Zalo's answer in the send's terms (the error table decides); a failure without an answer stays as it is. */
async function explained<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (err) {
    if (!(err instanceof ZaloApiError)) throw err;
    const reason =
      err.kind === "recipient_unreachable"
        ? "unreachable"
        : err.kind === "retry_later" || err.kind === "refresh_token" || err.kind === "night_window"
          ? "retry"
          : "refused";
    throw new SendRefusal(reason, err.message);
  }
}

/** How long Zalo may take to process an article before the broadcast job gives up (and is retried). */
const ARTICLE_WAIT_MS = 5 * 60_000;

/** A send's Zalo calls, on the bulk lane of the shared budget: the article, the broadcast, the digest. */
export function createSendChannel(client: ZaloClient, o: { author: string }): SendChannel {
  return {
    createArticle(post: Post, postUrl: string) {
      const { article } = outgoingPost(post, postUrl, o.author);
      return client.createArticle({
        title: article.title,
        author: article.author,
        description: article.description,
        coverPhotoUrl: article.coverUrl ?? "",
        body: article.paragraphs.map((content) => ({ type: "text" as const, content })),
      });
    },
    waitForArticle: (token) => client.waitForArticle(token, { intervalMs: 2_000, timeoutMs: ARTICLE_WAIT_MS }),
    async broadcastArticle(cities, articleId) {
      return (await explained(client.broadcastArticle({ cities }, articleId))).messageId;
    },
    async sendDigest(userId, text, postUrl) {
      const button = { title: DIGEST_BUTTON_TITLE, type: "oa.open.url" as const, payload: { url: postUrl } };
      await explained(
        client.sendCs(userId, { text, attachment: { type: "template", payload: { buttons: [button] } } }, "bulk"),
      );
    },
    wasSent: (userId, isTheMessage, sinceMs) => conversationHas(client, userId, isTheMessage, sinceMs),
  };
}

/** Without Zalo credentials (an API-only test server) a send can be planned and scheduled, not made. */
export function zaloNotConfigured(): SendChannel {
  const refuse = () => Promise.reject(new Error("Zalo is not configured: set the ZALO_* credentials to send"));
  return {
    createArticle: refuse,
    waitForArticle: refuse,
    broadcastArticle: refuse,
    sendDigest: refuse,
    wasSent: refuse,
  };
}
