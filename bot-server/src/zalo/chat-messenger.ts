import type { ChatReply } from "../domain/chatbot/replies";
import type { Messenger } from "../domain/inbound/ports";
import type { ZaloClient } from "./client";
import { conversationHas } from "./conversation";
import { ZaloApiError } from "./errors";
import type { CsMessage, ZaloButton } from "./messages";

/** A chat reply as a consultation message: text with up to five buttons, on the send budget's priority lane. */
export function toCsMessage(reply: ChatReply): CsMessage {
  const text = reply.text.normalize("NFC");
  if (reply.buttons.length === 0) return { text };
  const buttons: ZaloButton[] = reply.buttons
    .slice(0, 5)
    .map((b) =>
      b.kind === "open_url"
        ? { title: b.title, type: "oa.open.url", payload: { url: b.url } }
        : { title: b.title, type: "oa.query.show", payload: b.query },
    );
  return { text, attachment: { type: "template", payload: { buttons } } };
}

export function createChatMessenger(client: ZaloClient): Messenger {
  return {
    wasSent: (userId, isTheReply, sinceMs) => conversationHas(client, userId, isTheReply, sinceMs),
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
