import type { ChatReply } from "../domain/chatbot/replies";
import type { Messenger } from "../domain/inbound/ports";
import type { ZaloClient } from "./client";
import { ZaloApiError } from "./errors";
import type { CsMessage, ZaloButton } from "./messages";

/** A chat reply as a consultation message: text with up to five buttons, on the send budget's priority lane. */
export function toCsMessage(reply: ChatReply): CsMessage {
  const text = reply.text.normalize("NFC");
  if (reply.buttons.length === 0) return { text };
  const buttons: ZaloButton[] = reply.buttons.slice(0, 5).map((b) =>
    b.kind === "open_url" ? { title: b.title, type: "oa.open.url", payload: { url: b.url } } : { title: b.title, type: "oa.query.show", payload: b.query },
  );
  return { text, attachment: { type: "template", payload: { buttons } } };
}

/** Pages of the conversation read while looking for one reply: the OA rarely sends a user 50 messages in a minute. */
const CONVERSATION_PAGES = 5;
const PAGE_SIZE = 10;

export function chatMessenger(client: ZaloClient): Messenger {
  return {
    async wasSent(userId, isTheReply, sinceMs) {
      // Newest first: stop at the first message older than the send began.
      for (let page = 0; page < CONVERSATION_PAGES; page++) {
        const messages = await client.conversation(userId, page * PAGE_SIZE, PAGE_SIZE);
        for (const m of messages) {
          if (m.time < sinceMs) return false;
          if (typeof m.message === "string" && isTheReply(m.message)) return true;
        }
        if (messages.length < PAGE_SIZE) return false;
      }
      return false;
    },
    async sendReply(userId, reply) {
      try {
        await client.sendCs(userId, toCsMessage(reply), "priority");
        return true;
      } catch (err) {
        if (err instanceof ZaloApiError && err.kind === "recipient_unreachable") return false;
        throw err;
      }
    },
  };
}
