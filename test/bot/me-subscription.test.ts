import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { subscriptionResponseSchema } from "@cds/shared";
import { startBotServer, type RunningBotServer } from "../../bot-server/src/server";
import { followerRegistry } from "../../bot-server/src/store/follower-registry";
import { startZaloSandbox, type ZaloSandbox } from "../harness/sandbox";

describe("/api/v1/me/subscription (the mini app's subscribe button)", () => {
  let s: ZaloSandbox;
  let server: RunningBotServer;
  let follower: string;
  let stranger: string;
  const call = (method: string, token?: string) =>
    fetch(`${server.url}/api/v1/me/subscription`, { method, headers: token === undefined ? {} : { "X-Zalo-Access-Token": token } });
  const tokenFor = async (userId: string) => (await s.simJson<{ access_token: string }>("/__sim/miniapp-token", { body: { user_id: userId } })).access_token;

  beforeAll(async () => {
    s = await startZaloSandbox("me");
    server = await startBotServer(s.config, "api", s.logger);
    const seeded = await s.simJson<{ sample_ids: string[] }>("/__sim/followers", { body: { count: 2, active_within_days: 1 } });
    [follower, stranger] = seeded.sample_ids as [string, string];
    // The registry learns followers from webhooks; here only the first one followed since the server ran.
    await followerRegistry(s.redis, s.keys).apply([{ userId: follower, op: "follow", at: Math.floor(Date.now() / 1000) }]);
  });
  afterAll(async () => {
    await server.close();
    await s.close();
  });

  it("subscribes and unsubscribes a follower identified by a Graph-verified token", async () => {
    const token = await tokenFor(follower);
    expect(subscriptionResponseSchema.parse(await (await call("GET", token)).json())).toEqual({ subscribed: false, following: true });
    const put = await call("PUT", token);
    expect(put.status).toBe(200);
    expect(await put.json()).toEqual({ subscribed: true, following: true });
    expect((await followerRegistry(s.redis, s.keys).get(follower))?.subscribed).toBe(true);
    expect(await (await call("DELETE", token)).json()).toEqual({ subscribed: false, following: true });
    expect((await followerRegistry(s.redis, s.keys).get(follower))?.subscribed).toBe(false);
  });

  it("refuses an absent or forged token with 401 and never subscribes", async () => {
    expect((await call("PUT")).status).toBe(401);
    expect((await call("PUT", "forged-token")).status).toBe(401);
    expect((await call("PUT", "")).status).toBe(401);
    expect((await followerRegistry(s.redis, s.keys).counts()).subscribed).toBe(0);
  });

  it("asks a user the registry does not know as a follower to follow the OA first", async () => {
    const res = await call("PUT", await tokenFor(stranger));
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: "not_following" });
  });

  it("answers the browser's preflight for the mini app's origin", async () => {
    const res = await fetch(`${server.url}/api/v1/me/subscription`, { method: "OPTIONS", headers: { Origin: "https://h5.zdn.vn", "Access-Control-Request-Method": "PUT" } });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-headers")).toContain("X-Zalo-Access-Token");
  });
});
