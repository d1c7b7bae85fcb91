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

export interface UnansweredQuestion {
  /** The reply key of the message (its msg id, or text:<user>:<ms>). */
  id: string;
  userId: string;
  text: string;
  at: string;
}

/** An editor answered a question (the reply's text) or set it aside. */
export interface QuestionHandling {
  by: string;
  at: string;
  reply?: string;
}

/** A reply whose send began: its text's hash and when, kept until the reply is recorded as answered. */
export interface ReplyInFlight {
  textHash: string;
  atMs: number;
}

/**
 * Questions the bot could not answer, kept for editors (newest first, bounded), and reply idempotence:
 * a reply key (a message id, or a follow) is answered once; a reply whose send began but was not recorded
 * is "in flight" until it is settled.
 */
export interface ChatRepository {
  keepUnanswered(q: UnansweredQuestion): Promise<void>;
  /** Newest first: `limit` questions from position `offset`. */
  unanswered(limit: number, offset?: number): Promise<UnansweredQuestion[]>;
  /** Whether and how editors handled each question, by id. */
  handling(ids: readonly string[]): Promise<Map<string, QuestionHandling>>;
  /** Records the handling once: false if the question was handled already. */
  markHandled(id: string, handling: QuestionHandling): Promise<boolean>;
  /** Releases a handling whose reply could not be sent. */
  unmarkHandled(id: string): Promise<void>;
  wasAnswered(replyKey: string): Promise<boolean>;
  /** Records the reply as answered and clears its in-flight mark, in one step. */
  markAnswered(replyKey: string): Promise<void>;
  markInFlight(replyKey: string, reply: ReplyInFlight): Promise<void>;
  inFlight(replyKey: string): Promise<ReplyInFlight | undefined>;
}

/** A webhook event as the domain sees it, whatever Zalo's payload looked like (zalo/webhook.ts reduces it). */
export type InboundEvent =
  | { type: "follow" | "unfollow"; userId: string; at: number; eventName: string }
  | { type: "text"; userId: string; at: number; eventName: string; text: string; msgId?: string }
  | { type: "interaction"; userId: string; at: number; eventName: string; msgId?: string };
