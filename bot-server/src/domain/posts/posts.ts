import type { NewsDraft, Post, PostResponse, PostSummary } from "@cds/shared";
import type { PostRepository } from "./ports";

/** The weekly bulletin of a snapshot week has a stable id, so importing a report twice makes one post. */
export function bulletinId(periodTo: string): string {
  return `ban-tin-${periodTo}`;
}

export async function createPostFromDraft(
  posts: PostRepository,
  input: { id: string; draft: NewsDraft; periodTo?: string; by: string; now: Date },
): Promise<{ post: Post; created: boolean }> {
  const post: Post = {
    id: input.id,
    title: input.draft.title,
    summary: input.draft.summary,
    body: input.draft.body,
    highlights: input.draft.highlights,
    events: input.draft.events,
    ...(input.periodTo ? { periodTo: input.periodTo } : {}),
    status: "draft",
    version: 1,
    createdAt: input.now.toISOString(),
    createdBy: input.by,
  };
  const created = await posts.createIfAbsent(post);
  return { post: created ? post : ((await posts.get(input.id)) ?? post), created };
}

/** Publishing is idempotent: a published post keeps its first publication time. */
export async function publishPost(posts: PostRepository, id: string, by: string, now: Date): Promise<Post> {
  const post = await posts.get(id);
  if (!post) throw new Error(`no post ${id}`);
  if (post.status === "published" && post.publishedAt) return post;
  const published = { ...post, status: "published" as const, publishedAt: now.toISOString(), publishedBy: by };
  await posts.savePublished(published);
  return published;
}

export function toPostSummary(p: Post): PostSummary {
  return {
    id: p.id,
    title: p.title,
    summary: p.summary,
    publishedAt: p.publishedAt ?? p.createdAt,
    ...(p.periodTo ? { periodTo: p.periodTo } : {}),
    ...(p.coverImageUrl ? { coverImageUrl: p.coverImageUrl } : {}),
  };
}

export function toPostResponse(p: Post): PostResponse {
  return { ...toPostSummary(p), body: p.body, highlights: p.highlights, events: p.events };
}
