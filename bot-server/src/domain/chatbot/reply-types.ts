import type { Catalogue, IndicatorsResponse } from "@cds/shared";

/** A button under a chat reply: open a page, or send `query` back as if the follower had typed it. */
export type ChatButton =
  { title: string; kind: "open_url"; url: string } | { title: string; kind: "query"; query: string };

export interface ChatReply {
  text: string;
  buttons: ChatButton[];
}

export interface NewsItem {
  id: string;
  title: string;
  summary: string;
  /** ISO 8601 instant. */
  publishedAt: string;
}

export interface ReplyContext {
  catalogue: Catalogue;
  /** The latest published week, as the public API serves it; undefined when nothing is published yet. */
  latest?: IndicatorsResponse;
  /** Published news, in any order. */
  news?: NewsItem[];
  /**
   * Whether the follower was subscribed to the digest before this message (undefined: not known). For
   * subscribe and unsubscribe the caller applies the change; the reply tells the follower the result.
   */
  subscribed?: boolean;
  /** The mini app's deep link for a page path ("/", "/indicators/<id>", "/groups/<group>", "/news/<id>", "/news"). */
  miniAppUrl: (path: string) => string;
}
