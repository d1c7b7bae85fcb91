import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBotServer, type RunningBotServer } from "../../bot-server/src/server";
import { createChatRepository } from "../../bot-server/src/store/chat-repository";
import { createFollowerRegistry } from "../../bot-server/src/store/follower-registry";
import { eventually, type OutboxEntry } from "../harness/eventually";
import { startZaloSandbox, type ZaloSandbox } from "../harness/sandbox";

describe("subscribing by chat, end to end: signed webhooks from the simulator, replies in its outbox", () => {
  let s: ZaloSandbox;
  let server: RunningBotServer;
  let followers: string[];
  let msgSeq = 0;
  const registry = () => createFollowerRegistry(s.redis, s.keys);
  const outboxFor = (userId: string) => s.simJson<OutboxEntry[]>(`/__sim/outbox?user_id=${userId}`);
  const say = async (userId: string, text: string) => {
    const msgId = `chatsub${++msgSeq}`;
    const res = await s.simJson<{ status: number }>("/__sim/events", {
      body: { event_name: "user_send_text", user_id: userId, text, msg_id: msgId },
    });
    expect(res.status).toBe(200);
    return msgId;
  };
  /** Sends a message and returns the text of the one reply it gets. */
  const ask = async (userId: string, text: string) => {
    const before = (await outboxFor(userId)).length;
    await say(userId, text);
    const after = await eventually(
      () => outboxFor(userId),
      (o) => o.length > before,
    );
    expect(after.length - before).toBe(1);
    return after.at(-1)?.text ?? "";
  };

  beforeAll(async () => {
    s = await startZaloSandbox("chatsub");
    server = await startBotServer(s.config, "all", s.logger);
    s.sim.setWebhookUrl(`${server.url}/webhooks/zalo`);
    // Followers from before the webhook: Zalo knows them, the registry does not.
    followers = (
      await s.simJson<{ sample_ids: string[] }>("/__sim/followers", { body: { count: 3, active_within_days: 1 } })
    ).sample_ids;
  });
  afterAll(async () => {
    await server.close();
    await s.close();
  });

  it("answers “đăng ký” and “hủy đăng ký” with what each did, and the registry follows", async () => {
    const user = followers[0]!;
    const subscribed = await ask(user, "đăng ký");
    expect(subscribed).toContain("Cảm ơn bạn đã đăng ký");
    expect(subscribed).not.toContain("từ trước");
    // The follow Zalo confirmed is recorded with the subscription.
    expect(await registry().get(user)).toMatchObject({ following: true, subscribed: true });

    const again = await ask(user, "đăng ký");
    expect(again).toContain("đã đăng ký nhận bản tin từ trước");

    const stopped = await ask(user, "hủy đăng ký");
    expect(stopped).toContain("OA đã hủy đăng ký nhận bản tin của bạn");
    expect(stopped).not.toContain("hiện không đăng ký");
    expect(await registry().get(user)).toMatchObject({ following: true, subscribed: false });

    expect(await ask(user, "hủy đăng ký")).toContain("hiện không đăng ký");
  });

  it("does not subscribe someone who does not follow the OA, and tells them so: Zalo delivers CS to non-followers in the window", async () => {
    const outsider = "5512345678901230002";
    const reply = await ask(outsider, "đăng ký");
    expect(reply).toMatch(/quan tâm/i);
    expect(await registry().get(outsider)).toMatchObject({ following: false, subscribed: false });
  });

  it("answers a follower who unfollowed and then asks for the digest: the answer reaches them", async () => {
    const user = followers[2]!;
    const unfollowed = await s.simJson<{ status: number }>("/__sim/events", {
      body: { event_name: "unfollow", user_id: user },
    });
    expect(unfollowed.status).toBe(200);
    await eventually(
      () => registry().get(user),
      (r) => r?.following === false,
    );
    const reply = await ask(user, "đăng ký nhận tin");
    expect(reply).toMatch(/quan tâm/i);
    expect(reply).not.toContain("Cảm ơn bạn đã đăng ký");
    expect(await registry().get(user)).toMatchObject({ following: false, subscribed: false });
    const chats = createChatRepository(s.redis, s.keys);
    expect(await chats.wasAnswered(`chatsub${msgSeq}`)).toBe(true);
  });

  it("keeps an unanswered question once when the reply's send failed and the job was retried", async () => {
    const user = followers[1]!;
    const question = `Bao giờ có lịch tiếp công dân tháng này? (${Date.now()})`;
    await s.simJson("/__sim/faults", { body: { errorRate5xx: 1, match: "/v3.0/oa/message/cs" } });
    try {
      await say(user, question);
      await eventually(
        () => s.simJson<{ errors_5xx: number }>("/__sim/stats"),
        (st) => st.errors_5xx > 0,
      );
    } finally {
      await s.simJson("/__sim/faults", { method: "DELETE" });
    }
    // BullMQ retries after its backoff; the retry's send goes through.
    const replies = await eventually(
      () => outboxFor(user),
      (o) => o.length > 0,
    );
    expect(replies).toHaveLength(1);
    const kept = (await createChatRepository(s.redis, s.keys).unanswered(100)).filter((q) => q.text === question);
    expect(kept).toHaveLength(1);
  });
});
