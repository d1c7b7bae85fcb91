import { describe, expect, it } from "vitest";
import { control, csText, oaPost, seed, setClock, tokenPair, userEvent, useSimulator } from "./helpers";
import { eventually } from "../harness/eventually";

const DAY = 86_400_000;

interface FollowerJson {
  user_id: string;
  user_id_by_app: string;
  index: number;
  is_follower: boolean;
  subscribed: boolean;
  city: string;
  followed_at: string;
  last_interaction: string;
  last_interaction_ms: string;
}

const sim = useSimulator();

describe("synthetic followers", () => {
  it("seeds 100,000 compact followers with the requested shape", async () => {
    const now = await setClock(sim, { freeze: true });
    const active = await seed(sim, { count: 100_000, active_within_days: 3, subscribed: true, city: "4" });
    const idle = await seed(sim, { count: 100_000 });
    expect(active.total).toBe(100_000);
    expect(idle.total).toBe(200_000);
    expect(active.sample_ids).toHaveLength(10);
    const allIds = [...active.sample_ids, ...idle.sample_ids];
    expect(new Set(allIds).size).toBe(20);
    for (const id of allIds) {
      expect(id).toMatch(/^\d{19}$/);
      expect(BigInt(id) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
    }

    const a = (await control<FollowerJson>(sim, "GET", `/followers/${active.sample_ids[3]}`)).body;
    expect(a).toMatchObject({ user_id: active.sample_ids[3], is_follower: true, subscribed: true, city: "4" });
    const lastA = Number(a.last_interaction_ms);
    expect(lastA).toBeLessThanOrEqual(now);
    expect(lastA).toBeGreaterThanOrEqual(now - 3 * DAY);
    expect(Date.parse(a.followed_at)).toBeLessThanOrEqual(lastA);
    expect(a.user_id_by_app).toMatch(/^\d{19}$/);
    expect(a.user_id_by_app).not.toBe(a.user_id);

    const b = (await control<FollowerJson>(sim, "GET", `/followers/${idle.sample_ids[0]}`)).body;
    // Without a city, followers spread around the OA's province (Hải Dương, 10) as they do in life.
    expect(b).toMatchObject({ is_follower: true, subscribed: false, index: 100_000 });
    expect(Number(b.city)).toBeGreaterThanOrEqual(0);
    expect(Number(b.city)).toBeLessThanOrEqual(63);
    expect(now - Number(b.last_interaction_ms)).toBeGreaterThan(7 * DAY);

    expect((await control(sim, "GET", "/followers/7300000000099999999")).status).toBe(404);
    const stats = await control<{ users: { total: number; followers: number } }>(sim, "GET", "/stats");
    expect(stats.body.users).toEqual({ total: 200_000, followers: 200_000 });
  });

  it("pages ids by filter with an id cursor", async () => {
    const sub = await seed(sim, { count: 5, subscribed: true });
    await seed(sim, { count: 3 });
    const more = await seed(sim, { count: 4, subscribed: true });
    await userEvent(sim, { event_name: "unfollow", user_id: more.sample_ids[0]! });

    const page1 = await control<{ ids: string[]; next_after: string | null }>(
      sim,
      "GET",
      "/followers?subscribed=true&limit=6",
    );
    expect(page1.body.ids).toEqual([...sub.sample_ids, more.sample_ids[0]]);
    expect(page1.body.next_after).toBe(more.sample_ids[0]);
    const page2 = await control<{ ids: string[]; next_after: string | null }>(
      sim,
      "GET",
      `/followers?subscribed=true&limit=6&after=${page1.body.next_after}`,
    );
    expect(page2.body.ids).toEqual(more.sample_ids.slice(1));
    expect(page2.body.next_after).toBeNull();

    const unfollowed = await control<{ ids: string[] }>(sim, "GET", "/followers?follower=false");
    expect(unfollowed.body.ids).toEqual([more.sample_ids[0]]);
    expect((await control(sim, "GET", "/followers?subscribed=yes")).status).toBe(400);
    expect((await control(sim, "GET", "/followers?after=1")).status).toBe(400);
  });

  it("appends users first seen through events", async () => {
    await seed(sim, { count: 2 });
    await userEvent(sim, { event_name: "user_send_text", user_id: "9988776655443322110", text: "xin chào" });
    const rec = (await control<FollowerJson>(sim, "GET", "/followers/9988776655443322110")).body;
    expect(rec).toMatchObject({ user_id: "9988776655443322110", index: 2, is_follower: false });
    expect(rec.followed_at).toBeNull();
  });
});

describe("clock", () => {
  it("sets, freezes, advances and thaws", async () => {
    const set = await control<{ now: string; now_ms: number; frozen: boolean }>(sim, "POST", "/clock", {
      set: "2026-08-30T22:30:00+07:00",
      freeze: true,
    });
    expect(set.body).toEqual({
      now: "2026-08-30T15:30:00.000Z",
      now_ms: Date.parse("2026-08-30T15:30:00Z"),
      frozen: true,
    });
    // A frozen clock stands still however long the requests take (the clock's unit test proves it with a fake source).
    expect((await control<{ now_ms: number }>(sim, "GET", "/clock")).body.now_ms).toBe(set.body.now_ms);
    expect(await setClock(sim, { advanceMs: 90_000 })).toBe(set.body.now_ms + 90_000);
    expect(await setClock(sim, { set: 1_724_986_800_000 })).toBe(1_724_986_800_000);
    const thawed = await control<{ now_ms: number; frozen: boolean }>(sim, "POST", "/clock", { freeze: false });
    expect(thawed.body.frozen).toBe(false);
    const later = await eventually(
      async () => (await control<{ now_ms: number }>(sim, "GET", "/clock")).body.now_ms,
      (ms) => ms > 1_724_986_800_000,
    );
    expect(later).toBeGreaterThan(1_724_986_800_000);
    expect(later).toBeLessThan(1_724_986_800_000 + 5_000);
  });
});

describe("outbox, stats, tokens, reset", () => {
  it("lists what the OA sent with since and user_id filters", async () => {
    const token = (await tokenPair(sim)).access;
    const [u1, u2] = (await seed(sim, { count: 2, active_within_days: 1 })).sample_ids;
    for (const [user, text] of [
      [u1, "a"],
      [u2, "b"],
      [u1, "c"],
    ] as const) {
      expect((await oaPost(sim, token, "/v3.0/oa/message/cs", csText(user!, text))).body.error).toBe(0);
    }
    type Entry = { seq: number; kind: string; user_id: string; text: string; at: string; message_id: string };
    const all = (await control<Entry[]>(sim, "GET", "/outbox")).body;
    expect(all.map((e) => e.text)).toEqual(["a", "b", "c"]);
    expect(all.map((e) => e.seq)).toEqual([0, 1, 2]);
    expect(Number.isNaN(Date.parse(all[0]!.at))).toBe(false);
    expect((await control<Entry[]>(sim, "GET", `/outbox?user_id=${u1}`)).body.map((e) => e.text)).toEqual(["a", "c"]);
    expect((await control<Entry[]>(sim, "GET", "/outbox?since=1")).body.map((e) => e.text)).toEqual(["b", "c"]);
    expect((await control(sim, "GET", "/outbox?since=-1")).status).toBe(400);

    expect((await control<{ cleared: number }>(sim, "DELETE", "/outbox")).body.cleared).toBe(3);
    await oaPost(sim, token, "/v3.0/oa/message/cs", csText(u2!, "d"));
    const after = (await control<Entry[]>(sim, "GET", "/outbox")).body;
    expect(after.map((e) => [e.seq, e.text])).toEqual([[3, "d"]]);

    const stats = await control<{ requests: Record<string, number>; outbox: number; memory: { rss_mb: number } }>(
      sim,
      "GET",
      "/stats",
    );
    expect(stats.body.requests["POST /v3.0/oa/message/cs"]).toBe(4);
    expect(stats.body.requests["POST /v4/oa/access_token"]).toBe(1);
    expect(Object.keys(stats.body.requests).some((k) => k.includes("__sim"))).toBe(false);
    expect(stats.body.memory.rss_mb).toBeGreaterThan(0);
  });

  it("reset clears followers, tokens, outbox, faults and clock", async () => {
    const pair = await tokenPair(sim);
    await seed(sim, { count: 10 });
    await control(sim, "POST", "/faults", { latencyMs: 5 });
    expect((await control<{ refresh_tokens: unknown[] }>(sim, "GET", "/tokens")).body.refresh_tokens).toHaveLength(1);
    await setClock(sim, { set: "2030-01-01T00:00:00Z", freeze: true });

    await control(sim, "POST", "/reset");
    expect((await control<{ users: { total: number } }>(sim, "GET", "/stats")).body.users.total).toBe(0);
    expect((await control<{ refresh_tokens: unknown[] }>(sim, "GET", "/tokens")).body.refresh_tokens).toHaveLength(0);
    expect((await control<{ faults: { latencyMs: number } }>(sim, "GET", "/faults")).body.faults.latencyMs).toBe(0);
    const clock = (await control<{ now_ms: number; frozen: boolean }>(sim, "GET", "/clock")).body;
    expect(clock.frozen).toBe(false);
    expect(Math.abs(clock.now_ms - Date.now())).toBeLessThan(5_000);
    const probe = await fetch(`${sim.url}/v2.0/oa/getoa`, { headers: { access_token: pair.access } });
    expect(((await probe.json()) as { error: number }).error).toBe(-216);
  });

  it("answers unknown control paths with 404 JSON", async () => {
    const res = await control<{ error: string }>(sim, "GET", "/nothing-here");
    expect(res.status).toBe(404);
    expect(res.body.error).toBe("not_found");
  });

  it("merges a partial limits change over the current limits, down to one package's monthly cap", async () => {
    const res = await control<{ limits: { rateLimitPerMinute: number; broadcastMonthlyCap: Record<string, number> } }>(
      sim,
      "POST",
      "/config",
      {
        limits: { broadcastMonthlyCap: { basic: 2 } },
      },
    );
    expect(res.status).toBe(200);
    expect(res.body.limits.broadcastMonthlyCap).toEqual({ basic: 2, trial: 4, advanced: 4, premium: 6 });
    expect(res.body.limits.rateLimitPerMinute).toBe(4000);
    await control(sim, "POST", "/reset");
  });
});
