import { afterEach, describe, expect, it } from "vitest";
import { ZaloApiError } from "../../bot-server/src/zalo/errors";
import { startZaloSandbox, type ZaloSandbox } from "../harness/sandbox";

describe("Zalo client against the simulator", () => {
  let s: ZaloSandbox;
  afterEach(() => s?.close());

  it("creates an article, waits for Zalo to process it, and broadcasts it to the province once", async () => {
    s = await startZaloSandbox("client-article", { articleProcessingMs: 300 });
    await s.simJson("/__sim/clock", { body: { set: "2024-08-30T03:00:00Z" } }); // 10:00 in Hải Dương
    await s.simJson("/__sim/followers", { body: { count: 20, active_within_days: 30 } });
    const token = await s.zalo.client.createArticle({
      title: "Chuyển đổi số Hải Dương tuần 5 tháng 8/2024",
      author: "Sở Thông tin và Truyền thông",
      description: "Tỷ lệ hồ sơ nộp trực tuyến đạt 93%",
      coverPhotoUrl: "https://example.org/cover.jpg",
      body: [{ type: "text", content: "Nội dung" }],
    });
    await expect(s.zalo.client.verifyArticle(token)).rejects.toMatchObject({ code: -214, kind: "redo_step" });
    const articleId = await s.zalo.client.waitForArticle(token, { intervalMs: 100, timeoutMs: 5_000 });
    expect(articleId.length).toBeGreaterThan(0);
    const sent = await s.zalo.client.broadcastArticle({ cities: "4" }, articleId);
    expect(sent.messageId).toBeTruthy();
    const outbox = await s.simJson<Array<{ kind: string; article_id?: string; recipients?: number }>>("/__sim/outbox");
    expect(outbox).toEqual([expect.objectContaining({ kind: "broadcast", article_id: articleId, recipients: 20 })]);
  });

  it("turns Zalo's HTTP-200 errors into typed errors: night window, unreachable user", async () => {
    s = await startZaloSandbox("client-errors", { articleProcessingMs: 0 });
    await s.simJson("/__sim/clock", { body: { set: "2024-08-30T16:00:00Z" } }); // 23:00 local
    const idle = (await s.simJson<{ sample_ids: string[] }>("/__sim/followers", { body: { count: 1 } })).sample_ids[0]!;
    const token = await s.zalo.client.createArticle({ title: "t", author: "a", description: "d", coverPhotoUrl: "https://example.org/c.jpg", body: [{ type: "text", content: "x" }] });
    const id = await s.zalo.client.waitForArticle(token, { intervalMs: 50 });
    const night = await s.zalo.client.broadcastArticle({ cities: "4" }, id).catch((e: unknown) => e);
    expect(night).toBeInstanceOf(ZaloApiError);
    expect(night).toMatchObject({ code: -234, kind: "night_window" });
    const cs = await s.zalo.client.sendCs(idle, { text: "xin chào" }).catch((e: unknown) => e);
    expect(cs).toMatchObject({ code: -230, kind: "recipient_unreachable" });
  });
});
