import type { Catalogue, IndicatorsResponse } from "@cds/shared";
import type { ChatReply, NewsItem } from "../chatbot/replies";

/** What the inbound handling needs from the outside world, as plain functions (adapters live elsewhere). */
export interface Messenger {
  /** Sends a reply; resolves false when Zalo says the user cannot be reached now (nothing to retry). */
  sendReply(userId: string, reply: ChatReply): Promise<boolean>;
  /**
   * Whether a message the predicate recognises reached the user at or after `sinceMs`, by the OA's own record
   * of its conversation with them: what settles a send whose outcome a crash left unknown.
   */
  wasSent(userId: string, isTheReply: (text: string) => boolean, sinceMs: number): Promise<boolean>;
}

export interface ContentReader {
  latestIndicators(): Promise<IndicatorsResponse | undefined>;
  latestNews(limit: number): Promise<NewsItem[]>;
}

export interface ChatContextConfig {
  catalogue: Catalogue;
  miniAppUrl: (path: string) => string;
}
