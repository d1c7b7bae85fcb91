import { normalizeText } from "@cds/shared/text/normalize";
import type { ChatButton, ChatReply } from "./reply-types";
import { clipText, MAX_BUTTON_TITLE_LENGTH, MAX_BUTTONS } from "./reply-text";

export function urlButton(title: string, url: string): ChatButton {
  return { title: clipText(title, MAX_BUTTON_TITLE_LENGTH), kind: "open_url", url };
}

/** A button that sends `query` (by default its title) as the follower's next message. */
export function queryButton(title: string, query: string = title): ChatButton {
  return { title: clipText(title, MAX_BUTTON_TITLE_LENGTH), kind: "query", query: normalizeText(query) };
}

/** The reply as sent: the text is already fitted; buttons beyond the platform's five are dropped. */
export function chatReply(text: string, buttons: readonly ChatButton[]): ChatReply {
  return { text: normalizeText(text), buttons: buttons.slice(0, MAX_BUTTONS) };
}
