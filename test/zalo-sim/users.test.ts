import { beforeEach, describe, expect, it } from "vitest";
import { LONG_LIVED_TOKENS, oaGet, seed, setClock, tokenPair, userEvent, useSimulator } from "./helpers";

const DAY = 86_400_000;
const GETLIST = "/v3.0/oa/user/getlist";

interface ListData {
  total: number;
  count: number;
  offset: number;
  users: { user_id: string }[];
}

// The clock jumps weeks ahead below; tokens are not what these tests are about.
const sim = useSimulator({ limits: LONG_LIVED_TOKENS }, { clock: { set: "2026-05-20T10:00:00+07:00", freeze: true } });
let token: string;
beforeEach(async () => {
  token = (await tokenPair(sim)).access;
});

describe("getlist", () => {
  it("pages at most 50, offset at most 9951, and reports the full total", async () => {
    await seed(sim, { count: 12_000, active_within_days: 5 });
    await seed(sim, { count: 300 });

    const first = await oaGet<ListData>(sim, token, GETLIST, { offset: 0, count: 50, is_follower: "true" });
    expect(first.body.error).toBe(0);
    expect(first.body.data!.total).toBe(12_300);
    expect(first.body.data!.count).toBe(50);
    expect(new Set(first.body.data!.users.map((u) => u.user_id)).size).toBe(50);

    const last = await oaGet<ListData>(sim, token, GETLIST, { offset: 9951, count: 50, is_follower: "true" });
    expect(last.body.data!.offset).toBe(9951);
    expect(last.body.data!.users).toHaveLength(50);
    expect(last.body.data!.users[0]!.user_id).not.toBe(first.body.data!.users[0]!.user_id);

    expect((await oaGet(sim, token, GETLIST, { offset: 9952, count: 50 })).body).toEqual({
      error: -210,
      message: "Parameter exceeds allowable limit",
    });
    expect((await oaGet(sim, token, GETLIST, { offset: 0, count: 51 })).body.error).toBe(-210);
    expect((await oaGet(sim, token, GETLIST, { offset: -1, count: 5 })).body.error).toBe(-201);
    expect((await oaGet(sim, token, GETLIST, { offset: 0, count: 0 })).body.error).toBe(-201);
    expect((await oaGet(sim, token, GETLIST, { offset: 0 })).body.error).toBe(-201);

    const active = await oaGet<ListData>(sim, token, GETLIST, { offset: 0, count: 10, last_interaction_period: "L7D" });
    expect(active.body.data!.total).toBe(12_000);
    const month = await oaGet<ListData>(sim, token, GETLIST, { offset: 0, count: 10, last_interaction_period: "L30D" });
    // Inactive seeds spread from 8 to ~188 days back: some of them fall inside 30 days, most do not.
    expect(month.body.data!.total).toBeGreaterThan(12_000);
    expect(month.body.data!.total).toBeLessThan(12_300);
  });

  it("filters by follower flag and local-date periods", async () => {
    const a = "111111111111111111";
    const b = "222222222222222222";
    const c = "333333333333333333";
    await setClock(sim, { set: "2026-05-18T23:30:00+07:00" });
    await userEvent(sim, { event_name: "follow", user_id: a });
    await setClock(sim, { set: "2026-05-19T00:30:00+07:00" });
    await userEvent(sim, { event_name: "follow", user_id: b });
    await setClock(sim, { set: "2026-05-20T08:00:00+07:00" });
    await userEvent(sim, { event_name: "user_send_text", user_id: c, text: "xin chào" });

    const list = async (data: object) =>
      (await oaGet<ListData>(sim, token, GETLIST, { offset: 0, count: 50, ...data })).body;
    const ids = async (data: object) => (await list(data)).data!.users.map((u) => u.user_id);

    expect(await ids({ last_interaction_period: "TODAY" })).toEqual([c]);
    expect(await ids({ last_interaction_period: "YESTERDAY" })).toEqual([b]);
    expect(await ids({ last_interaction_period: "2026_05_18:2026_05_19" })).toEqual([a, b]);
    expect(await ids({ last_interaction_period: "2026_05_18:2026_05_18" })).toEqual([a]);
    expect(await ids({ is_follower: "false" })).toEqual([c]);
    expect(await ids({ is_follower: "true" })).toEqual([a, b]);
    expect((await list({ last_interaction_period: "LAST_WEEK" })).error).toBe(-201);
    expect((await list({ last_interaction_period: "2026_02_30:2026_03_01" })).error).toBe(-201);
    expect((await list({ last_interaction_period: "2026_05_19:2026_05_18" })).error).toBe(-201);
  });
});

describe("user detail", () => {
  it("returns the documented fields with string ids beyond 2^53", async () => {
    const [id] = (await seed(sim, { count: 1, active_within_days: 2, city: "4" })).sample_ids;
    const detail = await oaGet<Record<string, unknown>>(sim, token, "/v3.0/oa/user/detail", { user_id: id });
    expect(detail.body.error).toBe(0);
    const d = detail.body.data!;
    expect(d.user_id).toBe(id);
    expect(typeof d.user_id_by_app).toBe("string");
    expect(BigInt(d.user_id as string) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
    expect(d.user_is_follower).toBe(true);
    expect(d.user_last_interaction_date).toMatch(/^(18|19|20)\/05\/2026$/);
    expect(d.shared_info).toMatchObject({ city: "4" });
    expect(typeof d.display_name).toBe("string");

    await setClock(sim, { advanceMs: 40 * DAY });
    await userEvent(sim, { event_name: "user_send_text", user_id: id, text: "hi" });
    const later = await oaGet<{ user_last_interaction_date: string }>(sim, token, "/v3.0/oa/user/detail", {
      user_id: id,
    });
    expect(later.body.data!.user_last_interaction_date).toBe("29/06/2026");

    expect((await oaGet(sim, token, "/v3.0/oa/user/detail", { user_id: "4444444444444444444" })).body).toEqual({
      error: -201,
      message: "user_id is invalid!",
    });
    const res = await fetch(`${sim.url}/v3.0/oa/user/detail?data=%7Bnot-json`, { headers: { access_token: token } });
    expect(((await res.json()) as { error: number }).error).toBe(-201);
  });
});
