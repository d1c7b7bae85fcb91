import type { Logger } from "../../logger";
import type { FollowerRegistry } from "../../store/follower-registry";
import type { ChatRepository } from "../../store/chat-repository";
import type { InboundEvent } from "../../zalo/webhook";
import { matchIntent } from "../chatbot/intents";
import { composeReply, welcomeReply, type ChatReply } from "../chatbot/replies";
import type { ChatContextConfig, ContentReader, Messenger } from "./ports";

export interface InboundDeps {
  registry: FollowerRegistry;
  chats: ChatRepository;
  content: ContentReader;
  messenger: Messenger;
  chat: ChatContextConfig;
  logger: Logger;
}

/**
 * One event from the OA's webhook: the registry learns who follows and when they last interacted (the
 * 7-day rule for consultation messages), and messages get an answer from the published figures.
 */
export async function handleInboundEvent(deps: InboundDeps, event: InboundEvent): Promise<void> {
  const at = Math.floor(event.at / 1000);
  switch (event.type) {
    case "follow": {
      await deps.registry.apply([{ userId: event.userId, op: "follow", at }]);
      await deps.messenger.sendReply(event.userId, welcomeReply(await context(deps, event.userId)));
      return;
    }
    case "unfollow":
      await deps.registry.apply([{ userId: event.userId, op: "unfollow", at }]);
      return;
    case "interaction":
      // Images, stickers, "chat now" clicks, unknown user events: no answer, but they open the CS window.
      await deps.registry.apply([{ userId: event.userId, op: "interact", at }]);
      deps.logger.debug({ eventName: event.eventName }, "event recorded as an interaction");
      return;
    case "text":
      await deps.registry.apply([{ userId: event.userId, op: "interact", at }]);
      await answer(deps, event.userId, event.text, event.msgId, event.at);
      return;
  }
}

async function context(deps: InboundDeps, userId: string) {
  const [latest, news, follower] = await Promise.all([deps.content.latestIndicators(), deps.content.latestNews(5), deps.registry.get(userId)]);
  return { catalogue: deps.chat.catalogue, miniAppUrl: deps.chat.miniAppUrl, latest, news, subscribed: follower?.subscribed ?? false };
}

async function answer(deps: InboundDeps, userId: string, text: string, msgId: string | undefined, at: number): Promise<void> {
  if (msgId && (await deps.chats.wasAnswered(msgId))) return;
  const intent = matchIntent(text, deps.chat.catalogue);
  if (intent.kind === "subscribe" || intent.kind === "unsubscribe") {
    await deps.registry.apply([{ userId, op: intent.kind, at: Math.floor(at / 1000) }]);
  }
  if (intent.kind === "unknown") {
    await deps.chats.keepUnanswered({ userId, text: text.slice(0, 2000), at: new Date(at).toISOString() });
  }
  const reply: ChatReply = composeReply(intent, await context(deps, userId));
  const delivered = await deps.messenger.sendReply(userId, reply);
  if (!delivered) deps.logger.info({ userId }, "reply not delivered: user cannot be reached by a consultation message");
  if (msgId) await deps.chats.markAnswered(msgId);
}
