import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBotServer, type RunningBotServer } from "../../bot-server/src/server";
import { createChatRepository } from "../../bot-server/src/store/chat-repository";
import { eventually, type OutboxEntry } from "../harness/eventually";
import { startZaloSandbox, type ZaloSandbox } from "../harness/sandbox";
import { addUser, signIn, type Client } from "./helpers";

interface Question {
  id: string;
  userId: string;
  text: string;
  handled?: { by: string; reply?: string };
}

describe("followers' questions the chatbot could not answer: editors read, answer in Zalo and set aside", () => {
  let s: ZaloSandbox;
  let server: RunningBotServer;
  let editor: Client;
  let approver: Client;
  const outboxFor = (userId: string) => s.simJson<OutboxEntry[]>(`/__sim/outbox?user_id=${userId}`);
  const open = async () => ((await editor.call("GET", "/api/v1/admin/questions")).body.questions as Question[]) ?? [];
  const path = (q: Question, action: string) => `/api/v1/admin/questions/${encodeURIComponent(q.id)}/${action}`;

  beforeAll(async () => {
    s = await startZaloSandbox("questions");
    server = await startBotServer(s.config, "all", s.logger);
    s.sim.setWebhookUrl(`${server.url}/webhooks/zalo`);
    await addUser(server, "bientap", ["editor"]);
    await addUser(server, "duyet", ["approver"]);
    editor = await signIn(server.url!, "bientap");
    approver = await signIn(server.url!, "duyet");
  });
  afterAll(async () => {
    await server.close();
    await s.close();
  });

  it("keeps a question the bot could not answer, and an editor's answer reaches the follower once", async () => {
    const [user] = (
      await s.simJson<{ sample_ids: string[] }>("/__sim/followers", { body: { count: 1, active_within_days: 1 } })
    ).sample_ids;
    const text = "Xã tôi khi nào có wifi công cộng miễn phí?";
    expect(
      await s.simJson("/__sim/events", {
        body: { event_name: "user_send_text", user_id: user, text, msg_id: "qwifi1" },
      }),
    ).toMatchObject({ status: 200 });
    const seen = await eventually(open, (qs) => qs.some((q) => q.text === text));
    const question = seen.find((q) => q.text === text)!;
    expect(question).toMatchObject({ userId: user, id: "qwifi1" });
    const repliesBefore = (
      await eventually(
        () => outboxFor(user!),
        (o) => o.length > 0,
      )
    ).length;

    const reply = "Chào bạn, Sở sẽ công bố danh sách điểm wifi công cộng trong tháng 12.";
    const [first, second] = await Promise.all([
      approver.call("POST", path(question, "answer"), { text: reply }),
      editor.call("POST", path(question, "answer"), { text: reply }),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const outbox = await outboxFor(user!);
    expect(outbox.filter((m) => m.text === reply)).toHaveLength(1);
    expect(outbox.length).toBe(repliesBefore + 1);

    expect((await open()).some((q) => q.id === question.id)).toBe(false);
    const all = (await editor.call("GET", "/api/v1/admin/questions?state=all")).body.questions as Question[];
    expect(all.find((q) => q.id === question.id)?.handled).toMatchObject({ reply });
    const audit = (
      await approver.call("GET", `/api/v1/admin/audit?target=${encodeURIComponent(`question:${question.id}`)}`)
    ).body.entries as Array<{ action: string }>;
    expect(audit.map((e) => e.action)).toEqual(["question.answered"]);
  });

  it("reads past the first page of kept questions: lists them all, and finds an old one to set aside", async () => {
    const chats = createChatRepository(s.redis, s.keys);
    for (let i = 0; i < 230; i++) {
      await chats.keepUnanswered({
        id: `qpage${i}`,
        userId: "5599000000000000001",
        text: `Câu hỏi ${i}`,
        at: new Date().toISOString(),
      });
    }
    const open = (await editor.call("GET", "/api/v1/admin/questions?limit=500")).body.questions as Question[];
    expect(open.filter((q) => q.id.startsWith("qpage")).length).toBe(230);
    expect((await editor.call("GET", "/api/v1/admin/questions?limit=5")).body.questions).toHaveLength(5);
    // The oldest is on the second page (newest first).
    expect((await editor.call("POST", "/api/v1/admin/questions/qpage0/handled", {})).status).toBe(200);
    const after = (await editor.call("GET", "/api/v1/admin/questions?limit=500")).body.questions as Question[];
    expect(after.some((q) => q.id === "qpage0")).toBe(false);
  });

  it("cannot answer a follower silent for over 7 days: the question stays open; it can be set aside", async () => {
    const [silent] = (await s.simJson<{ sample_ids: string[] }>("/__sim/followers", { body: { count: 1 } })).sample_ids;
    await createChatRepository(s.redis, s.keys).keepUnanswered({
      id: "q-old-1",
      userId: silent!,
      text: "Câu hỏi cũ",
      at: new Date(Date.now() - 9 * 86_400_000).toISOString(),
    });
    const question = (await open()).find((q) => q.id === "q-old-1")!;

    const refused = await editor.call("POST", path(question, "answer"), { text: "Trả lời muộn" });
    expect(refused.status).toBe(409);
    expect(String(refused.body.message)).toContain("7 ngày");
    expect((await outboxFor(silent!)).some((m) => m.text === "Trả lời muộn")).toBe(false);
    expect((await open()).some((q) => q.id === "q-old-1")).toBe(true);

    expect((await editor.call("POST", path(question, "handled"), {})).status).toBe(200);
    expect((await open()).some((q) => q.id === "q-old-1")).toBe(false);
    expect((await editor.call("POST", path(question, "answer"), { text: "x" })).status).toBe(409);
  });
});
