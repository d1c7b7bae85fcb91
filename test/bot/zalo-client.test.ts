import { broadcastCities, defaultCatalogue, localDayKey } from "@cds/shared";
import { afterEach, describe, expect, it } from "vitest";
import { ZaloApiError } from "../../bot-server/src/zalo/errors";
import { eventually } from "../harness/eventually";
import { startZaloSandbox, type ZaloSandbox } from "../harness/sandbox";

describe("Zalo client against the simulator", () => {
  let s: ZaloSandbox;
  afterEach(() => s?.close());

  it("creates an article, waits for Zalo to process it, and broadcasts it to Hải Dương's followers once, after review", async () => {
    s = await startZaloSandbox("client-article", { articleProcessingMs: 300 });
    await s.simJson("/__sim/clock", { body: { set: "2024-08-30T03:00:00Z" } }); // 10:00 in Hải Dương
    // Followers spread as a provincial OA's are: most in Hải Dương, others elsewhere.
    const seeded = await s.simJson<{ by_city: Record<string, number> }>("/__sim/followers", {
      body: { count: 500, active_within_days: 30 },
    });
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
    // The shipped catalogue's target: Hải Dương is "10" in Zalo's table (ZALO-PLATFORM A.5).
    const target = { cities: broadcastCities(defaultCatalogue.province) };
    expect(target).toEqual({ cities: "10" });
    const sent = await s.zalo.client.broadcastArticle(target, articleId);
    expect(sent.messageId).toBeTruthy();
    type Outbox = Array<{
      kind: string;
      article_id?: string;
      recipients?: number;
      recipients_by_city?: Record<string, number>;
    }>;
    // Zalo moderates first: nothing is delivered until the review ends.
    expect(await s.simJson<Outbox>("/__sim/outbox")).toEqual([]);
    await s.simJson("/__sim/clock", { body: { advanceMs: 30 * 60_000 } });
    const outbox = await s.simJson<Outbox>("/__sim/outbox");
    expect(outbox).toEqual([
      expect.objectContaining({
        kind: "broadcast",
        article_id: articleId,
        recipients: seeded.by_city["10"],
        recipients_by_city: { "10": seeded.by_city["10"] },
      }),
    ]);
    expect(seeded.by_city["10"]).toBeLessThan(500);
  });

  it("raises an operator alarm when Zalo refuses for want of an entitlement, and clears it once the call works", async () => {
    s = await startZaloSandbox("client-entitlement", { articleProcessingMs: 0 });
    await s.simJson("/__sim/clock", { body: { set: "2026-09-01T03:00:00Z" } });
    await s.simJson("/__sim/followers", { body: { count: 3, city: "10" } });
    const token = await s.zalo.client.createArticle({
      title: "t",
      author: "a",
      description: "d",
      coverPhotoUrl: "https://example.org/c.jpg",
      body: [{ type: "text", content: "x" }],
    });
    const id = await s.zalo.client.waitForArticle(token, { intervalMs: 50 });
    await s.simJson("/__sim/config", { body: { entitlements: { verified: false } } });
    await expect(s.zalo.client.broadcastArticle({ cities: "10" }, id)).rejects.toMatchObject({
      code: -221,
      kind: "entitlement",
    });
    const name = "zalo_entitlement:/v2.0/oa/message";
    const raised = await eventually(
      () => s.store.alarms(),
      (a) => name in a,
    );
    expect(raised[name]).toMatchObject({
      message: expect.stringContaining("-221"),
      steps: [expect.stringMatching(/Xác thực OA/)],
    });

    await s.simJson("/__sim/config", { body: { entitlements: { verified: true } } });
    await s.zalo.client.broadcastArticle({ cities: "10" }, id);
    expect(
      await eventually(
        () => s.store.alarms(),
        (a) => !(name in a),
      ),
    ).not.toHaveProperty(name);
  });

  it("counts CS messages by Zalo's quota type for the day: free within 48 h, allowance or billed later", async () => {
    s = await startZaloSandbox("client-cs-usage");
    const userId = "5512345678901239991";
    await s.simJson("/__sim/events", { body: { event_name: "user_send_text", user_id: userId, text: "xin chào" } });
    await s.simJson("/__sim/clock", { body: { advanceMs: 3 * 24 * 3600_000 } });
    const [recent] = (
      await s.simJson<{ sample_ids: string[] }>("/__sim/followers", { body: { count: 1, active_within_days: 1 } })
    ).sample_ids;
    expect((await s.zalo.client.sendCs(userId, { text: "bản tin" })).quotaType).toBe("sub_quota");
    expect((await s.zalo.client.sendCs(recent!, { text: "bản tin" })).quotaType).toBe("reply");
    const today = localDayKey(Date.now(), "Asia/Ho_Chi_Minh");
    expect(
      await eventually(
        () => s.zalo.usage.day(today),
        (u) => u.reply === 1 && u.sub_quota === 1,
      ),
    ).toEqual({ reply: 1, sub_quota: 1 });
  });

  it("turns Zalo's HTTP-200 errors into typed errors: night window, unreachable user", async () => {
    s = await startZaloSandbox("client-errors", { articleProcessingMs: 0 });
    await s.simJson("/__sim/clock", { body: { set: "2024-08-30T16:00:00Z" } }); // 23:00 local
    const idle = (await s.simJson<{ sample_ids: string[] }>("/__sim/followers", { body: { count: 1 } })).sample_ids[0]!;
    const token = await s.zalo.client.createArticle({
      title: "t",
      author: "a",
      description: "d",
      coverPhotoUrl: "https://example.org/c.jpg",
      body: [{ type: "text", content: "x" }],
    });
    const id = await s.zalo.client.waitForArticle(token, { intervalMs: 50 });
    const night = await s.zalo.client.broadcastArticle({ cities: "10" }, id).catch((e: unknown) => e);
    expect(night).toBeInstanceOf(ZaloApiError);
    expect(night).toMatchObject({ code: -234, kind: "night_window" });
    const cs = await s.zalo.client.sendCs(idle, { text: "xin chào" }).catch((e: unknown) => e);
    expect(cs).toMatchObject({ code: -230, kind: "recipient_unreachable" });
  });
});
