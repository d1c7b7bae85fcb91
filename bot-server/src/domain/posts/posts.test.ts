import { describe, expect, it } from "vitest";
import type { NewsDraft } from "@cds/shared";
import { createMemoryPostRepository } from "../../../../test/harness/memory-store";
import { bulletinId, createPostFromDraft, publishPost } from "./posts";

const draft = (title: string): NewsDraft => ({
  title,
  summary: "Tóm tắt tuần",
  highlights: [],
  events: [],
  body: "Nội dung",
});

describe("posts from the importer's drafts", () => {
  it("make one bulletin per week however often the report is imported, keeping the first draft", async () => {
    const posts = createMemoryPostRepository();
    const id = bulletinId("2024-08-30");
    const first = await createPostFromDraft(posts, {
      id,
      draft: draft("Bản tin tuần"),
      periodTo: "2024-08-30",
      by: "importer",
      now: new Date("2024-08-30T10:00:00Z"),
    });
    const again = await createPostFromDraft(posts, {
      id,
      draft: draft("Bản tin nhập lại"),
      periodTo: "2024-08-30",
      by: "importer",
      now: new Date("2024-08-31T10:00:00Z"),
    });
    expect(first.created).toBe(true);
    expect(again).toMatchObject({
      created: false,
      post: { title: "Bản tin tuần", createdAt: "2024-08-30T10:00:00.000Z" },
    });
    expect(await posts.list({ limit: 10 })).toHaveLength(1);
  });

  it("are published once: a second publication keeps the first time and publisher", async () => {
    const posts = createMemoryPostRepository();
    const { post } = await createPostFromDraft(posts, {
      id: "tin-1",
      draft: draft("Tin"),
      by: "editor",
      now: new Date("2024-08-30T10:00:00Z"),
    });
    await publishPost(posts, post.id, "approver", new Date("2024-08-31T02:00:00Z"));
    const second = await publishPost(posts, post.id, "other", new Date("2024-09-01T02:00:00Z"));
    expect(second).toMatchObject({ publishedAt: "2024-08-31T02:00:00.000Z", publishedBy: "approver" });
    expect((await posts.listPublished(10)).map((p) => p.id)).toEqual(["tin-1"]);
    await expect(publishPost(posts, "none", "approver", new Date())).rejects.toThrow("no post none");
  });
});
