import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningBotServer } from "../../bot-server/src/server";
import { addUser, dropPrefix, request, signIn, startAdminServer } from "./helpers";

describe("the queue view (Bull Board) under /admin/queues", () => {
  let server: RunningBotServer & { prefix: string };
  beforeAll(async () => {
    server = await startAdminServer();
    await addUser(server, "editor", ["editor"]);
    await addUser(server, "admin", ["admin"]);
  });
  afterAll(async () => {
    await dropPrefix(server.redis, server.prefix);
    await server.close();
  });

  it("is for signed-in admins, and changes nothing without the CSRF token", async () => {
    expect((await request(server.url!, "GET", "/admin/queues")).status).toBe(401);
    const editor = await signIn(server.url!, "editor");
    expect((await editor.call("GET", "/admin/queues")).status).toBe(403);
    const admin = await signIn(server.url!, "admin");
    const page = await fetch(`${server.url}/admin/queues`, { headers: { cookie: admin.cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("__UI_CONFIG__");
    const queues = await admin.call("GET", "/admin/queues/api/queues");
    expect(queues.status).toBe(200);
    expect(JSON.stringify(queues.body)).toContain("delivery");
    expect((await admin.call("PUT", "/admin/queues/api/queues/delivery/pause", {}, { csrf: null })).status).toBe(403);
  });
});
