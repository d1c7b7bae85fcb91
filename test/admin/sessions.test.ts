import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { RunningBotServer } from "../../bot-server/src/server";
import { slotMaster } from "../../bot-server/src/store/slot-master";
import { addUser, dropPrefix, PASSWORD, request, startAdminServer } from "./helpers";

describe("signing in", () => {
  let one: RunningBotServer & { prefix: string };
  let two: RunningBotServer & { prefix: string };

  beforeAll(async () => {
    one = await startAdminServer();
    // A second API process on the same data: limits must hold across both.
    two = await startAdminServer(one.prefix);
    await addUser(one, "editor", ["editor"]);
    await addUser(one, "victim", ["approver"]);
  });
  afterAll(async () => {
    await dropPrefix(one.redis, one.prefix);
    await two.close();
    await one.close();
  });

  /** The failures counted per address forgotten, as when their window ends (on the server of the prefix's slot). */
  const clearAddressCounts = async () => {
    const server = await slotMaster(one.redis, one.keys.users);
    const keys = await server.keys(one.keys.signInFailures("a:*"));
    if (keys.length) await server.del(...keys);
  };

  /** Each test starts with no failures counted for the test's address (as after the window). */
  beforeEach(async () => {
    await clearAddressCounts();
  });

  const attempt = (server: RunningBotServer, username: string, password: string, cookie?: string) =>
    request(server.url!, "POST", "/api/v1/session", { body: { username, password }, ...(cookie && { cookie }) });

  it("answers an unknown user and a wrong password the same way", async () => {
    const unknown = await attempt(one, "nobody", "whatever-password");
    const wrong = await attempt(one, "editor", "whatever-password");
    expect([unknown.status, wrong.status]).toEqual([401, 401]);
    expect(unknown.body).toEqual(wrong.body);
  });

  it("never keeps a session id planted before sign-in, and sets the cookie HttpOnly and SameSite=Strict", async () => {
    const planted = "cds_session=PlantedByAnAttacker0123456789abcdef";
    const res = await attempt(one, "editor", PASSWORD, planted);
    expect(res.status).toBe(200);
    // What the person may do comes with them: an editor writes and submits, and does not approve.
    const permissions = (res.body.user as { permissions: string[] }).permissions;
    expect(permissions).toEqual(expect.arrayContaining(["post.write", "post.submit", "report.write"]));
    expect(permissions).not.toContain("post.approve");
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie.split(";")[0]).not.toBe(planted);
    expect((await request(one.url!, "GET", "/api/v1/session", { cookie: planted })).status).toBe(401);
    expect((await request(one.url!, "GET", "/api/v1/session", { cookie: cookie.split(";")[0]! })).status).toBe(200);
  });

  it("throttles 20 wrong passwords from one address across two API processes, with Retry-After", async () => {
    for (let n = 0; n < 20; n++) {
      const res = await attempt(n % 2 === 0 ? one : two, `guess${n}`, "wrong-password-123");
      expect(res.status, `attempt ${n + 1}`).toBe(401);
    }
    const blocked = await attempt(two, "editor", PASSWORD);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(blocked.body.message).toMatch(/thử lại sau/);
    // The address's count is what blocks: cleared (as its window would), the right password works again.
    await clearAddressCounts();
    expect((await attempt(one, "editor", PASSWORD)).status).toBe(200);
  });

  it("throttles one account after 5 wrong passwords, on either process", async () => {
    for (let n = 0; n < 5; n++)
      expect((await attempt(n % 2 === 0 ? one : two, "victim", `wrong-${n}-password`)).status).toBe(401);
    expect((await attempt(two, "victim", PASSWORD)).status).toBe(429);
    const audit = await one.redis.xrevrange(one.keys.audit, "+", "-", "COUNT", 20);
    expect(audit.map(([, fields]) => JSON.parse(fields[1]!).action)).toContain("session.throttled");
  });
});
