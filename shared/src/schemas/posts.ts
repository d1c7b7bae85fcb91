import { z } from "zod";
import { isoDateSchema } from "./indicators";

/**
 * A news post draft for citizens: what the importer proposes from a weekly report and an editor revises
 * before approval. It becomes a Zalo article, hence the article limits (ZALO-PLATFORM: title ≤ 150 and
 * description ≤ 300 characters).
 */
export const NEWS_LIMITS = { title: 150, summary: 300 } as const;

export const newsDraftSchema = z.object({
  title: z.string().trim().min(1).max(NEWS_LIMITS.title),
  /** The article's description: one or two sentences shown under the title. */
  summary: z.string().trim().min(1).max(NEWS_LIMITS.summary),
  /** The week's figures worth a line each; `indicatorId` links a line to the catalogue. */
  highlights: z.array(z.object({ indicatorId: z.string().optional(), text: z.string().trim().min(1) })),
  /** Dated events of the week (trainings, conferences, decisions), in date order. */
  events: z.array(z.object({ date: isoDateSchema, text: z.string().trim().min(1) })),
  /** Plain text; paragraphs are separated by a blank line. */
  body: z.string().trim().min(1),
});

export type NewsDraft = z.output<typeof newsDraftSchema>;

/** A published news post as the public API serves it (`GET /api/v1/posts`, newest first). */
export const postSummarySchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,80}$/),
  title: z.string(),
  summary: z.string(),
  publishedAt: z.string().datetime(),
  /** The indicator week the post reports on (a snapshot id), when it is a weekly bulletin. */
  periodTo: isoDateSchema.optional(),
  coverImageUrl: z.string().url().optional(),
});
export type PostSummary = z.output<typeof postSummarySchema>;

export const postListResponseSchema = z.object({ posts: z.array(postSummarySchema) });
export type PostListResponse = z.output<typeof postListResponseSchema>;

/** One post (`GET /api/v1/posts/:id`): the draft's content as approved, plain text only. */
export const postResponseSchema = postSummarySchema.extend({
  body: z.string(),
  highlights: newsDraftSchema.shape.highlights,
  events: newsDraftSchema.shape.events,
});
export type PostResponse = z.output<typeof postResponseSchema>;

/** The citizen's digest subscription (`/api/v1/me/subscription`). */
export const subscriptionResponseSchema = z.object({
  subscribed: z.boolean(),
  /** Whether the registry knows the user as a follower of the OA (the digest needs that). */
  following: z.boolean(),
});
export type SubscriptionResponse = z.output<typeof subscriptionResponseSchema>;

/**
 * A post's life: written (draft), put to an approver (submitted), approved as it stands (approved), then
 * either sent to followers (scheduled → sending → sent | partially_sent | failed | uncertain, or cancelled)
 * or published on the mini app alone (published). A rejection or any edit returns it to draft.
 */
export const POST_STATUSES = [
  "draft",
  "submitted",
  "approved",
  "scheduled",
  "sending",
  "sent",
  "partially_sent",
  "cancelled",
  "failed",
  "uncertain",
  "published",
] as const;
export type PostStatus = (typeof POST_STATUSES)[number];

/** A post the public sees (the mini app's news): published alone, or sent to followers, in full or in part. */
export function isPublic(p: { status: PostStatus; publishedAt?: string }): boolean {
  return (
    p.publishedAt !== undefined && (p.status === "published" || p.status === "sent" || p.status === "partially_sent")
  );
}

const byAt = z.object({ by: z.string().min(1), at: z.string().datetime() });

/** A post as stored: the draft's content plus its life cycle. */
export const postSchema = postResponseSchema.omit({ publishedAt: true }).extend({
  status: z.enum(POST_STATUSES),
  /** Bumped by every change: a change made against an older version is refused (no lost update, no race). */
  version: z.number().int().min(1).default(1),
  createdAt: z.string().datetime(),
  createdBy: z.string().min(1),
  /** Who last changed the content (the importer's system account for a draft it wrote). */
  updatedAt: z.string().datetime().optional(),
  updatedBy: z.string().optional(),
  submitted: byAt.optional(),
  /** The approval covers exactly this content (its hash): any later edit returns the post to draft. */
  approval: byAt.extend({ contentHash: z.string() }).optional(),
  rejection: byAt.extend({ note: z.string() }).optional(),
  /** The content of the last approval, kept through later edits: what an approver compares a resubmission with. */
  lastApproved: byAt
    .extend({ title: z.string(), summary: z.string(), body: z.string(), coverImageUrl: z.string().optional() })
    .optional(),
  publishedAt: z.string().datetime().optional(),
  publishedBy: z.string().optional(),
});
export type Post = z.output<typeof postSchema>;

/** Limits checked when a post is submitted: Zalo's article fields, and the CS digest message. */
export const POST_LIMITS = {
  title: NEWS_LIMITS.title,
  summary: NEWS_LIMITS.summary,
  body: 20_000,
  digest: 2_000,
} as const;

/** What an editor writes (`POST /api/v1/admin/posts`). */
export const postInputSchema = z.strictObject({
  title: z
    .string()
    .trim()
    .min(1, "Tiêu đề không được để trống")
    .max(POST_LIMITS.title, `Tiêu đề tối đa ${POST_LIMITS.title} ký tự (giới hạn của Zalo)`),
  summary: z
    .string()
    .trim()
    .min(1, "Mô tả không được để trống")
    .max(POST_LIMITS.summary, `Mô tả tối đa ${POST_LIMITS.summary} ký tự (giới hạn của Zalo)`),
  body: z
    .string()
    .trim()
    .min(1, "Nội dung không được để trống")
    .max(POST_LIMITS.body, `Nội dung tối đa ${POST_LIMITS.body} ký tự`),
});
export type PostInput = z.output<typeof postInputSchema>;

/** An edit (`PATCH`): any of the fields, and the version the editor saw. */
export const postPatchSchema = postInputSchema
  .partial()
  .extend({ version: z.number().int().min(1, "Thiếu phiên bản của bài viết") });
export type PostPatch = z.output<typeof postPatchSchema>;
