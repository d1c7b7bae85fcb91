import { beforeEach, describe, expect, it } from "vitest";
import { control, oaGet, seed, setClock, tokenPair, useSimulator } from "./helpers";

const LIMIT = 20;

const sim = useSimulator({ limits: { rateLimitPerMinute: LIMIT } }, { clock: { freeze: true } });
let token: string;
let userId: string;
beforeEach(async () => {
  token = (await tokenPair(sim)).access;
  userId = (await seed(sim, { count: 1, active_within_days: 1 })).sample_ids[0]!;
});

function call() {
  return oaGet(sim, token, "/v3.0/oa/user/detail", { user_id: userId });
}

describe("per-app rate limit", () => {
  it("refuses exactly the calls beyond the limit within one window, concurrently", async () => {
    const answers = await Promise.all(Array.from({ length: LIMIT + 5 }, call));
    const limited = answers.filter((a) => a.body.error === -32);
    expect(limited).toHaveLength(5);
    expect(answers.filter((a) => a.body.error === 0)).toHaveLength(LIMIT);
    expect(limited[0]!.status).toBe(200);
    expect(limited[0]!.body.message).toBe("Your application reached limit call api");
    for (const a of answers) expect(a.headers.get("x-ratelimit-limit")).toBe(String(LIMIT));
    const remains = answers.map((a) => Number(a.headers.get("x-ratelimit-remain"))).sort((a, b) => b - a);
    expect(remains[0]).toBe(LIMIT - 1);
    expect(remains.at(-1)).toBe(0);

    const stats = await control<{ rate_limited: number }>(sim, "GET", "/stats");
    expect(stats.body.rate_limited).toBe(5);

    await setClock(sim, { advanceMs: 59_999 });
    expect((await call()).body.error).toBe(-32);
    await setClock(sim, { advanceMs: 1 });
    const next = await Promise.all(Array.from({ length: LIMIT }, call));
    expect(next.every((a) => a.body.error === 0)).toBe(true);
    expect((await call()).body.error).toBe(-32);
  });

  it("does not count control or OAuth requests", async () => {
    for (let k = 0; k < LIMIT + 5; k++) await control(sim, "GET", "/clock");
    await tokenPair(sim);
    const answers = [];
    for (let k = 0; k < LIMIT; k++) answers.push(await call());
    expect(answers.map((a) => a.body.error)).toEqual(Array(LIMIT).fill(0));
  });

  it("can be changed at run time", async () => {
    await control(sim, "POST", "/config", { limits: { rateLimitPerMinute: 3 } });
    const answers = await Promise.all(Array.from({ length: 5 }, call));
    expect(answers.filter((a) => a.body.error === -32)).toHaveLength(2);
  });
});
