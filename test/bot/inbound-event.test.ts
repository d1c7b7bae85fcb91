import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { defaultCatalogue } from "@cds/shared";
import { handleInboundEvent, type InboundDeps } from "../../bot-server/src/domain/inbound/handle-inbound-event";
import type { ChatReply } from "../../bot-server/src/domain/chatbot/replies";
import { MENU_QUERIES } from "../../bot-server/src/domain/chatbot/menu";
import { createLogger } from "../../bot-server/src/logger";
import { createChatRepository } from "../../bot-server/src/store/chat-repository";
import { createFollowerRegistry } from "../../bot-server/src/store/follower-registry";
import { keyspace } from "../../bot-server/src/store/keys";
import { connectTestRedis, dropPrefix, uniquePrefix } from "../harness/redis";

/**
 * The inbound handler against a real Redis, with Zalo replaced by fakes: a job is called again to stand
 * for BullMQ's retry after a failure.
 */
describe("handling an inbound event, retried or out of order", () => {
  const redis = connectTestRedis();
  const prefix = uniquePrefix("inbound");
  const keys = keyspace(prefix);
  const registry = createFollowerRegistry(redis, keys);
  const chats = createChatRepository(redis, keys);
  let sent: Array<{ userId: string; reply: ChatReply; at: number }>;
  let failNextSends: number;
  /** Sends that reach the user, then the process "dies" before anything is recorded (the error stands for it). */
  let crashAfterNextSends: number;
  let zaloFollowers: Set<string>;
  let zaloAsked: number;
  let nextUser = 5512345678901200000n;
  const newUser = () => String(nextUser++);

  const deps: InboundDeps = {
    registry,
    directory: {
      isFollower: async (userId) => {
        zaloAsked++;
        return zaloFollowers.has(userId);
      },
    },
    chats,
    content: { latestIndicators: async () => undefined, latestNews: async () => [] },
    // One Redis without replicas: nothing to wait for.
    durability: { replicated: async () => {} },
    messenger: {
      sendReply: async (userId, reply) => {
        if (failNextSends > 0) {
          failNextSends--;
          throw new Error("Zalo unreachable");
        }
        sent.push({ userId, reply, at: Date.now() });
        if (crashAfterNextSends > 0) {
          crashAfterNextSends--;
          throw new Error("worker died after Zalo accepted the message");
        }
        return true;
      },
      // The OA's conversation: what was really sent to the user.
      wasSent: async (userId, isTheReply, sinceMs) =>
        sent.some((m) => m.userId === userId && m.at >= sinceMs && isTheReply(m.reply.text)),
    },
    chat: { catalogue: defaultCatalogue, miniAppUrl: (path) => `https://zalo.me/s/1${path}` },
    logger: createLogger("silent"),
    now: Date.now,
  };
  const text = (userId: string, body: string, msgId: string, at = Date.now()) => ({
    type: "text" as const,
    userId,
    at,
    eventName: "user_send_text",
    text: body,
    msgId,
  });
  const follow = (type: "follow" | "unfollow", userId: string, at: number) => ({ type, userId, at, eventName: type });

  beforeEach(() => {
    sent = [];
    failNextSends = 0;
    crashAfterNextSends = 0;
    zaloFollowers = new Set();
    zaloAsked = 0;
  });
  afterAll(async () => {
    await dropPrefix(redis, prefix);
    redis.disconnect();
  });

  it("answers “đăng ký” from the state before it, also when the send failed and the job is retried", async () => {
    const user = newUser();
    await handleInboundEvent(deps, follow("follow", user, Date.now()));
    sent = [];
    failNextSends = 1;
    const event = text(user, "đăng ký", "m-sub-1");
    await expect(handleInboundEvent(deps, event)).rejects.toThrow("Zalo unreachable");
    // Nothing applied before the reply went out: the retry finds the same state.
    expect(await registry.get(user)).toMatchObject({ following: true, subscribed: false });
    await handleInboundEvent(deps, event);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.reply.text).toContain("Cảm ơn bạn đã đăng ký");
    expect(await registry.get(user)).toMatchObject({ subscribed: true });

    await handleInboundEvent(deps, text(user, "hủy đăng ký", "m-unsub-1"));
    expect(sent[1]!.reply.text).toContain("OA đã hủy đăng ký");
    expect(await registry.get(user)).toMatchObject({ following: true, subscribed: false });
  });

  it("answers at most once when the worker died between Zalo's acceptance and the record: the conversation settles it", async () => {
    const user = newUser();
    await handleInboundEvent(deps, follow("follow", user, Date.now() - 1_000));
    sent = [];
    crashAfterNextSends = 1;
    const event = text(user, "đăng ký", `m-crash-${user}`);
    await expect(handleInboundEvent(deps, event)).rejects.toThrow("worker died");
    await handleInboundEvent(deps, event);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.reply.text).toContain("Cảm ơn bạn đã đăng ký");
    // The effects the dead attempt never reached still happen, once.
    expect(await registry.get(user)).toMatchObject({ subscribed: true });
    expect(await chats.wasAnswered(`m-crash-${user}`)).toBe(true);
    await handleInboundEvent(deps, event);
    expect(sent).toHaveLength(1);
  });

  it("welcomes a follower at most once across the same crash", async () => {
    const user = newUser();
    const at = Date.now() - 1_000;
    crashAfterNextSends = 1;
    await expect(handleInboundEvent(deps, follow("follow", user, at))).rejects.toThrow("worker died");
    await handleInboundEvent(deps, follow("follow", user, at));
    await handleInboundEvent(deps, follow("follow", user, at));
    expect(sent.filter((m) => m.userId === user)).toHaveLength(1);
  });

  it("keeps an unanswered question once, though the first send failed", async () => {
    const user = newUser();
    const question = `Bao giờ có lịch tiếp công dân tháng này? ${user}`;
    failNextSends = 1;
    const event = text(user, question, `m-q-${user}`);
    await expect(handleInboundEvent(deps, event)).rejects.toThrow();
    await handleInboundEvent(deps, event);
    await handleInboundEvent(deps, event); // a duplicate after success: already answered
    expect(sent).toHaveLength(1);
    expect((await chats.unanswered(1000)).filter((q) => q.text === question)).toHaveLength(1);
  });

  it("asks a non-follower who wants the digest to follow the OA first, and subscribes nobody", async () => {
    const user = newUser();
    await handleInboundEvent(deps, text(user, "đăng ký nhận bản tin", `m-nf-${user}`));
    expect(zaloAsked).toBe(1);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.reply.text).toContain("quan tâm OA trước khi đăng ký");
    expect(sent[0]!.reply.buttons.map((b) => b.title)).toContain(MENU_QUERIES.subscribe);
    expect(await registry.get(user)).toMatchObject({ following: false, subscribed: false });
  });

  it("subscribes a follower the registry only knew from interactions, once Zalo confirms the follow", async () => {
    const user = newUser();
    zaloFollowers.add(user);
    await handleInboundEvent(deps, {
      type: "interaction",
      userId: user,
      at: Date.now() - 60_000,
      eventName: "user_send_sticker",
    });
    await handleInboundEvent(deps, text(user, "dang ky", `m-pre-${user}`));
    expect(sent[0]!.reply.text).toContain("Cảm ơn bạn đã đăng ký");
    expect(await registry.get(user)).toMatchObject({ following: true, subscribed: true });
    // Known now: the next request does not ask Zalo again.
    await handleInboundEvent(deps, text(user, "dang ky", `m-pre2-${user}`));
    expect(zaloAsked).toBe(1);
    expect(sent[1]!.reply.text).toContain("từ trước");
  });

  it("neither re-follows nor welcomes a user whose follow job runs again after their unfollow", async () => {
    const user = newUser();
    const t = Date.now() - 5_000;
    await handleInboundEvent(deps, follow("follow", user, t));
    expect(sent).toHaveLength(1);
    await handleInboundEvent(deps, follow("unfollow", user, t + 1_000));
    await handleInboundEvent(deps, follow("follow", user, t));
    expect(sent).toHaveLength(1);
    expect(await registry.get(user)).toMatchObject({ following: false });
    // A follow job retried because its welcome failed is still welcomed. The first welcome went out a
    // while before (the same text: only its time tells it from this one).
    for (const m of sent) m.at -= 60_000;
    const back = t + 2_000;
    failNextSends = 1;
    await expect(handleInboundEvent(deps, follow("follow", user, back))).rejects.toThrow();
    await handleInboundEvent(deps, follow("follow", user, back));
    expect(sent).toHaveLength(2);
    expect(await registry.get(user)).toMatchObject({ following: true, followChangedAtMs: back });
  });
});
