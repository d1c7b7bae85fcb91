import { POST_STATUSES, postInputSchema, postPatchSchema } from "@cds/shared";
import { z } from "zod";
import {
  approvePost,
  COVER_MAX_BYTES,
  createPost,
  editPost,
  publishPostWithoutSend,
  rejectPost,
  setCover,
  submitPost,
  type Actor,
  type CoverStore,
  type WorkflowDeps,
} from "../../../domain/posts/workflow";
import { HttpError } from "../../middleware/errors";
import { answering, parseInput } from "./input";
import type { AdminRoute } from "./route-table";
import { actorOf } from "./actor";

const listQuery = z.object({
  status: z
    .string()
    .transform((s) => s.split(","))
    .pipe(z.array(z.enum(POST_STATUSES, { message: `Trạng thái là một trong: ${POST_STATUSES.join(", ")}` })))
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
const rejectBody = z.strictObject({
  note: z.string().trim().min(1, "Cần ghi lý do trả lại").max(2000, "Lý do tối đa 2.000 ký tự"),
});
const noBody = z.strictObject({});
const coverQuery = z.object({
  version: z.coerce
    .number({ message: "Cần phiên bản của bài viết (?version=…)" })
    .int()
    .min(1, "Cần phiên bản của bài viết (?version=…)"),
});

export function postRoutes(deps: WorkflowDeps & { covers: CoverStore }): AdminRoute[] {
  const transition = (
    path: string,
    permission: AdminRoute["permission"],
    run: (actor: Actor, id: string, body: unknown) => Promise<unknown>,
  ): AdminRoute => ({
    method: "post",
    path: `/api/v1/admin/posts/:id/${path}`,
    permission,
    async handle(req, res) {
      res.json({ post: await answering(run(actorOf(req, res), String(req.params.id), req.body)) });
    },
  });
  return [
    {
      method: "get",
      path: "/api/v1/admin/posts",
      permission: "post.read",
      async handle(req, res) {
        const q = parseInput(listQuery, req.query);
        res.json({ posts: await deps.posts.list({ ...(q.status && { statuses: q.status }), limit: q.limit }) });
      },
    },
    {
      method: "post",
      path: "/api/v1/admin/posts",
      permission: "post.write",
      async handle(req, res) {
        const post = await answering(createPost(deps, actorOf(req, res), parseInput(postInputSchema, req.body)));
        res.status(201).json({ id: post.id, post });
      },
    },
    {
      method: "get",
      path: "/api/v1/admin/posts/:id",
      permission: "post.read",
      async handle(req, res) {
        const post = await deps.posts.get(String(req.params.id));
        if (!post) throw new HttpError(404, "not_found", "Không tìm thấy bài viết");
        res.json({ post });
      },
    },
    {
      method: "patch",
      path: "/api/v1/admin/posts/:id",
      permission: "post.write",
      async handle(req, res) {
        res.json({
          post: await answering(
            editPost(deps, actorOf(req, res), String(req.params.id), parseInput(postPatchSchema, req.body)),
          ),
        });
      },
    },
    {
      method: "post",
      path: "/api/v1/admin/posts/:id/cover",
      permission: "post.write",
      // A little over the limit is read, so that an image just above 1 MB gets the editor's message, not a 413.
      rawBodyLimit: COVER_MAX_BYTES + 64 * 1024,
      async handle(req, res) {
        const { version } = parseInput(coverQuery, req.query);
        const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        res.json({
          post: await answering(setCover(deps, actorOf(req, res), String(req.params.id), { bytes, version })),
        });
      },
    },
    transition("submit", "post.submit", (actor, id, body) => (parseInput(noBody, body), submitPost(deps, actor, id))),
    transition(
      "approve",
      "post.approve",
      (actor, id, body) => (parseInput(noBody, body), approvePost(deps, actor, id)),
    ),
    transition("reject", "post.reject", (actor, id, body) =>
      rejectPost(deps, actor, id, parseInput(rejectBody, body).note),
    ),
    transition(
      "publish",
      "post.publish",
      (actor, id, body) => (parseInput(noBody, body), publishPostWithoutSend(deps, actor, id)),
    ),
  ];
}
