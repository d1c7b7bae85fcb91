import { createBullBoard } from "@bull-board/api";
import { BullMQAdapter } from "@bull-board/api/bullMQAdapter";
import { ExpressAdapter } from "@bull-board/express";
import type { Queue } from "bullmq";
import { Router } from "express";
import type { SessionDeps } from "../../../domain/accounts/sessions";
import { loadSession, requireCsrf, requirePermission, requireSession } from "../../middleware/admin-auth";

export const QUEUE_BOARD_PATH = "/admin/queues";

/**
 * Bull Board under /admin/queues for admins, read-only: behind the same session as the admin API, and any
 * request that would change a queue needs the CSRF token (the board does not send it, so it changes nothing;
 * pausing or retrying a send goes through the admin API, where it is audited).
 */
export function queueBoard(queues: Queue[], sessions: SessionDeps): Router {
  const adapter = new ExpressAdapter();
  adapter.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({ queues: queues.map((q) => new BullMQAdapter(q, { readOnlyMode: true })), serverAdapter: adapter });
  const router = Router();
  router.use(QUEUE_BOARD_PATH, loadSession(sessions), (req, res, next) => {
    const admin = requireSession(res);
    requirePermission(admin, "queues.view");
    if (req.method !== "GET" && req.method !== "HEAD") requireCsrf(req, admin);
    next();
  });
  router.use(QUEUE_BOARD_PATH, adapter.getRouter() as Router);
  return router;
}
