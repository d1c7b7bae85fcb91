import type { Post } from "@cds/shared";
import { digestText } from "../posts/workflow";

/**
 * What followers get of a post, in one place: the send builds its Zalo calls from it and the console's
 * preview shows it, so an approver sees exactly what goes out.
 */
export interface OutgoingPost {
  /** The broadcast's article: a card (cover, title, description) that opens to the paragraphs. */
  article: { title: string; author: string; description: string; coverUrl?: string; paragraphs: string[] };
  /** The CS digest to subscribers: the text and its one button. */
  digest: { text: string; button: { title: string; url: string } };
  /** The post's page in the mini app. */
  postUrl: string;
}

export const DIGEST_BUTTON_TITLE = "Đọc bản tin";

/** Zalo's article author field holds at most 50 characters. */
const AUTHOR_MAX = 50;

export function outgoingPost(post: Post, postUrl: string, author: string): OutgoingPost {
  const paragraphs = post.body
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== "");
  return {
    article: {
      title: post.title,
      author: author.slice(0, AUTHOR_MAX),
      description: post.summary,
      ...(post.coverImageUrl && { coverUrl: post.coverImageUrl }),
      paragraphs: [...paragraphs, `Xem chi tiết: ${postUrl}`],
    },
    digest: { text: digestText(post), button: { title: DIGEST_BUTTON_TITLE, url: postUrl } },
    postUrl,
  };
}
