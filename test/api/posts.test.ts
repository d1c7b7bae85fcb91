import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postListResponseSchema, postResponseSchema, type NewsDraft } from "@cds/shared";
import { createPostFromDraft, publishPost } from "../../bot-server/src/domain/posts/posts";
import { createPostRepository } from "../../bot-server/src/store/post-repository";
import { openStore, startApi, type RunningApi, type TestStore } from "./helpers";

const draft = (title: string): NewsDraft => ({
  title,
  summary: "Tóm tắt tuần",
  highlights: [{ indicatorId: "dvc.online_filing_rate", text: "Tỷ lệ hồ sơ nộp trực tuyến đạt 93%" }],
  events: [{ date: "2024-08-27", text: "UBND huyện Cẩm Giàng tổ chức tập huấn" }],
  body: "Đoạn một.\n\nĐoạn <b>hai</b>.",
});

describe("GET /api/v1/posts", () => {
  let store: TestStore;
  let api: RunningApi;
  beforeAll(async () => {
    store = openStore("posts");
    api = await startApi(store.prefix);
  });
  afterAll(async () => {
    await api.close();
    await store.close();
  });

  it("lists only published posts, newest first, and serves one with its body as data", async () => {
    const posts = createPostRepository(store.redis, store.keys);
    await createPostFromDraft(posts, {
      id: "ban-tin-2024-08-30",
      draft: draft("Bản tin tuần 5"),
      periodTo: "2024-08-30",
      by: "editor",
      now: new Date("2024-08-30T10:00:00Z"),
    });
    await createPostFromDraft(posts, {
      id: "nhap",
      draft: draft("Bản nháp"),
      by: "editor",
      now: new Date("2024-08-30T10:00:00Z"),
    });
    expect(postListResponseSchema.parse(await (await fetch(`${api.url}/api/v1/posts`)).json()).posts).toEqual([]);

    await publishPost(posts, "ban-tin-2024-08-30", "approver", new Date("2024-08-30T11:00:00Z"));
    // Each process looks at the shared version at most every 250 ms: the list changes within that.
    const ids = async () =>
      postListResponseSchema.parse(await (await fetch(`${api.url}/api/v1/posts`)).json()).posts.map((p) => p.id);
    await expect.poll(ids).toEqual(["ban-tin-2024-08-30"]);
    const listed = await fetch(`${api.url}/api/v1/posts`);
    expect(listed.headers.get("access-control-allow-origin")).toBe("*");
    const list = postListResponseSchema.parse(await listed.json());
    expect(list.posts.map((p) => p.id)).toEqual(["ban-tin-2024-08-30"]);

    const one = postResponseSchema.parse(await (await fetch(`${api.url}/api/v1/posts/ban-tin-2024-08-30`)).json());
    expect(one).toMatchObject({
      title: "Bản tin tuần 5",
      periodTo: "2024-08-30",
      publishedAt: "2024-08-30T11:00:00.000Z",
    });
    expect(one.body).toContain("<b>hai</b>"); // plain text: the mini app renders it as text, never as HTML
    expect((await fetch(`${api.url}/api/v1/posts/nhap`)).status).toBe(404);
    expect((await fetch(`${api.url}/api/v1/posts/NOT..valid`)).status).toBe(400);
  });

  it("shows a newly published post at once: publishing invalidates the cached list", async () => {
    const posts = createPostRepository(store.redis, store.keys);
    const first = await fetch(`${api.url}/api/v1/posts`);
    const etag = first.headers.get("etag")!;
    expect((await fetch(`${api.url}/api/v1/posts`, { headers: { "If-None-Match": etag } })).status).toBe(304);
    await createPostFromDraft(posts, {
      id: "thong-bao",
      draft: draft("Thông báo"),
      by: "editor",
      now: new Date("2024-08-31T10:00:00Z"),
    });
    await publishPost(posts, "thong-bao", "approver", new Date("2024-08-31T11:00:00Z"));
    const revalidated = async () => {
      const after = await fetch(`${api.url}/api/v1/posts`, { headers: { "If-None-Match": etag } });
      return after.status === 200
        ? postListResponseSchema.parse(await after.json()).posts.map((p) => p.id)
        : after.status;
    };
    await expect.poll(revalidated).toEqual(["thong-bao", "ban-tin-2024-08-30"]);
  });
});
