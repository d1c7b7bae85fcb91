import { Router } from "express";
import { isPublic } from "@cds/shared";
import { toPostResponse, toPostSummary } from "../../../domain/posts/posts";
import { json } from "../../middleware/cache";
import { HttpError } from "../../middleware/errors";
import type { PublicRouteDeps } from "./index";

const POST_ID = /^[a-z0-9-]{1,80}$/;
const LIST_LIMIT = 50;

/** Published news posts, newest first; drafts do not exist for the public. */
export function postRoutes({ posts, cache, path }: PublicRouteDeps): Router {
  const router = Router();
  router.get("/posts", (req, res) =>
    cache.respond(req, res, path("/posts"), async () =>
      json({ posts: (await posts.listPublished(LIST_LIMIT)).map(toPostSummary) }),
    ),
  );
  router.get("/posts/:id", (req, res) => {
    const id = req.params.id;
    if (!POST_ID.test(id)) throw new HttpError(400, "invalid_post_id", "Mã bài viết không hợp lệ");
    return cache.respond(req, res, path(`/posts/${id}`), async () => {
      const post = await posts.get(id);
      if (!post || !isPublic(post)) throw new HttpError(404, "post_not_found", "Không tìm thấy bài viết này");
      return json(toPostResponse(post), post.publishedAt);
    });
  });
  return router;
}
