import type { Post } from "@cds/shared";

/**
 * What followers get of a post, in one place: the send builds its Zalo calls from it and the console's
 * preview runs the same code as the editor types, so an approver sees exactly what goes out. Pure: no
 * Node or server module, the console bundles it.
 */
export interface OutgoingPost {
  /** The broadcast's article: a card (cover, title, description) that opens to the paragraphs. */
  article: { title: string; author: string; description: string; coverUrl?: string; paragraphs: string[] };
  /** The CS digest to subscribers: the text and its one button. */
  digest: { text: string; button: { title: string; url: string } };
  /** The post's page in the mini app. */
  postUrl: string;
}

/** The CS digest to subscribers: the title, the description and where to read the rest. */
export function digestText(p: Pick<Post, "title" | "summary">): string {
  return `${p.title}\n\n${p.summary}`.normalize("NFC");
}

export const DIGEST_BUTTON_TITLE = "Đọc bản tin";

/** Zalo's article author field holds at most 50 characters. */
const AUTHOR_MAX = 50;

export function outgoingPost(
  post: Pick<Post, "title" | "summary" | "body" | "coverImageUrl">,
  postUrl: string,
  author: string,
): OutgoingPost {
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
