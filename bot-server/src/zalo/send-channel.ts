import type { Post } from "@cds/shared";
import type { SendChannel } from "../domain/delivery/ports";
import type { ZaloClient } from "./client";
import { conversationHas } from "./conversation";

/** How long Zalo may take to process an article before the broadcast job gives up (and is retried). */
const ARTICLE_WAIT_MS = 5 * 60_000;

/** A send's Zalo calls, on the bulk lane of the shared budget: the article, the broadcast, the digest. */
export function sendChannel(client: ZaloClient, o: { author: string }): SendChannel {
  return {
    createArticle(post: Post, postUrl: string) {
      const paragraphs = post.body.split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p !== "");
      return client.createArticle({
        title: post.title,
        author: o.author.slice(0, 50),
        description: post.summary,
        coverPhotoUrl: post.coverImageUrl ?? "",
        body: [...paragraphs.map((content) => ({ type: "text" as const, content })), { type: "text" as const, content: `Xem chi tiết: ${postUrl}` }],
      });
    },
    waitForArticle: (token) => client.waitForArticle(token, { intervalMs: 2_000, timeoutMs: ARTICLE_WAIT_MS }),
    async broadcastArticle(cities, articleId) {
      return (await client.broadcastArticle({ cities }, articleId)).messageId;
    },
    async sendDigest(userId, text, postUrl) {
      await client.sendCs(userId, { text, attachment: { type: "template", payload: { buttons: [{ title: "Đọc bản tin", type: "oa.open.url", payload: { url: postUrl } }] } } }, "bulk");
    },
    wasSent: (userId, isTheMessage, sinceMs) => conversationHas(client, userId, isTheMessage, sinceMs),
  };
}

/** Without Zalo credentials (an API-only test server) a send can be planned and scheduled, not made. */
export function zaloNotConfigured(): SendChannel {
  const refuse = () => Promise.reject(new Error("Zalo is not configured: set the ZALO_* credentials to send"));
  return { createArticle: refuse, waitForArticle: refuse, broadcastArticle: refuse, sendDigest: refuse, wasSent: refuse };
}
