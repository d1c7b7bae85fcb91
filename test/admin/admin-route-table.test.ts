import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { can } from "../../bot-server/src/domain/accounts/roles";
import { adminRouteTable, type AdminDeps } from "../../bot-server/src/http/routes/admin";
import { changesState } from "../../bot-server/src/http/routes/admin/route-table";
import type { SendRecord } from "../../bot-server/src/domain/delivery/ports";
import { createFollowerRegistry } from "../../bot-server/src/store/follower-registry";
import { createSendRepository } from "../../bot-server/src/store/send-repository";
import { createChatRepository } from "../../bot-server/src/store/chat-repository";
import type { RunningBotServer } from "../../bot-server/src/server";
import { addUser, dropPrefix, request, signIn, startAdminServer, type Client } from "./helpers";

/**
 * Generated from the admin route table: every route is checked for no session (401), each role without
 * its permission (403), a missing or wrong CSRF token on a change (403), invalid input (400) and the right
 * role (2xx). A route added to the table without an example below fails here.
 */
const table = adminRouteTable({} as AdminDeps);

interface Ctx {
  editor: Client;
  approver2: Client;
  seq: number;
  /** A send in a given state, written straight to the store (no worker runs here). */
  sendIn(state: "sending" | "paused" | "waiting_for_person" | "done", broadcast?: "uncertain"): Promise<string>;
  /** A follower's question the chatbot could not answer; its id. */
  question(): Promise<string>;
}

interface Input {
  body?: unknown;
  query?: string;
}

interface Example {
  /** The path with its parameters filled, made ready (a post in the right state…) for one request; with inputs that depend on it. */
  prepare(ctx: Ctx): Promise<string | { path: string; valid: Input; invalid?: Input }>;
  valid: Input;
  invalid: Input | null;
  ok: number;
}

const newPost = async (ctx: Ctx) => {
  const created = await ctx.editor.call("POST", "/api/v1/admin/posts", {
    title: `Bài thử ${++ctx.seq}`,
    summary: "Tóm tắt",
    body: "Nội dung",
  });
  return String(created.body.id);
};
const submitted = async (ctx: Ctx) => {
  const id = await newPost(ctx);
  expect((await ctx.editor.call("POST", `/api/v1/admin/posts/${id}/submit`, {})).status).toBe(200);
  return id;
};
const approvedByApprover2 = async (ctx: Ctx) => {
  const id = await submitted(ctx);
  expect((await ctx.approver2.call("POST", `/api/v1/admin/posts/${id}/approve`, {})).status).toBe(200);
  return id;
};
/** A username the test creates (as an editor) just before the request, in `target()`. */
const freshUsername = async (ctx: Ctx) => `nguoidung${++ctx.seq}`;

const STRONG = "một mật khẩu đủ dài và khó đoán";
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(4000, 1)]);
const REPORT = readFileSync(new URL("../fixtures/reports/bao-cao-tuan-5-thang-8-2024.txt", import.meta.url));
const WEEK = "2024-08-30";
/** The founding report uploaded again: a new draft revision of its week, whose number is returned. */
const uploaded = async (ctx: Ctx) => {
  const res = await ctx.editor.call("POST", "/api/v1/admin/reports?name=bao-cao.txt", REPORT);
  expect(res.status).toBe(201);
  return (res.body.snapshot as { revision: number }).revision;
};
const published = async (ctx: Ctx) => {
  const revision = await uploaded(ctx);
  expect((await ctx.approver2.call("POST", `/api/v1/admin/reports/${WEEK}/publish`, { revision })).status).toBe(200);
};
const EXAMPLES: Record<string, Example> = {
  "get /api/v1/admin/posts": {
    prepare: async () => "/api/v1/admin/posts",
    valid: { query: "?status=draft,submitted" },
    invalid: { query: "?status=bogus" },
    ok: 200,
  },
  "post /api/v1/admin/posts": {
    prepare: async () => "/api/v1/admin/posts",
    valid: { body: { title: "Chuyển đổi số tuần này", summary: "Tóm tắt", body: "Nội dung" } },
    invalid: { body: { title: "", summary: "x".repeat(301), body: "b" } },
    ok: 201,
  },
  "get /api/v1/admin/posts/:id": {
    prepare: async (ctx) => `/api/v1/admin/posts/${await newPost(ctx)}`,
    valid: {},
    invalid: null,
    ok: 200,
  },
  "patch /api/v1/admin/posts/:id": {
    prepare: async (ctx) => `/api/v1/admin/posts/${await newPost(ctx)}`,
    valid: { body: { title: "Tiêu đề mới", version: 1 } },
    invalid: { body: { title: "t".repeat(151), version: 1 } },
    ok: 200,
  },
  "post /api/v1/admin/posts/:id/cover": {
    prepare: async (ctx) => `/api/v1/admin/posts/${await newPost(ctx)}/cover`,
    valid: { query: "?version=1", body: JPEG },
    invalid: { query: "?version=1", body: Buffer.from("<html><script>alert(1)</script></html>") },
    ok: 200,
  },
  "get /api/v1/admin/posts/:id/plan": {
    prepare: async (ctx) => `/api/v1/admin/posts/${await newPost(ctx)}/plan`,
    valid: { query: "?at=2026-12-04T09:00:00%2B07:00" },
    invalid: { query: "?at=ngay-mai" },
    ok: 200,
  },
  "post /api/v1/admin/posts/:id/test-send": {
    prepare: async (ctx) => `/api/v1/admin/posts/${await newPost(ctx)}/test-send`,
    valid: { body: {} },
    invalid: { body: { to: "everyone" } },
    ok: 200,
  },
  "post /api/v1/admin/posts/:id/schedule": {
    prepare: async (ctx) => `/api/v1/admin/posts/${await approvedByApprover2(ctx)}/schedule`,
    valid: { body: { at: new Date(Date.now() + 7 * 24 * 3600_000).toISOString() } },
    invalid: { body: { at: "sớm nhất có thể" } },
    ok: 200,
  },
  "delete /api/v1/admin/posts/:id/schedule": {
    prepare: async (ctx) => {
      const id = await approvedByApprover2(ctx);
      expect(
        (
          await ctx.approver2.call("POST", `/api/v1/admin/posts/${id}/schedule`, {
            at: new Date(Date.now() + 7 * 24 * 3600_000).toISOString(),
          })
        ).status,
      ).toBe(200);
      return `/api/v1/admin/posts/${id}/schedule`;
    },
    valid: { body: {} },
    invalid: { body: { now: true } },
    ok: 200,
  },
  "get /api/v1/admin/posts/:id/send": {
    prepare: async (ctx) => `/api/v1/admin/posts/${await ctx.sendIn("sending")}/send`,
    valid: {},
    invalid: null,
    ok: 200,
  },
  "post /api/v1/admin/posts/:id/send/pause": {
    prepare: async (ctx) => `/api/v1/admin/posts/${await ctx.sendIn("sending")}/send/pause`,
    valid: { body: { reason: "Số liệu cần kiểm tra lại" } },
    invalid: { body: { reason: "" } },
    ok: 200,
  },
  "post /api/v1/admin/posts/:id/send/resume": {
    prepare: async (ctx) => `/api/v1/admin/posts/${await ctx.sendIn("paused")}/send/resume`,
    valid: { body: {} },
    invalid: { body: { fast: true } },
    ok: 200,
  },
  "post /api/v1/admin/posts/:id/send/cancel": {
    prepare: async (ctx) => `/api/v1/admin/posts/${await ctx.sendIn("sending")}/send/cancel`,
    valid: { body: {} },
    invalid: { body: { all: 1 } },
    ok: 200,
  },
  "post /api/v1/admin/posts/:id/send/proceed": {
    prepare: async (ctx) => `/api/v1/admin/posts/${await ctx.sendIn("waiting_for_person")}/send/proceed`,
    valid: { body: {} },
    invalid: { body: { force: true } },
    ok: 200,
  },
  "post /api/v1/admin/posts/:id/send/retry-failed": {
    prepare: async (ctx) => `/api/v1/admin/posts/${await ctx.sendIn("done")}/send/retry-failed`,
    valid: { body: {} },
    invalid: { body: { everyone: true } },
    ok: 200,
  },
  "post /api/v1/admin/posts/:id/send/broadcast": {
    prepare: async (ctx) => `/api/v1/admin/posts/${await ctx.sendIn("sending", "uncertain")}/send/broadcast`,
    valid: { body: { wentOut: true } },
    invalid: { body: { wentOut: "có lẽ" } },
    ok: 200,
  },
  "post /api/v1/admin/posts/:id/submit": {
    prepare: async (ctx) => `/api/v1/admin/posts/${await newPost(ctx)}/submit`,
    valid: { body: {} },
    invalid: { body: { now: true } },
    ok: 200,
  },
  "post /api/v1/admin/posts/:id/approve": {
    prepare: async (ctx) => `/api/v1/admin/posts/${await submitted(ctx)}/approve`,
    valid: { body: {} },
    invalid: { body: { force: true } },
    ok: 200,
  },
  "post /api/v1/admin/posts/:id/reject": {
    prepare: async (ctx) => `/api/v1/admin/posts/${await submitted(ctx)}/reject`,
    valid: { body: { note: "Sửa số liệu mục 4.3" } },
    invalid: { body: { note: "" } },
    ok: 200,
  },
  "post /api/v1/admin/posts/:id/publish": {
    prepare: async (ctx) => `/api/v1/admin/posts/${await approvedByApprover2(ctx)}/publish`,
    valid: { body: {} },
    invalid: { body: { at: "now" } },
    ok: 200,
  },
  "post /api/v1/admin/reports": {
    prepare: async () => "/api/v1/admin/reports",
    valid: { query: "?name=bao-cao-tuan-5.txt", body: REPORT },
    invalid: { query: "?name=anh.png", body: REPORT },
    ok: 201,
  },
  "get /api/v1/admin/reports/:week": {
    prepare: async (ctx) => (await uploaded(ctx), `/api/v1/admin/reports/${WEEK}`),
    valid: {},
    invalid: null,
    ok: 200,
  },
  "patch /api/v1/admin/reports/:week": {
    prepare: async (ctx) => {
      const revision = await uploaded(ctx);
      return {
        path: `/api/v1/admin/reports/${WEEK}`,
        valid: { body: { revision, changes: { "smart_hd.installs": { value: 45930, change: 91 } } } },
      };
    },
    valid: {},
    invalid: { body: { revision: 0, changes: {} } },
    ok: 200,
  },
  "post /api/v1/admin/reports/:week/publish": {
    prepare: async (ctx) => ({
      path: `/api/v1/admin/reports/${WEEK}/publish`,
      valid: { body: { revision: await uploaded(ctx) } },
    }),
    valid: {},
    invalid: { body: { revision: "latest" } },
    ok: 200,
  },
  "post /api/v1/admin/reports/:week/corrections": {
    prepare: async (ctx) => (await published(ctx), `/api/v1/admin/reports/${WEEK}/corrections`),
    valid: { body: { changes: { "smart_hd.installs": { value: 45931 } }, note: "Số cài đặt cập nhật theo EMC" } },
    invalid: { body: { changes: {}, note: "" } },
    ok: 200,
  },
  "get /api/v1/admin/posts/:id/preview": {
    prepare: async (ctx) => `/api/v1/admin/posts/${await newPost(ctx)}/preview`,
    valid: {},
    invalid: null,
    ok: 200,
  },
  "get /api/v1/admin/reports": {
    prepare: async () => "/api/v1/admin/reports",
    valid: { query: "?limit=10" },
    invalid: { query: "?limit=0" },
    ok: 200,
  },
  "get /api/v1/admin/questions": {
    prepare: async () => "/api/v1/admin/questions",
    valid: { query: "?state=all" },
    invalid: { query: "?state=bogus" },
    ok: 200,
  },
  // No Zalo here: the answer is refused with its reason (answers reaching the simulator: questions.test.ts).
  "post /api/v1/admin/questions/:id/answer": {
    prepare: async (ctx) => `/api/v1/admin/questions/${await ctx.question()}/answer`,
    valid: { body: { text: "Cảm ơn bạn, Sở sẽ trả lời sớm." } },
    invalid: { body: { text: "" } },
    ok: 409,
  },
  "post /api/v1/admin/questions/:id/handled": {
    prepare: async (ctx) => `/api/v1/admin/questions/${await ctx.question()}/handled`,
    valid: { body: {} },
    invalid: { body: { x: 1 } },
    ok: 200,
  },
  "get /api/v1/admin/users": { prepare: async () => "/api/v1/admin/users", valid: {}, invalid: null, ok: 200 },
  "post /api/v1/admin/users": {
    prepare: async () => "/api/v1/admin/users",
    valid: { body: { username: `moi${Date.now() % 100000}`, name: "Người mới", roles: ["editor"], password: STRONG } },
    invalid: { body: { username: "x", roles: ["king"], password: "ngắn" } },
    ok: 201,
  },
  "patch /api/v1/admin/users/:username": {
    prepare: async (ctx) => `/api/v1/admin/users/${await freshUsername(ctx)}`,
    valid: { body: { roles: ["approver"] } },
    invalid: { body: { roles: [] } },
    ok: 200,
  },
  "post /api/v1/admin/users/:username/password": {
    prepare: async (ctx) => `/api/v1/admin/users/${await freshUsername(ctx)}/password`,
    valid: { body: { password: STRONG } },
    invalid: { body: { password: "ngắn" } },
    ok: 200,
  },
  "get /api/v1/admin/audit": {
    prepare: async () => "/api/v1/admin/audit",
    valid: { query: "?limit=10" },
    invalid: { query: "?from=hôm-qua" },
    ok: 200,
  },
};

describe("every admin route, from the route table", () => {
  let server: RunningBotServer & { prefix: string };
  let base: string;
  const clients: Record<string, Client> = {};
  const ROLE_USERS = { editor: ["editor"], approver: ["approver"], admin: ["admin"] } as const;
  let ctx: Ctx;

  beforeAll(async () => {
    server = await startAdminServer();
    base = server.url!;
    for (const [name, roles] of Object.entries(ROLE_USERS)) await addUser(server, name, [...roles]);
    await addUser(server, "approver2", ["approver"]);
    for (const name of [...Object.keys(ROLE_USERS), "approver2"]) clients[name] = await signIn(base, name);
    const sends = createSendRepository(server.redis, server.keys, createFollowerRegistry(server.redis, server.keys));
    ctx = {
      editor: clients.editor!,
      approver2: clients.approver2!,
      seq: 0,
      async sendIn(state, broadcast) {
        const id = await approvedByApprover2(ctx);
        const plan = (await clients.editor!.call("GET", `/api/v1/admin/posts/${id}/plan`)).body
          .plan as SendRecord["plan"];
        await sends.save({
          postId: id,
          state,
          scheduledFor: new Date().toISOString(),
          scheduledBy: "approver2",
          plan,
          startedAt: new Date().toISOString(),
          digest: { state: "none", recipients: 0, batches: 0 },
        });
        await sends.saveBroadcast(id, { state: broadcast ?? "skipped" });
        // A finished send with one recipient whose message failed.
        if (state === "done") await server.redis.setbit(server.keys.send(id).failed, 0, 1);
        return id;
      },
      async question() {
        const id = `q-${++ctx.seq}`;
        await createChatRepository(server.redis, server.keys).keepUnanswered({
          id,
          userId: "5599000000000000001",
          text: "Khi nào có wifi miễn phí?",
          at: new Date().toISOString(),
        });
        return id;
      },
    };
  });
  afterAll(async () => {
    await dropPrefix(server.redis, server.prefix);
    await server.close();
  });

  it("reports each send under way in /metrics", async () => {
    const id = await ctx.sendIn("paused");
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain(`delivery_send_recipients{post="${id}",outcome="remaining"} 0`);
    expect(metrics).toContain(`delivery_send_recipients{post="${id}",outcome="sent"} 0`);
  });

  it("has an example for every route", () => {
    for (const r of table)
      expect(EXAMPLES[`${r.method} ${r.path}`], `no example for ${r.method.toUpperCase()} ${r.path}`).toBeDefined();
  });

  for (const route of table) {
    const key = `${route.method} ${route.path}`;
    const name = `${route.method.toUpperCase()} ${route.path}`;
    it(`${name}: 401 without a session, 403 for each role without ${route.permission}${changesState(route) ? ", 403 without or with a wrong CSRF token" : ""}, 400 for bad input, 2xx for the right role`, async () => {
      const ex = EXAMPLES[key];
      expect(ex, `no example for ${name}`).toBeDefined();
      if (!ex) return;
      // The user whose account may do this (for user routes: patch/password the users the example created).
      const right = Object.entries(ROLE_USERS).find(([, roles]) => can([...roles], route.permission))![0];
      const method = route.method.toUpperCase();
      /** A prepared request: its URL (with the query) and body, valid or not. */
      const target = async (which: "valid" | "invalid") => {
        const prepared = await ex.prepare(ctx);
        const { path, valid, invalid } =
          typeof prepared === "string"
            ? { path: prepared, valid: ex.valid, invalid: ex.invalid ?? undefined }
            : { invalid: ex.invalid ?? undefined, ...prepared };
        if (path.startsWith("/api/v1/admin/users/")) {
          const username = path.split("/")[5]!;
          if (!(await server.redis.hexists(server.keys.users, username))) await addUser(server, username, ["editor"]);
        }
        const input = (which === "valid" ? { ...ex.valid, ...valid } : invalid) ?? {};
        return { url: `${path}${input.query ?? ""}`, body: input.body };
      };

      const anonymous = await target("valid");
      expect((await request(base, method, anonymous.url, { body: anonymous.body })).status, "no session").toBe(401);
      for (const [user, roles] of Object.entries(ROLE_USERS)) {
        if (can([...roles], route.permission)) continue;
        const t = await target("valid");
        expect((await clients[user]!.call(method, t.url, t.body)).status, `${user} has no ${route.permission}`).toBe(
          403,
        );
      }
      if (changesState(route)) {
        const t = await target("valid");
        expect((await clients[right]!.call(method, t.url, t.body, { csrf: null })).status, "no CSRF token").toBe(403);
        expect(
          (await clients[right]!.call(method, t.url, t.body, { csrf: "forged-token-0000000000000000000000000000000" }))
            .status,
          "wrong CSRF token",
        ).toBe(403);
      }
      if (ex.invalid) {
        const t = await target("invalid");
        const bad = await clients[right]!.call(method, t.url, t.body);
        expect(bad.status, JSON.stringify(bad.body)).toBe(400);
        expect(bad.body.fields, "field-level messages").toBeTypeOf("object");
      }
      const t = await target("valid");
      const good = await clients[right]!.call(method, t.url, t.body);
      expect(good.status, JSON.stringify(good.body)).toBe(ex.ok);
    });
  }
});
