import type { ZaloClient } from "./client";

/** Pages of the conversation read while looking for one message: the OA rarely sends a user 50 in a minute. */
const CONVERSATION_PAGES = 5;
const PAGE_SIZE = 10;

/**
 * Whether the OA's conversation with a user holds a message the predicate recognises, sent at or after
 * `sinceMs` (ZALO-PLATFORM A.6): how a send whose outcome a crash left unknown is settled.
 */
export async function conversationHas(
  client: ZaloClient,
  userId: string,
  isTheMessage: (text: string) => boolean,
  sinceMs: number,
): Promise<boolean> {
  // Newest first: stop at the first message older than the send began.
  for (let page = 0; page < CONVERSATION_PAGES; page++) {
    const messages = await client.conversation(userId, page * PAGE_SIZE, PAGE_SIZE);
    for (const m of messages) {
      if (m.time < sinceMs) return false;
      if (typeof m.message === "string" && isTheMessage(m.message)) return true;
    }
    if (messages.length < PAGE_SIZE) return false;
  }
  return false;
}
