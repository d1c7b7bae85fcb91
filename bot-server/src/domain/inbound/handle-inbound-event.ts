import type { Logger } from "../../logger";
import type { Durability } from "../durability";
import type { FollowerRegistry } from "../followers/ports";
import type { FollowerDirectory } from "../followers/confirm-following";
import { matchIntent } from "../chatbot/intents";
import { composeReply, notFollowingReply, welcomeReply, type ChatReply, type ReplyContext } from "../chatbot/replies";
import { requestSubscription } from "../subscriptions/subscription";
import { CONVERSATION_SKEW_MS, isMessage, messageFingerprint } from "../messages/sent-message";
import type { ChatContextConfig, ChatRepository, ContentReader, InboundEvent, Messenger } from "./ports";

export interface InboundDeps {
  registry: FollowerRegistry;
  directory: FollowerDirectory;
  chats: ChatRepository;
  content: ContentReader;
  messenger: Messenger;
  /** The in-flight mark of a reply reaches a replica before the reply is sent (a failover must not forget it). */
  durability: Durability;
  chat: ChatContextConfig;
  logger: Logger;
  /** Epoch milliseconds. */
  now: () => number;
}

/**
 * One event from the OA's webhook: the registry learns who follows and when they last interacted (the
 * 7-day rule for consultation messages), and messages get an answer from the published figures. A job
 * may run more than once (retries) and alongside older events of the same user: every step is either
 * idempotent or ordered by the event's time.
 */
export async function handleInboundEvent(deps: InboundDeps, event: InboundEvent): Promise<void> {
  const { userId, at } = event;
  switch (event.type) {
    case "follow": {
      // Following is also an interaction: it opens the consultation window.
      await deps.registry.apply([
        { userId, op: "follow", atMs: at },
        { userId, op: "interact", atMs: at },
      ]);
      const follower = await deps.registry.get(userId);
      // Only the follow that set the flag is welcomed: not one an unfollow or a later follow superseded.
      if (!follower?.following || follower.followChangedAtMs !== at) return;
      const key = `follow:${userId}:${at}`;
      if (await deps.chats.wasAnswered(key)) return;
      await sendOnce(deps, key, userId, welcomeReply(await context(deps, follower.subscribed)));
      await deps.chats.markAnswered(key);
      return;
    }
    case "unfollow":
      await deps.registry.apply([{ userId, op: "unfollow", atMs: at }]);
      return;
    case "interaction":
      // Images, stickers, "chat now" clicks, unknown user events: no answer, but they open the CS window.
      await deps.registry.apply([{ userId, op: "interact", atMs: at }]);
      deps.logger.debug({ eventName: event.eventName }, "event recorded as an interaction");
      return;
    case "text":
      await deps.registry.apply([{ userId, op: "interact", atMs: at }]);
      await answer(deps, userId, event.text, event.msgId, at);
      return;
  }
}

async function context(deps: InboundDeps, subscribed: boolean): Promise<ReplyContext> {
  const [latest, news] = await Promise.all([deps.content.latestIndicators(), deps.content.latestNews(5)]);
  return { catalogue: deps.chat.catalogue, miniAppUrl: deps.chat.miniAppUrl, latest, news, subscribed };
}

/**
 * Sends a reply at most once per key, even across a crash between the send and its record: the send is
 * marked in flight first; a later attempt that finds the mark looks for the reply in the OA's conversation
 * with the user and sends only if it is not there (DESIGN decision 5, as for the digest).
 */
async function sendOnce(deps: InboundDeps, key: string, userId: string, reply: ChatReply): Promise<void> {
  const pending = await deps.chats.inFlight(key);
  if (pending) {
    if (await deps.messenger.wasSent(userId, isMessage(pending.textHash), pending.atMs - CONVERSATION_SKEW_MS)) {
      deps.logger.info(
        { userId, key },
        "reply found in the OA's conversation after an interrupted attempt: not sent again",
      );
      return;
    }
  }
  await deps.chats.markInFlight(key, { textHash: messageFingerprint(reply.text), atMs: deps.now() });
  await deps.durability.replicated(`reply ${key}`);
  const delivered = await deps.messenger.sendReply(userId, reply);
  if (!delivered) deps.logger.info({ userId }, "reply not delivered: user cannot be reached by a consultation message");
}

/**
 * The reply is about the state before the message, and the message's effects (a subscription change, a
 * question kept for the editors) happen only after the send: a send that fails is retried, and the retry
 * must find the same state, give the same reply and not keep the question twice.
 */
async function answer(
  deps: InboundDeps,
  userId: string,
  text: string,
  msgId: string | undefined,
  at: number,
): Promise<void> {
  // Without a msg id the event cannot be told from a retry; it is keyed by user and time instead.
  const key = msgId ?? `text:${userId}:${at}`;
  if (await deps.chats.wasAnswered(key)) return;
  const intent = matchIntent(text, deps.chat.catalogue);
  const change =
    intent.kind === "subscribe" || intent.kind === "unsubscribe"
      ? await requestSubscription(deps, userId, intent.kind === "subscribe")
      : undefined;
  const subscribed = change ? change.before.subscribed : ((await deps.registry.get(userId))?.subscribed ?? false);
  const ctx = await context(deps, subscribed);
  await sendOnce(deps, key, userId, change && !change.allowed ? notFollowingReply(ctx) : composeReply(intent, ctx));
  if (change?.allowed) await change.apply();
  if (intent.kind === "unknown")
    await deps.chats.keepUnanswered({ id: key, userId, text: text.slice(0, 2000), at: new Date(at).toISOString() });
  await deps.chats.markAnswered(key);
}
