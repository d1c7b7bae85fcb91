import { beforeEach, describe, expect, it } from "vitest";
import { control, LONG_LIVED_TOKENS, oaGet, oaPost, seed, setClock, tokenPair, useSimulator } from "./helpers";

const PROCESSING_MS = 1500;

const sim = useSimulator({ articleProcessingMs: PROCESSING_MS, limits: LONG_LIVED_TOKENS }, { clock: { set: "2026-03-01T09:00:00+07:00", freeze: true } });
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

function broadcastBody(articleId: string, target: Record<string, unknown> = { cities: "4" }) {
  return {
    recipient: { target },
    message: { attachment: { type: "template", payload: { template_type: "media", elements: [{ media_type: "article", attachment_id: articleId }] } } },
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

async function lastBroadcast(): Promise<BroadcastEntry> {
  const outbox = await control<BroadcastEntry[]>(sim, "GET", "/outbox");
  return outbox.body.filter((e) => e.kind === "broadcast").at(-1)!;
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
    for (const body of bad) expect((await oaPost(sim, token, "/v2.0/article/create", body)).body.error, JSON.stringify(body)).toBe(-201);
    const video = { type: "video", title: "Video", description: "d", video_id: "v1", avatar: "https://example.org/a.jpg" };
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
    await seed(sim, { count: 3 });
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
    expect(entry).toMatchObject({ message_id: sent.body.data!.message_id, article_id: id, recipients: 3, skipped_cap: 0, target: { cities: "4" } });

    await setClock(sim, { set: "2026-03-11T21:59:00+07:00" });
    expect((await broadcast(id)).body.error).toBe(0);
  });
});

describe("broadcast caps", () => {
  it("gives each follower at most the package's monthly cap and one a day", async () => {
    const inCity = (await seed(sim, { count: 3, city: "4" })).sample_ids;
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

    const follower = await control<{ broadcast: { month: string; month_count: number } }>(sim, "GET", `/followers/${inCity[0]}`);
    expect(follower.body.broadcast).toMatchObject({ month: "2026-03", month_count: 6 });
    const other = await control<{ broadcast: { month_count: number } }>(sim, "GET", `/followers/${elsewhere}`);
    expect(other.body.broadcast.month_count).toBe(0);

    // The calendar month (local) resets the count: 1 April 06:30 in Hanoi is still 31 March in UTC.
    await setClock(sim, { set: "2026-04-01T06:30:00+07:00" });
    expect((await broadcast(id)).body.error).toBe(0);
    expect((await lastBroadcast()).recipients).toBe(3);

    const quota = await oaPost<{ promotion: { monthly_remain: number; daily_remain: number } }>(sim, token, "/v3.0/oa/quota/message", {
      user_id: inCity[1],
    });
    expect(quota.body.data!.promotion).toMatchObject({ monthly_remain: 5, daily_remain: 0 });

    // No cities filter: every follower matches, the ones in city 7 included.
    await setClock(sim, { set: "2026-04-02T09:00:00+07:00" });
    expect((await broadcast(id, {})).body.error).toBe(0);
    expect((await lastBroadcast()).recipients).toBe(5);
  });

  it("uses the cap of the configured package (basic: 1 a month)", async () => {
    await control(sim, "POST", "/config", { oaPackage: "basic" });
    await seed(sim, { count: 4 });
    const id = await verifiedArticle();
    expect((await broadcast(id)).body.error).toBe(0);
    expect((await lastBroadcast()).recipients).toBe(4);
    await setClock(sim, { set: "2026-03-02T09:00:00+07:00" });
    expect((await broadcast(id)).body.error).toBe(0);
    expect(await lastBroadcast()).toMatchObject({ recipients: 0, skipped_cap: 4 });
  });

  it("skips unfollowed users", async () => {
    const ids = (await seed(sim, { count: 2 })).sample_ids;
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
    const media = (elements: object[]) => ({ attachment: { type: "template", payload: { template_type: "media", elements } } });

    expect((await oaPost(sim, token, "/v2.0/oa/message", { recipient: { user_id: "7300000000000000000" }, message: media([]) })).body.error).toBe(-240);
    expect((await oaPost(sim, token, "/v2.0/oa/message", { recipient: { target: {} }, message: { text: "hi" } })).body.error).toBe(-233);
    expect(
      (await oaPost(sim, token, "/v2.0/oa/message", { recipient: { target: {} }, message: media([{ media_type: "image", attachment_id: id }]) })).body
        .error,
    ).toBe(-233);
    expect((await broadcast(id, { city: "4" })).body.error).toBe(-201);
    expect((await broadcast(id, { cities: "four" })).body.error).toBe(-201);
    expect((await broadcast(id, { gender: "5" })).body.error).toBe(-201);
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

describe("getoa", () => {
  it("reports the follower count and package", async () => {
    await seed(sim, { count: 7 });
    const oa = await oaGet<{ num_follower: number; package_name: string }>(sim, token, "/v2.0/oa/getoa");
    expect(oa.body.data).toMatchObject({ num_follower: 7, package_name: "premium" });
  });
});
