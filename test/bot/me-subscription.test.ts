import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { subscriptionResponseSchema } from "@cds/shared";
import { startBotServer, type RunningBotServer } from "../../bot-server/src/server";
import { createFollowerRegistry } from "../../bot-server/src/store/follower-registry";
import { sandboxConfig, startZaloSandbox, type ZaloSandbox } from "../harness/sandbox";
import { findFreePort } from "../../tools/redis/find-free-port";

describe("/api/v1/me/subscription (the mini app's subscribe button)", () => {
  let s: ZaloSandbox;
  let server: RunningBotServer;
  let follower: string;
  let earlier: string;
  const call = (method: string, token?: string) =>
    fetch(`${server.url}/api/v1/me/subscription`, {
      method,
      headers: token === undefined ? {} : { "X-Zalo-Access-Token": token },
    });
  const tokenFor = async (userId: string) =>
    (await s.simJson<{ access_token: string }>("/__sim/miniapp-token", { body: { user_id: userId } })).access_token;

  beforeAll(async () => {
    s = await startZaloSandbox("me");
    server = await startBotServer(s.config, "api", s.logger);
    const seeded = await s.simJson<{ sample_ids: string[] }>("/__sim/followers", {
      body: { count: 2, active_within_days: 1 },
    });
    [follower, earlier] = seeded.sample_ids as [string, string];
    // The registry learns followers from webhooks; here only the first one followed since the server ran.
    await createFollowerRegistry(s.redis, s.keys).apply([{ userId: follower, op: "follow", atMs: Date.now() }]);
  });
  afterAll(async () => {
    await server.close();
    await s.close();
  });

  it("subscribes and unsubscribes a follower identified by a Graph-verified token", async () => {
    const token = await tokenFor(follower);
    expect(subscriptionResponseSchema.parse(await (await call("GET", token)).json())).toEqual({
      subscribed: false,
      following: true,
    });
    const put = await call("PUT", token);
    expect(put.status).toBe(200);
    expect(await put.json()).toEqual({ subscribed: true, following: true });
    expect((await createFollowerRegistry(s.redis, s.keys).get(follower))?.subscribed).toBe(true);
    expect(await (await call("DELETE", token)).json()).toEqual({ subscribed: false, following: true });
    expect((await createFollowerRegistry(s.redis, s.keys).get(follower))?.subscribed).toBe(false);
  });

  it("counts one citizen's requests across every API process, keyed by their verified Zalo id", async () => {
    const second = await startBotServer({ ...s.config, port: await findFreePort() }, "api", s.logger);
    try {
      const [citizen] = (
        await s.simJson<{ sample_ids: string[] }>("/__sim/followers", { body: { count: 1, active_within_days: 1 } })
      ).sample_ids;
      const token = await tokenFor(citizen!);
      const statuses: number[] = [];
      for (let n = 0; n < 60; n++) {
        const base = n % 2 === 0 ? server.url : second.url;
        statuses.push(
          (await fetch(`${base}/api/v1/me/subscription`, { headers: { "X-Zalo-Access-Token": token } })).status,
        );
      }
      expect(new Set(statuses)).toEqual(new Set([200]));
      const over = await fetch(`${second.url}/api/v1/me/subscription`, { headers: { "X-Zalo-Access-Token": token } });
      expect(over.status).toBe(429);
      expect(await over.json()).toMatchObject({ error: "too_many_requests" });
      // Another citizen behind the same address (a carrier's NAT) is not held back by the first.
      expect((await call("GET", await tokenFor(follower))).status).toBe(200);
    } finally {
      await second.close();
    }
  });

  it("refuses an absent or forged token with 401 and never subscribes", async () => {
    expect((await call("PUT")).status).toBe(401);
    expect((await call("PUT", "forged-token")).status).toBe(401);
    expect((await call("PUT", "")).status).toBe(401);
    expect((await createFollowerRegistry(s.redis, s.keys).counts()).subscribed).toBe(0);
  });

  it("subscribes a follower from before the webhook, whom only Zalo knows as one, and records the follow", async () => {
    const registry = createFollowerRegistry(s.redis, s.keys);
    expect(await registry.get(earlier)).toBeUndefined();
    const token = await tokenFor(earlier);
    expect(await (await call("GET", token)).json()).toEqual({ subscribed: false, following: false });
    const put = await call("PUT", token);
    expect(put.status).toBe(200);
    expect(await put.json()).toEqual({ subscribed: true, following: true });
    expect(await registry.get(earlier)).toMatchObject({ following: true, subscribed: true });
  });

  it("asks a user who does not follow the OA to follow it first, and subscribes nobody", async () => {
    // A user Zalo knows only from a "chat now" click (the server here runs no webhook, so none arrives).
    const outsider = "5512345678901230001";
    await s.simJson("/__sim/events", { body: { event_name: "user_click_chatnow", user_id: outsider } });
    const res = await call("PUT", await tokenFor(outsider));
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: "not_following" });
    expect(await createFollowerRegistry(s.redis, s.keys).get(outsider)).toBeUndefined();
    const del = await call("DELETE", await tokenFor(outsider));
    expect(await del.json()).toEqual({ subscribed: false, following: false });
  });

  it("answers 503, not 401, when Zalo refuses the server itself (a wrong app secret gives -242)", async () => {
    const misconfigured = await startBotServer(
      await sandboxConfig(s.sim, "me-bad", { ZALO_APP_SECRET: "not-the-app-secret" }),
      "api",
      s.logger,
    );
    try {
      const res = await fetch(`${misconfigured.url}/api/v1/me/subscription`, {
        headers: { "X-Zalo-Access-Token": await tokenFor(follower) },
      });
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ error: "zalo_unavailable" });
    } finally {
      await misconfigured.close();
    }
  });

  it("answers 401 to an expired mini app token, so the app asks Zalo for a new one", async () => {
    const token = await tokenFor(follower);
    // Mini app tokens live about an hour (ZALO-PLATFORM B); the simulator's clock moves, the token ages.
    await s.simJson("/__sim/clock", { body: { advanceMs: 61 * 60_000 } });
    try {
      const res = await call("GET", token);
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ error: "invalid_token" });
    } finally {
      await s.simJson("/__sim/clock", { body: { advanceMs: -61 * 60_000 } });
    }
  });

  it("signs Graph calls with the mini app's own app secret when it is not the OA app's (ZALO_MINI_APP_SECRET)", async () => {
    const own = await startZaloSandbox("me-own-app", { credentials: { miniAppSecret: "SANDBOX-mini-app-secret" } });
    const servers: RunningBotServer[] = [];
    try {
      const [user] = (
        await own.simJson<{ sample_ids: string[] }>("/__sim/followers", { body: { count: 1, active_within_days: 1 } })
      ).sample_ids;
      const token = (await own.simJson<{ access_token: string }>("/__sim/miniapp-token", { body: { user_id: user } }))
        .access_token;
      const ask = async (env: Record<string, string>) => {
        const server = await startBotServer(await sandboxConfig(own.sim, "me-own-app-srv", env), "api", own.logger);
        servers.push(server);
        return fetch(`${server.url}/api/v1/me/subscription`, { headers: { "X-Zalo-Access-Token": token } });
      };
      expect((await ask({})).status).toBe(503);
      const right = await ask({ ZALO_MINI_APP_SECRET: "SANDBOX-mini-app-secret" });
      expect(right.status).toBe(200);
      expect(await right.json()).toEqual({ subscribed: false, following: false });
    } finally {
      for (const server of servers) await server.close();
      await own.close();
    }
  });

  it("answers the browser's preflight for the mini app's origin", async () => {
    const res = await fetch(`${server.url}/api/v1/me/subscription`, {
      method: "OPTIONS",
      headers: { Origin: "https://h5.zdn.vn", "Access-Control-Request-Method": "PUT" },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-headers")).toContain("X-Zalo-Access-Token");
  });
});
