import { beforeEach, describe, expect, it } from "vitest";
import { control, LONG_LIVED_TOKENS, oaGet, oaPost, seed, setClock, tokenPair, useSimulator } from "./helpers";

const PROCESSING_MS = 1500;
/** Zalo moderates a broadcast before delivering it: 30 minutes by default (ZALO-PLATFORM A.5). */
const REVIEW_MS = 30 * 60_000;

const sim = useSimulator(
  { articleProcessingMs: PROCESSING_MS, limits: LONG_LIVED_TOKENS },
  { clock: { set: "2026-03-01T09:00:00+07:00", freeze: true } },
);
let token: string;
beforeEach(async () => {
  token = (await tokenPair(sim)).access;
});

const ARTICLE = {
  type: "normal",
  title: "Chuyển đổi số tuần 5 tháng 8",
  author: "Sở TT&TT",
  description: "Tỷ lệ hồ sơ trực tuyến đạt 93%",
  cover: { cover_type: "photo", photo_url: "https://example.org/cover.jpg", status: "show" },
  body: [{ type: "text", content: "Nội dung" }],
  status: "show",
};

async function createArticle(body: object = ARTICLE): Promise<string> {
  const created = await oaPost<{ token: string }>(sim, token, "/v2.0/article/create", body);
  expect(created.body.error).toBe(0);
  return created.body.data!.token;
}

async function verifiedArticle(): Promise<string> {
  const articleToken = await createArticle();
  await setClock(sim, { advanceMs: PROCESSING_MS });
  const verified = await oaPost<{ id: string }>(sim, token, "/v2.0/article/verify", { token: articleToken });
  expect(verified.body.error).toBe(0);
  return verified.body.data!.id;
}

function broadcastBody(articleId: string, target: Record<string, unknown> = { cities: "10" }) {
  return {
    recipient: { target },
    message: {
      attachment: {
        type: "template",
        payload: { template_type: "media", elements: [{ media_type: "article", attachment_id: articleId }] },
      },
    },
  };
}

async function broadcast(articleId: string, target?: Record<string, unknown>) {
  return oaPost<{ message_id: string }>(sim, token, "/v2.0/oa/message", broadcastBody(articleId, target));
}

interface BroadcastEntry {
  kind: string;
  recipients: number;
  skipped_cap: number;
  article_id: string;
  target: Record<string, string>;
  message_id: string;
}

/** The last broadcast delivered, once the simulator's clock has moved past its review. */
async function lastBroadcast(): Promise<BroadcastEntry> {
  await setClock(sim, { advanceMs: REVIEW_MS });
  const outbox = await control<BroadcastEntry[]>(sim, "GET", "/outbox");
  return outbox.body.filter((e) => e.kind === "broadcast").at(-1)!;
}

interface SimState {
  broadcasts: Array<{ message_id: string; status: string; recipients?: number; reason?: string }>;
}

describe("articles", () => {
  it("are processed asynchronously: verify answers -214, then the id", async () => {
    const articleToken = await createArticle();
    expect((await oaPost(sim, token, "/v2.0/article/verify", { token: articleToken })).body).toEqual({
      error: -214,
      message: "Article is being processed",
    });
    await setClock(sim, { advanceMs: PROCESSING_MS - 1 });
    expect((await oaPost(sim, token, "/v2.0/article/verify", { token: articleToken })).body.error).toBe(-214);
    await setClock(sim, { advanceMs: 1 });
    const verified = await oaPost<{ id: string }>(sim, token, "/v2.0/article/verify", { token: articleToken });
    expect(verified.body.error).toBe(0);
    const id = verified.body.data!.id;
    expect(id).toMatch(/^[0-9a-f]{20}$/);

    const detail = await fetch(`${sim.url}/v2.0/article/getdetail?id=${id}`, { headers: { access_token: token } });
    const body = (await detail.json()) as { error: number; data: { id: string; title: string; body: unknown[] } };
    expect(body.error).toBe(0);
    expect(body.data).toMatchObject({ id, title: ARTICLE.title, body: ARTICLE.body });

    expect((await oaPost(sim, token, "/v2.0/article/verify", { token: "nope" })).body.error).toBe(-201);
  });

  it("validates the documented fields", async () => {
    const bad = [
      { ...ARTICLE, title: "t".repeat(151) },
      { ...ARTICLE, author: "a".repeat(51) },
      { ...ARTICLE, description: "d".repeat(301) },
      { ...ARTICLE, body: [] },
      { ...ARTICLE, body: [{ type: "poem", content: "x" }] },
      { ...ARTICLE, cover: undefined },
      { ...ARTICLE, type: "story" },
    ];
    for (const body of bad)
      expect((await oaPost(sim, token, "/v2.0/article/create", body)).body.error, JSON.stringify(body)).toBe(-201);
    const video = {
      type: "video",
      title: "Video",
      description: "d",
      video_id: "v1",
      avatar: "https://example.org/a.jpg",
    };
    expect((await oaPost(sim, token, "/v2.0/article/create", video)).body.error).toBe(0);
  });

  it("processing delay is configurable, 0 included", async () => {
    await control(sim, "POST", "/config", { articleProcessingMs: 0 });
    const articleToken = await createArticle();
    expect((await oaPost(sim, token, "/v2.0/article/verify", { token: articleToken })).body.error).toBe(0);
  });
});

describe("broadcast night window", () => {
  it("answers -234 at 22:30 and 05:59 local, sends at 06:00", async () => {
    await seed(sim, { count: 3, city: "10" });
    const id = await verifiedArticle();
    const night = { error: -234, message: "This message cannot be sent at night (10:00PM - 6:00AM)" };

    await setClock(sim, { set: "2026-03-10T22:30:00+07:00" });
    expect((await broadcast(id)).body).toEqual(night);
    await setClock(sim, { set: "2026-03-11T05:59:00+07:00" });
    expect((await broadcast(id)).body).toEqual(night);
    // 22:00 UTC on the 10th is 05:00 on the 11th in Hanoi: the rule is local.
    await setClock(sim, { set: "2026-03-10T22:00:00Z" });
    expect((await broadcast(id)).body.error).toBe(-234);

    await setClock(sim, { set: "2026-03-11T06:00:00+07:00" });
    const sent = await broadcast(id);
    expect(sent.body.error).toBe(0);
    expect(sent.body.data!.message_id).toMatch(/^[0-9a-f]{20}$/);
    const entry = await lastBroadcast();
    expect(entry).toMatchObject({
      message_id: sent.body.data!.message_id,
      article_id: id,
      recipients: 3,
      skipped_cap: 0,
      target: { cities: "10" },
    });

    await setClock(sim, { set: "2026-03-11T21:59:00+07:00" });
    expect((await broadcast(id)).body.error).toBe(0);
  });
});

describe("broadcast caps", () => {
  it("gives each follower at most the package's monthly cap and one a day", async () => {
    const inCity = (await seed(sim, { count: 3, city: "10" })).sample_ids;
    const [elsewhere] = (await seed(sim, { count: 2, city: "7" })).sample_ids;
    const id = await verifiedArticle();

    const received: number[] = [];
    for (let day = 1; day <= 8; day++) {
      await setClock(sim, { set: `2026-03-${String(day).padStart(2, "0")}T10:00:00+07:00` });
      expect((await broadcast(id)).body.error).toBe(0);
      const entry = await lastBroadcast();
      received.push(entry.recipients);
      expect(entry.recipients + entry.skipped_cap).toBe(3);
      if (day === 1) {
        // A second broadcast the same day is over the daily cap for everyone.
        expect((await broadcast(id)).body.error).toBe(0);
        expect(await lastBroadcast()).toMatchObject({ recipients: 0, skipped_cap: 3 });
      }
    }
    expect(received).toEqual([3, 3, 3, 3, 3, 3, 0, 0]);

    const follower = await control<{ broadcast: { month: string; month_count: number } }>(
      sim,
      "GET",
      `/followers/${inCity[0]}`,
    );
    expect(follower.body.broadcast).toMatchObject({ month: "2026-03", month_count: 6 });
    const other = await control<{ broadcast: { month_count: number } }>(sim, "GET", `/followers/${elsewhere}`);
    expect(other.body.broadcast.month_count).toBe(0);

    // The calendar month (local) resets the count: 1 April 06:30 in Hanoi is still 31 March in UTC.
    await setClock(sim, { set: "2026-04-01T06:30:00+07:00" });
    expect((await broadcast(id)).body.error).toBe(0);
    expect((await lastBroadcast()).recipients).toBe(3);

    const quota = await oaPost<{ promotion: { monthly_remain: number; daily_remain: number } }>(
      sim,
      token,
      "/v3.0/oa/quota/message",
      {
        user_id: inCity[1],
      },
    );
    expect(quota.body.data!.promotion).toMatchObject({ monthly_remain: 5, daily_remain: 0 });

    // No cities filter: every follower matches, the ones in city 7 included.
    await setClock(sim, { set: "2026-04-02T09:00:00+07:00" });
    expect((await broadcast(id, {})).body.error).toBe(0);
    expect((await lastBroadcast()).recipients).toBe(5);
  });

  it("uses the cap of the configured package (basic: 1 a month)", async () => {
    await control(sim, "POST", "/config", { oaPackage: "basic" });
    await seed(sim, { count: 4, city: "10" });
    const id = await verifiedArticle();
    expect((await broadcast(id)).body.error).toBe(0);
    expect((await lastBroadcast()).recipients).toBe(4);
    await setClock(sim, { set: "2026-03-02T09:00:00+07:00" });
    expect((await broadcast(id)).body.error).toBe(0);
    expect(await lastBroadcast()).toMatchObject({ recipients: 0, skipped_cap: 4 });
  });

  it("skips unfollowed users", async () => {
    const ids = (await seed(sim, { count: 2, city: "10" })).sample_ids;
    await control(sim, "POST", "/events", { event_name: "unfollow", user_id: ids[0] });
    const id = await verifiedArticle();
    await broadcast(id);
    expect((await lastBroadcast()).recipients).toBe(1);
  });
});

describe("broadcast request shape", () => {
  it("accepts only an article to a target", async () => {
    await seed(sim, { count: 1 });
    const id = await verifiedArticle();
    const media = (elements: object[]) => ({
      attachment: { type: "template", payload: { template_type: "media", elements } },
    });

    expect(
      (
        await oaPost(sim, token, "/v2.0/oa/message", {
          recipient: { user_id: "7300000000000000000" },
          message: media([]),
        })
      ).body.error,
    ).toBe(-240);
    expect(
      (await oaPost(sim, token, "/v2.0/oa/message", { recipient: { target: {} }, message: { text: "hi" } })).body.error,
    ).toBe(-233);
    expect(
      (
        await oaPost(sim, token, "/v2.0/oa/message", {
          recipient: { target: {} },
          message: media([{ media_type: "image", attachment_id: id }]),
        })
      ).body.error,
    ).toBe(-233);
    expect((await broadcast(id, { city: "4" })).body.error).toBe(-201);
    expect((await broadcast(id, { cities: "four" })).body.error).toBe(-201);
    expect((await broadcast(id, { gender: "5" })).body.error).toBe(-201);
    // Zalo's city table ends at 63 (outside Vietnam).
    expect((await broadcast(id, { cities: "64" })).body).toEqual({ error: -201, message: "cities is invalid!" });
    expect((await broadcast(id, { cities: "10,70" })).body.error).toBe(-201);
    expect((await broadcast("0123456789abcdef0123")).body.error).toBe(-201);

    const unverified = await createArticle();
    expect((await broadcast(unverified)).body.error).toBe(-201);

    const ok = await broadcast(id, { cities: "4,5", gender: "0", ages: "2,3", platform: 1 });
    expect(ok.body.error).toBe(0);
    expect((await lastBroadcast()).target).toEqual({ cities: "4,5", gender: "0", ages: "2,3", platform: "1" });
    const outbox = await control<unknown[]>(sim, "GET", "/outbox");
    expect(outbox.body).toHaveLength(1);
  });
});

describe("broadcast moderation", () => {
  it("answers a message id at once and delivers only when the review ends", async () => {
    await seed(sim, { count: 5, city: "10" });
    const id = await verifiedArticle();
    const sent = await broadcast(id, { cities: "10" });
    expect(sent.body.error).toBe(0);
    const messageId = sent.body.data!.message_id;

    const outbox = async () => (await control<BroadcastEntry[]>(sim, "GET", "/outbox")).body;
    const state = async () => (await control<SimState>(sim, "GET", "/state")).body.broadcasts;
    expect(await outbox()).toEqual([]);
    expect(await state()).toEqual([expect.objectContaining({ message_id: messageId, status: "in_review" })]);

    await setClock(sim, { advanceMs: REVIEW_MS - 1 });
    expect(await outbox()).toEqual([]);
    await setClock(sim, { advanceMs: 1 });
    expect(await outbox()).toEqual([
      expect.objectContaining({
        kind: "broadcast",
        message_id: messageId,
        recipients: 5,
        recipients_by_city: { "10": 5 },
      }),
    ]);
    expect(await state()).toEqual([
      expect.objectContaining({ message_id: messageId, status: "delivered", recipients: 5 }),
    ]);
  });

  it("may reject a broadcast in review: nobody receives it", async () => {
    await seed(sim, { count: 3, city: "10" });
    const id = await verifiedArticle();
    await control(sim, "POST", "/faults", { broadcastRejectRate: 1 });
    const sent = await broadcast(id, { cities: "10" });
    expect(sent.body.error).toBe(0);
    await setClock(sim, { advanceMs: REVIEW_MS });
    const broadcasts = (await control<SimState>(sim, "GET", "/state")).body.broadcasts;
    expect(broadcasts).toEqual([
      expect.objectContaining({
        message_id: sent.body.data!.message_id,
        status: "rejected",
        reason: expect.any(String),
      }),
    ]);
    expect((await control<unknown[]>(sim, "GET", "/outbox")).body).toEqual([]);
    const follower = (await seed(sim, { count: 1, city: "10" })).sample_ids[0];
    const counts = await control<{ broadcast: { month_count: number } }>(sim, "GET", `/followers/${follower}`);
    expect(counts.body.broadcast.month_count).toBe(0);
  });

  it("the review delay is configurable", async () => {
    await control(sim, "POST", "/config", { broadcastReviewMs: 0 });
    await seed(sim, { count: 2, city: "10" });
    const id = await verifiedArticle();
    await broadcast(id, { cities: "10" });
    expect((await control<BroadcastEntry[]>(sim, "GET", "/outbox")).body).toEqual([
      expect.objectContaining({ recipients: 2 }),
    ]);
  });
});

describe("province targeting", () => {
  it("places synthetic followers around the OA's province, so a wrong city code reaches the wrong people", async () => {
    const seeded = await control<{ by_city: Record<string, number> }>(sim, "POST", "/followers", { count: 2000 });
    const byCity = seeded.body.by_city;
    // Most in Hải Dương (10), some in Hà Nội (9) and Hồ Chí Minh (4), a few anywhere.
    expect(byCity["10"]!).toBeGreaterThan(1400);
    expect(byCity["9"]!).toBeGreaterThan(50);
    expect(byCity["4"]!).toBeGreaterThan(20);
    expect(Object.keys(byCity).length).toBeGreaterThan(20);
    const id = await verifiedArticle();

    expect((await broadcast(id, { cities: "10" })).body.error).toBe(0);
    const right = await lastBroadcast();
    expect(right.recipients).toBe(byCity["10"]);
    expect(right).toMatchObject({ recipients_by_city: { "10": byCity["10"] } });

    // The old catalogue's "4" is Hồ Chí Minh City: the bulletin would reach a few dozen people there instead.
    await setClock(sim, { advanceMs: 24 * 3600_000 });
    expect((await broadcast(id, { cities: "4" })).body.error).toBe(0);
    const wrong = await lastBroadcast();
    expect(wrong.recipients).toBe(byCity["4"]);
    expect(wrong).toMatchObject({ recipients_by_city: { "4": byCity["4"] } });
  });
});

describe("entitlements", () => {
  it("answers Zalo's codes for an unverified OA, a lapsed package and a permission not granted or registered", async () => {
    await seed(sim, { count: 1 });
    const id = await verifiedArticle();
    const refusals: Array<[object, number]> = [
      [{ verified: false }, -221],
      [{ packageActive: false }, -224],
      [{ granted: ["message", "user", "upload"] }, -223],
      [{ registered: ["message", "user", "upload"] }, -212],
    ];
    for (const [entitlements, code] of refusals) {
      await control(sim, "POST", "/config", {
        entitlements: {
          verified: true,
          packageActive: true,
          registered: ["message", "broadcast", "user", "upload"],
          granted: ["message", "broadcast", "user", "upload"],
          ...entitlements,
        },
      });
      expect((await broadcast(id)).body.error, JSON.stringify(entitlements)).toBe(code);
    }
    // A lapsed package stops paid features only: CS messages still go out.
    await control(sim, "POST", "/config", {
      entitlements: {
        packageActive: false,
        registered: ["message", "broadcast", "user", "upload"],
        granted: ["message", "broadcast", "user", "upload"],
      },
    });
    const [active] = (await seed(sim, { count: 1, active_within_days: 1 })).sample_ids;
    expect(
      (await oaPost(sim, token, "/v3.0/oa/message/cs", { recipient: { user_id: active }, message: { text: "chào" } }))
        .body.error,
    ).toBe(0);
    expect((await oaPost(sim, token, "/v2.0/article/create", ARTICLE)).body.error).toBe(-224);
    const oa = await oaGet<{ is_verified: boolean }>(sim, token, "/v2.0/oa/getoa");
    expect(oa.body.data!.is_verified).toBe(true);
  });
});

describe("getoa", () => {
  it("reports the follower count and package", async () => {
    await seed(sim, { count: 7 });
    const oa = await oaGet<{ num_follower: number; package_name: string }>(sim, token, "/v2.0/oa/getoa");
    expect(oa.body.data).toMatchObject({ num_follower: 7, package_name: "premium" });
  });
});
