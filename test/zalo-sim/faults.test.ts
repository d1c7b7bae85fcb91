import { beforeEach, describe, expect, it } from "vitest";
import { control, oaGet, SANDBOX_CREDENTIALS, seed, startSim, tokenPair, tokenRequest, useSimulator } from "./helpers";

const sim = useSimulator();
let token: string;
let refresh: string;
let userId: string;
beforeEach(async () => {
  ({ access: token, refresh } = await tokenPair(sim));
  userId = (await seed(sim, { count: 1, active_within_days: 1 })).sample_ids[0]!;
});

function detail(t = token) {
  return oaGet(sim, t, "/v3.0/oa/user/detail", { user_id: userId });
}

async function raw(path: string, init?: RequestInit): Promise<Response> {
  return fetch(`${sim.url}${path}`, init);
}

describe("fault injection", () => {
  it("answers gateway 5xx pages, limited to a path prefix, until cleared", async () => {
    const set = await control(sim, "POST", "/faults", { errorRate5xx: 1, match: "/v3.0/oa/user" });
    expect(set.status).toBe(200);
    const data = encodeURIComponent(JSON.stringify({ user_id: userId }));
    const failed = await raw(`/v3.0/oa/user/detail?data=${data}`, { headers: { access_token: token } });
    expect(failed.status).toBe(503);
    expect(failed.headers.get("content-type")).toMatch(/text\/html/);
    // Outside the prefix and on the control surface nothing changes.
    expect((await oaGet(sim, token, "/v2.0/oa/getoa")).body.error).toBe(0);
    expect((await control(sim, "GET", "/clock")).status).toBe(200);
    expect((await control<{ errors_5xx: number }>(sim, "GET", "/stats")).body.errors_5xx).toBe(1);

    await control(sim, "DELETE", "/faults");
    expect((await detail()).body.error).toBe(0);
  });

  it("applies to the OAuth endpoint too when matched", async () => {
    await control(sim, "POST", "/faults", { errorRate5xx: 1, match: "/v4/oa/access_token" });
    const res = await raw("/v4/oa/access_token", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", secret_key: SANDBOX_CREDENTIALS.appSecret },
      body: new URLSearchParams({
        app_id: SANDBOX_CREDENTIALS.appId,
        grant_type: "refresh_token",
        refresh_token: refresh,
      }),
    });
    expect(res.status).toBe(503);
    await control(sim, "DELETE", "/faults");
    expect(
      (
        await tokenRequest(sim, {
          app_id: SANDBOX_CREDENTIALS.appId,
          grant_type: "refresh_token",
          refresh_token: refresh,
        })
      ).access_token,
    ).toBeDefined();
  });

  it("adds latency", async () => {
    await control(sim, "POST", "/faults", { latencyMs: 250 });
    const started = performance.now();
    expect((await detail()).body.error).toBe(0);
    expect(performance.now() - started).toBeGreaterThanOrEqual(240);
  });

  it("answers -32 for the next n OA calls without using the real bucket", async () => {
    await control(sim, "POST", "/faults", { rateLimitBurst: 3 });
    const answers = [];
    for (let k = 0; k < 5; k++) answers.push((await detail()).body.error);
    expect(answers).toEqual([-32, -32, -32, 0, 0]);
    const faults = await control<{ faults: { rateLimitBurst: number } }>(sim, "GET", "/faults");
    expect(faults.body.faults.rateLimitBurst).toBe(0);
    expect((await control<{ rate_limited: number }>(sim, "GET", "/stats")).body.rate_limited).toBe(3);
  });

  it("expires every current access token; a refresh recovers", async () => {
    const other = await tokenPair(sim);
    const set = await control<{ expired_access_tokens: number }>(sim, "POST", "/faults", { expireAccessTokens: true });
    expect(set.body.expired_access_tokens).toBe(2);
    expect((await detail()).body.error).toBe(-220);
    expect((await detail(other.access)).body.error).toBe(-220);
    const renewed = await tokenRequest(sim, {
      app_id: SANDBOX_CREDENTIALS.appId,
      grant_type: "refresh_token",
      refresh_token: refresh,
    });
    expect((await detail(renewed.access_token!)).body.error).toBe(0);
  });

  it("holds requests without answering", async () => {
    await control(sim, "POST", "/faults", { timeoutRate: 1 });
    await expect(
      raw("/v2.0/oa/getoa", { headers: { access_token: token }, signal: AbortSignal.timeout(300) }),
    ).rejects.toThrow();
    expect((await control<{ timeouts_held: number }>(sim, "GET", "/stats")).body.timeouts_held).toBe(1);
  });
});

describe("close() with held requests", () => {
  it("terminates, dropping the sockets it holds (a hang fails by the test's timeout)", async () => {
    const own = await startSim();
    await fetch(`${own.url}/__sim/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ timeoutRate: 1 }),
    });
    const held = fetch(`${own.url}/v2.0/oa/getoa`).then(
      () => "answered",
      () => "dropped",
    );
    const slow = (async () => {
      await fetch(`${own.url}/__sim/faults`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ timeoutRate: 0, latencyMs: 60_000 }),
      });
      return fetch(`${own.url}/v2.0/oa/getoa`).then(
        () => "answered",
        () => "dropped",
      );
    })();
    // Both requests are in the simulator's hands before it stops: the held one counted, the slow one received.
    const stats = async () =>
      (await (await fetch(`${own.url}/__sim/stats`)).json()) as {
        timeouts_held: number;
        requests: Record<string, number>;
      };
    await expect.poll(async () => (await stats()).timeouts_held).toBe(1);
    await expect
      .poll(async () => Object.entries((await stats()).requests).find(([path]) => path.includes("getoa"))?.[1])
      .toBe(2);
    await own.close();
    expect(await held).toBe("dropped");
    expect(await slow).toBe("dropped");
  });
});

describe("control input", () => {
  it("answers bad fault and clock input with 400 and a message", async () => {
    const cases: [string, unknown][] = [
      ["/faults", { errorRate5xx: 2 }],
      ["/faults", { latencyMs: "slow" }],
      ["/faults", { match: "v3.0" }],
      ["/faults", { surprise: true }],
      ["/clock", { set: "not a date" }],
      ["/clock", { advanceMs: "1" }],
      ["/followers", { count: 0 }],
      ["/followers", { count: 2_000_001 }],
      ["/config", { oaPackage: "gold" }],
      ["/config", { limits: { timeZone: "Mars/Olympus" } }],
      ["/miniapp-token", {}],
    ];
    for (const [path, body] of cases) {
      const res = await control<{ error: string; message: string }>(sim, "POST", path, body);
      expect(res.status, `${path} ${JSON.stringify(body)}`).toBe(400);
      expect(res.body.error).toBe("invalid_request");
      expect(res.body.message.length).toBeGreaterThan(0);
    }
    const broken = await fetch(`${sim.url}/__sim/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{oops",
    });
    expect(broken.status).toBe(400);
    expect((await control(sim, "GET", "/faults")).body).toEqual({
      faults: {
        latencyMs: 0,
        errorRate5xx: 0,
        timeoutRate: 0,
        rateLimitBurst: 0,
        broadcastRejectRate: 0,
        answerDelayMs: 0,
        match: null,
      },
    });
  });
});
