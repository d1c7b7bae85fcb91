import { createHash, randomBytes } from "node:crypto";
import { POST_LIMITS, stripDiacritics, type Post, type PostInput, type PostPatch, type PostStatus } from "@cds/shared";
import type { User } from "../accounts/ports";
import { can, type Permission } from "../accounts/roles";
import type { AuditLog } from "../audit/audit-log";
import type { PostRepository } from "./ports";
import { digestText } from "../delivery/outgoing";

/**
 * The post workflow, one function per transition: each checks the actor's role and the post's state,
 * changes the post with a compare-and-set on its version (two transitions can never both apply), records
 * the change in the audit log, and can be retried without doing it twice.
 */
export interface WorkflowDeps {
  posts: PostRepository;
  audit: AuditLog;
  now: () => Date;
}

export interface Actor {
  user: User;
  address: string;
}

export type WorkflowErrorCode = "forbidden" | "not_found" | "conflict" | "invalid";

/** A refusal the caller can show: Vietnamese message, field-level details for invalid input. */
export class WorkflowError extends Error {
  constructor(
    readonly code: WorkflowErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
  }
}

/** What an approval covers: every field a follower sees. */
export function contentHash(
  p: Pick<Post, "title" | "summary" | "body" | "highlights" | "events" | "coverImageUrl">,
): string {
  const content = {
    title: p.title,
    summary: p.summary,
    body: p.body,
    highlights: p.highlights,
    events: p.events,
    cover: p.coverImageUrl ?? null,
  };
  return createHash("sha256").update(JSON.stringify(content)).digest("hex");
}

/** Problems that keep a post from reaching Zalo, found when it is submitted rather than at send time. */
export function sendabilityProblems(p: Post): Record<string, string> {
  const problems: Record<string, string> = {};
  const length = (s: string) => s.normalize("NFC").length;
  if (length(p.title) === 0 || length(p.title) > POST_LIMITS.title)
    problems.title = `Tiêu đề cần từ 1 đến ${POST_LIMITS.title} ký tự (giới hạn của Zalo)`;
  if (length(p.summary) === 0 || length(p.summary) > POST_LIMITS.summary)
    problems.summary = `Mô tả cần từ 1 đến ${POST_LIMITS.summary} ký tự (giới hạn của Zalo)`;
  if (length(p.body) === 0) problems.body = "Nội dung không được để trống";
  if (length(digestText(p)) > POST_LIMITS.digest)
    problems.digest = `Tin nhắn tóm tắt gửi người đăng ký dài quá ${POST_LIMITS.digest} ký tự`;
  return problems;
}

export function mustBeAllowed(actor: Actor, permission: Permission): void {
  if (!can(actor.user.roles, permission))
    throw new WorkflowError("forbidden", "Bạn không có quyền thực hiện thao tác này");
}

export async function load(deps: Pick<WorkflowDeps, "posts">, id: string): Promise<Post> {
  const post = await deps.posts.get(id);
  if (!post) throw new WorkflowError("not_found", "Không tìm thấy bài viết");
  return post;
}

/**
 * Writes the next version of a post, or explains that someone else changed it first; `by` is a person, or
 * the delivery engine ("system").
 */
export async function commitPost(
  deps: Pick<WorkflowDeps, "posts" | "audit">,
  by: { username: string; address: string },
  before: Post,
  after: Post,
  action: string,
  details?: Record<string, unknown>,
): Promise<Post> {
  const next = { ...after, version: before.version + 1 };
  if (!(await deps.posts.replaceIfVersion(next, before.version))) {
    throw new WorkflowError("conflict", "Bài viết vừa được người khác thay đổi: tải lại rồi thử lại");
  }
  await deps.audit.append({
    actor: by.username,
    address: by.address,
    action,
    target: `post:${before.id}`,
    ...(details && { details }),
  });
  return next;
}

function commit(
  deps: WorkflowDeps,
  actor: Actor,
  before: Post,
  after: Post,
  action: string,
  details?: Record<string, unknown>,
): Promise<Post> {
  return commitPost(deps, { username: actor.user.username, address: actor.address }, before, after, action, details);
}

function slug(title: string): string {
  const base = stripDiacritics(title)
    .toLowerCase()
    .replace(/đ/g, "d")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 60);
  return `${base || "bai-viet"}-${randomBytes(3).toString("hex")}`;
}

export async function createPost(deps: WorkflowDeps, actor: Actor, input: PostInput): Promise<Post> {
  mustBeAllowed(actor, "post.write");
  const now = deps.now().toISOString();
  const post: Post = {
    id: slug(input.title),
    ...input,
    highlights: [],
    events: [],
    status: "draft",
    version: 1,
    createdAt: now,
    createdBy: actor.user.username,
    updatedAt: now,
    updatedBy: actor.user.username,
  };
  await deps.posts.createIfAbsent(post);
  await deps.audit.append({
    actor: actor.user.username,
    address: actor.address,
    action: "post.created",
    target: `post:${post.id}`,
    details: { title: post.title },
  });
  return post;
}

const EDITABLE: readonly PostStatus[] = ["draft", "submitted", "approved", "scheduled"];

/** The post an edit applies to: one that has not gone out, at the version the editor saw. */
async function editable(deps: WorkflowDeps, id: string, seenVersion: number): Promise<Post> {
  const post = await load(deps, id);
  if (!EDITABLE.includes(post.status))
    throw new WorkflowError("conflict", "Bài viết đã gửi hoặc đang gửi, không sửa được nữa");
  if (seenVersion !== post.version)
    throw new WorkflowError("conflict", "Bài viết vừa được người khác thay đổi: tải lại rồi thử lại");
  return post;
}

/** Any change of content returns the post to draft: an approval covers exactly what was approved. */
function asEditedDraft(deps: WorkflowDeps, actor: Actor, post: Post, changes: Partial<Post>): Post {
  const { approval: _approval, submitted: _submitted, ...rest } = post;
  return { ...rest, ...changes, status: "draft", updatedAt: deps.now().toISOString(), updatedBy: actor.user.username };
}

export async function editPost(deps: WorkflowDeps, actor: Actor, id: string, patch: PostPatch): Promise<Post> {
  mustBeAllowed(actor, "post.write");
  const post = await editable(deps, id, patch.version);
  const { version: _seen, ...fields } = patch;
  const changed = Object.fromEntries(
    Object.entries(fields).filter(([k, v]) => v !== undefined && v !== post[k as keyof PostInput]),
  );
  if (Object.keys(changed).length === 0) return post;
  return commit(deps, actor, post, asEditedDraft(deps, actor, post, changed), "post.edited", {
    fields: Object.keys(changed),
    from: post.status,
  });
}

export async function submitPost(deps: WorkflowDeps, actor: Actor, id: string): Promise<Post> {
  mustBeAllowed(actor, "post.submit");
  const post = await load(deps, id);
  if (post.status === "submitted") return post;
  if (post.status !== "draft") throw new WorkflowError("conflict", "Chỉ gửi duyệt được bài viết đang soạn");
  const problems = sendabilityProblems(post);
  if (Object.keys(problems).length > 0)
    throw new WorkflowError("invalid", "Bài viết chưa đủ điều kiện gửi duyệt", problems);
  const { rejection: _rejection, ...rest } = post;
  return commit(
    deps,
    actor,
    post,
    { ...rest, status: "submitted", submitted: { by: actor.user.username, at: deps.now().toISOString() } },
    "post.submitted",
  );
}

/** Two-person rule: the approver is neither the post's author nor its last editor. */
export async function approvePost(deps: WorkflowDeps, actor: Actor, id: string): Promise<Post> {
  mustBeAllowed(actor, "post.approve");
  const post = await load(deps, id);
  const me = actor.user.username;
  const hash = contentHash(post);
  if (post.status === "approved" && post.approval?.by === me && post.approval.contentHash === hash) return post;
  if (post.createdBy === me || post.updatedBy === me)
    throw new WorkflowError("forbidden", "Không được phê duyệt bài viết do chính mình viết hoặc sửa");
  if (post.status !== "submitted")
    throw new WorkflowError(
      "conflict",
      post.status === "approved" ? "Bài viết đã được phê duyệt" : "Chỉ phê duyệt được bài viết đã gửi duyệt",
    );
  const at = deps.now().toISOString();
  const lastApproved = {
    by: me,
    at,
    title: post.title,
    summary: post.summary,
    body: post.body,
    ...(post.coverImageUrl && { coverImageUrl: post.coverImageUrl }),
  };
  return commit(
    deps,
    actor,
    post,
    { ...post, status: "approved", approval: { by: me, at, contentHash: hash }, lastApproved },
    "post.approved",
    { contentHash: hash },
  );
}

export async function rejectPost(deps: WorkflowDeps, actor: Actor, id: string, note: string): Promise<Post> {
  mustBeAllowed(actor, "post.reject");
  const post = await load(deps, id);
  // The same rejection again (a retried request) changes nothing.
  if (post.status === "draft" && post.rejection?.by === actor.user.username && post.rejection.note === note)
    return post;
  if (post.status !== "submitted" && post.status !== "approved")
    throw new WorkflowError("conflict", "Chỉ trả lại được bài viết đang chờ duyệt hoặc đã duyệt mà chưa gửi");
  const { approval: _approval, submitted: _submitted, ...rest } = post;
  return commit(
    deps,
    actor,
    post,
    { ...rest, status: "draft", rejection: { by: actor.user.username, at: deps.now().toISOString(), note } },
    "post.rejected",
    { note },
  );
}

/** Shown on the mini app's news without a send to followers: an approved post, by an approver. */
export async function publishPostWithoutSend(deps: WorkflowDeps, actor: Actor, id: string): Promise<Post> {
  mustBeAllowed(actor, "post.publish");
  const post = await load(deps, id);
  if (post.status === "published") return post;
  if (post.status !== "approved") throw new WorkflowError("conflict", "Chỉ đăng được bài viết đã được phê duyệt");
  if (post.approval?.contentHash !== contentHash(post))
    throw new WorkflowError("conflict", "Nội dung đã thay đổi sau khi phê duyệt");
  const now = deps.now().toISOString();
  return commit(
    deps,
    actor,
    post,
    { ...post, status: "published", publishedAt: now, publishedBy: actor.user.username },
    "post.published",
  );
}

/** Zalo's article cover: a JPEG or PNG of at most 1 MB (ZALO-PLATFORM A.8/A.9), known by its bytes, not its name. */
export const COVER_MAX_BYTES = 1024 * 1024;

export function coverImageType(bytes: Uint8Array): "jpg" | "png" | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "jpg";
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (png.every((b, i) => bytes[i] === b)) return "png";
  return undefined;
}

export interface CoverStore {
  /** Keeps the image and returns the public URL Zalo and the mini app load it from. */
  save(postId: string, bytes: Uint8Array, type: "jpg" | "png"): Promise<string>;
}

/** A new cover is a change of content: the post returns to draft like after any edit. */
export async function setCover(
  deps: WorkflowDeps & { covers: CoverStore },
  actor: Actor,
  id: string,
  input: { bytes: Uint8Array; version: number },
): Promise<Post> {
  mustBeAllowed(actor, "post.write");
  if (input.bytes.length === 0) throw new WorkflowError("invalid", "Chưa có ảnh bìa", { file: "Chưa có ảnh bìa" });
  if (input.bytes.length > COVER_MAX_BYTES)
    throw new WorkflowError("invalid", "Ảnh bìa tối đa 1 MB (giới hạn của Zalo)", { file: "Ảnh bìa tối đa 1 MB" });
  const type = coverImageType(input.bytes);
  if (!type)
    throw new WorkflowError(
      "invalid",
      "Ảnh bìa phải là ảnh JPEG hoặc PNG (kiểm tra theo nội dung tệp, không theo tên)",
      { file: "Không phải ảnh JPEG hoặc PNG" },
    );
  const post = await editable(deps, id, input.version);
  const url = await deps.covers.save(id, input.bytes, type);
  return commit(deps, actor, post, asEditedDraft(deps, actor, post, { coverImageUrl: url }), "post.cover_set", {
    bytes: input.bytes.length,
    type,
  });
}
