import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningBotServer } from "../../bot-server/src/server";
import { addUser, dropPrefix, PASSWORD, request, signIn, startAdminServer, type Client } from "./helpers";

describe("the post workflow through the admin API", () => {
  let server: RunningBotServer & { prefix: string };
  let base: string;
  let editor: Client;
  let approver: Client;
  let approver2: Client;
  let writerApprover: Client;

  beforeAll(async () => {
    server = await startAdminServer();
    base = server.url!;
    await addUser(server, "editor", ["editor"]);
    await addUser(server, "approver", ["approver"]);
    await addUser(server, "approver2", ["approver"]);
    await addUser(server, "both", ["editor", "approver"]);
    editor = await signIn(base, "editor");
    approver = await signIn(base, "approver");
    approver2 = await signIn(base, "approver2");
    writerApprover = await signIn(base, "both");
  });
  afterAll(async () => {
    await dropPrefix(server.redis, server.prefix);
    await server.close();
  });

  const write = async (by: Client, title = "Chuyển đổi số tuần 5") => {
    const created = await by.call("POST", "/api/v1/admin/posts", {
      title,
      summary: "93% hồ sơ nộp trực tuyến",
      body: "Nội dung bản tin",
    });
    expect(created.status).toBe(201);
    return String(created.body.id);
  };
  const post = async (id: string) =>
    (await editor.call("GET", `/api/v1/admin/posts/${id}`)).body.post as Record<string, unknown>;

  it("refuses an editor's approval and an approver's approval of their own post", async () => {
    const id = await write(writerApprover);
    expect((await writerApprover.call("POST", `/api/v1/admin/posts/${id}/submit`, {})).status).toBe(200);
    expect((await editor.call("POST", `/api/v1/admin/posts/${id}/approve`, {})).status).toBe(403);
    const own = await writerApprover.call("POST", `/api/v1/admin/posts/${id}/approve`, {});
    expect(own.status).toBe(403);
    expect(own.body.message).toMatch(/chính mình/);
    expect((await approver.call("POST", `/api/v1/admin/posts/${id}/approve`, {})).status).toBe(200);
  });

  it("refuses the last editor's approval too, not only the author's", async () => {
    const id = await write(editor);
    const edited = await writerApprover.call("PATCH", `/api/v1/admin/posts/${id}`, {
      body: "Nội dung đã sửa",
      version: 1,
    });
    expect(edited.status).toBe(200);
    expect((await editor.call("POST", `/api/v1/admin/posts/${id}/submit`, {})).status).toBe(200);
    expect((await writerApprover.call("POST", `/api/v1/admin/posts/${id}/approve`, {})).status).toBe(403);
  });

  it("sends an approved post back to draft when it is edited, and keeps what was approved only while unchanged", async () => {
    const id = await write(editor);
    await editor.call("POST", `/api/v1/admin/posts/${id}/submit`, {});
    const approved = await approver.call("POST", `/api/v1/admin/posts/${id}/approve`, {});
    expect(approved.body.post).toMatchObject({
      status: "approved",
      approval: { by: "approver", contentHash: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
    const version = (approved.body.post as { version: number }).version;
    const edited = await editor.call("PATCH", `/api/v1/admin/posts/${id}`, {
      summary: "94% hồ sơ nộp trực tuyến",
      version,
    });
    expect(edited.status).toBe(200);
    expect(edited.body.post).toMatchObject({ status: "draft", summary: "94% hồ sơ nộp trực tuyến" });
    expect(edited.body.post).not.toHaveProperty("approval");
    // What was approved stays, for the approver to compare the next submission with.
    const approvedSummary = (approved.body.post as { summary: string }).summary;
    expect(edited.body.post).toMatchObject({ lastApproved: { by: "approver", summary: approvedSummary } });
    expect((await approver.call("POST", `/api/v1/admin/posts/${id}/publish`, {})).status).toBe(409);
    // An edit made against the version before is refused: no lost update.
    expect((await editor.call("PATCH", `/api/v1/admin/posts/${id}`, { title: "Cũ", version })).status).toBe(409);
  });

  it("produces one approval from two concurrent approvals", async () => {
    const id = await write(editor);
    await editor.call("POST", `/api/v1/admin/posts/${id}/submit`, {});
    const [a, b] = await Promise.all([
      approver.call("POST", `/api/v1/admin/posts/${id}/approve`, {}),
      approver2.call("POST", `/api/v1/admin/posts/${id}/approve`, {}),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const audit = await approver.call("GET", `/api/v1/admin/audit?post=${id}`);
    const approvals = (audit.body.entries as Array<{ action: string }>).filter((e) => e.action === "post.approved");
    expect(approvals).toHaveLength(1);
    expect((await post(id)).version).toBe(3);
  });

  it("returns a rejected post to draft with the note, publishes an approved one for the mini app, and logs each step", async () => {
    const id = await write(editor);
    await editor.call("POST", `/api/v1/admin/posts/${id}/submit`, {});
    const rejected = await approver.call("POST", `/api/v1/admin/posts/${id}/reject`, {
      note: "Kiểm tra lại số hồ sơ đất đai",
    });
    expect(rejected.body.post).toMatchObject({
      status: "draft",
      rejection: { by: "approver", note: "Kiểm tra lại số hồ sơ đất đai" },
    });
    // A retried request is answered the same, and changes nothing.
    const again = await approver.call("POST", `/api/v1/admin/posts/${id}/reject`, {
      note: "Kiểm tra lại số hồ sơ đất đai",
    });
    expect(again.status).toBe(200);
    expect((again.body.post as { version: number }).version).toBe((rejected.body.post as { version: number }).version);
    await editor.call("POST", `/api/v1/admin/posts/${id}/submit`, {});
    await approver.call("POST", `/api/v1/admin/posts/${id}/approve`, {});
    expect((await request(base, "GET", `/api/v1/posts/${id}`)).status).toBe(404);
    const published = await approver2.call("POST", `/api/v1/admin/posts/${id}/publish`, {});
    expect(published.body.post).toMatchObject({ status: "published", publishedBy: "approver2" });
    expect((await request(base, "GET", `/api/v1/posts/${id}`)).status).toBe(200);
    const audit = await approver.call("GET", `/api/v1/admin/audit?post=${id}&limit=50`);
    expect(
      (audit.body.entries as Array<{ action: string; actor: string }>).map((e) => `${e.actor} ${e.action}`).reverse(),
    ).toEqual([
      "editor post.created",
      "editor post.submitted",
      "approver post.rejected",
      "editor post.submitted",
      "approver post.approved",
      "approver2 post.published",
    ]);
    // Append-only: nothing deletes or edits an entry.
    expect((await approver.call("DELETE", "/api/v1/admin/audit", {})).status).toBe(404);
  });

  it("checks what Zalo needs when a post is submitted, not at send time", async () => {
    const id = await write(editor);
    // A draft written outside the API's limits (the importer's, an older version's): the submit still checks.
    await server.redis.set(server.keys.post(id), JSON.stringify({ ...(await post(id)), title: "T".repeat(151) }));
    const refused = await editor.call("POST", `/api/v1/admin/posts/${id}/submit`, {});
    expect(refused.status).toBe(400);
    expect(refused.body.fields).toHaveProperty("title");
  });

  it("takes a cover only if its bytes are a JPEG or PNG of at most 1 MB, and a new cover needs a new approval", async () => {
    const id = await write(editor);
    const cover = (body: Uint8Array, version: number) =>
      editor.call("POST", `/api/v1/admin/posts/${id}/cover?version=${version}&name=anh.jpg`, body);
    const html = await cover(Buffer.from("<!doctype html><html><body>not an image</body></html>"), 1);
    expect(html.status).toBe(400);
    expect(html.body.message).toMatch(/JPEG hoặc PNG/);
    const jpeg = (size: number) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(size - 4, 3)]);
    const tooBig = await cover(jpeg(1024 * 1024 + 1), 1);
    expect(tooBig.status).toBe(400);
    expect(tooBig.body.message).toMatch(/1 MB/);
    expect((await post(id)).coverImageUrl).toBeUndefined();

    await editor.call("POST", `/api/v1/admin/posts/${id}/submit`, {});
    const approved = await approver.call("POST", `/api/v1/admin/posts/${id}/approve`, {});
    const set = await cover(jpeg(50_000), (approved.body.post as { version: number }).version);
    expect(set.status).toBe(200);
    const url = (set.body.post as { coverImageUrl: string; status: string }).coverImageUrl;
    expect(set.body.post).toMatchObject({ status: "draft" });
    const image = await fetch(url);
    expect(image.status).toBe(200);
    expect(image.headers.get("content-type")).toBe("image/jpeg");
    expect(Buffer.from(await image.arrayBuffer()).equals(jpeg(50_000))).toBe(true);
  });

  it("signs out, and signs out everywhere", async () => {
    const first = await signIn(base, "editor");
    const second = await signIn(base, "editor");
    expect((await first.call("DELETE", "/api/v1/session", {})).status).toBe(200);
    expect((await first.call("GET", "/api/v1/session")).status).toBe(401);
    expect((await second.call("GET", "/api/v1/session")).status).toBe(200);
    expect((await second.call("DELETE", "/api/v1/session", { everywhere: true })).status).toBe(200);
    expect((await editor.call("GET", "/api/v1/session")).status).toBe(401);
    editor = await signIn(base, "editor", PASSWORD);
  });
});
