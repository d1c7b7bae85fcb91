import { z } from "zod";
import {
  cancelSend,
  followersView,
  pauseSend,
  planFor,
  proceedWithSend,
  resumeSend,
  retryFailed,
  schedulePost,
  sendProgress,
  testSend,
  settleBroadcast,
  unschedulePost,
  type SendDeps,
} from "../../../domain/delivery/send";
import { load } from "../../../domain/posts/workflow";
import { actorOf, whoOf } from "./actor";
import { answering, parseInput } from "./input";
import type { AdminRoute } from "./route-table";

const instant = z.iso.datetime({ offset: true, message: "Thời điểm theo ISO 8601, ví dụ 2026-12-04T09:00:00+07:00" });
const planQuery = z.object({ at: instant.optional() });
const scheduleBody = z.strictObject({ at: instant });
const pauseBody = z.strictObject({ reason: z.string().trim().min(1, "Cần ghi lý do tạm dừng").max(500) });
const settleBody = z.strictObject({
  wentOut: z.boolean({ message: "Tin quảng bá đã được gửi (true) hay chưa (false)?" }),
});
const noBody = z.strictObject({});

export function deliveryRoutes(deps: SendDeps): AdminRoute[] {
  const id = (req: Parameters<AdminRoute["handle"]>[0]) => String(req.params.id);
  /** A control of a running send; answers with the send's progress after it. */
  const control = (action: string, run: (...a: Parameters<AdminRoute["handle"]>) => Promise<unknown>): AdminRoute => ({
    method: "post",
    path: `/api/v1/admin/posts/:id/send/${action}`,
    permission: "send.control",
    async handle(req, res) {
      await answering(run(req, res));
      res.json(await answering(sendProgress(deps, id(req))));
    },
  });
  return [
    {
      method: "get",
      path: "/api/v1/admin/posts/:id/plan",
      permission: "post.read",
      async handle(req, res) {
        const q = parseInput(planQuery, req.query);
        const post = await answering(load(deps, id(req)));
        res.json({ plan: await planFor(deps, post, q.at ? Date.parse(q.at) : deps.now()) });
      },
    },
    {
      method: "get",
      path: "/api/v1/admin/posts/:id/preview",
      permission: "post.read",
      async handle(req, res) {
        res.json({ preview: followersView(deps, await answering(load(deps, id(req)))) });
      },
    },
    {
      method: "post",
      path: "/api/v1/admin/posts/:id/test-send",
      permission: "post.test_send",
      async handle(req, res) {
        parseInput(noBody, req.body);
        res.json({ results: await answering(testSend(deps, actorOf(req, res), id(req))) });
      },
    },
    {
      method: "post",
      path: "/api/v1/admin/posts/:id/schedule",
      permission: "post.schedule",
      async handle(req, res) {
        const { at } = parseInput(scheduleBody, req.body);
        res.json(await answering(schedulePost(deps, actorOf(req, res), id(req), Date.parse(at))));
      },
    },
    {
      method: "delete",
      path: "/api/v1/admin/posts/:id/schedule",
      permission: "post.schedule",
      async handle(req, res) {
        parseInput(noBody, req.body);
        res.json({ post: await answering(unschedulePost(deps, actorOf(req, res), id(req))) });
      },
    },
    {
      method: "get",
      path: "/api/v1/admin/posts/:id/send",
      permission: "post.read",
      async handle(req, res) {
        res.json(await answering(sendProgress(deps, id(req))));
      },
    },
    control("pause", async (req, res) =>
      pauseSend(deps, whoOf(req, res), id(req), parseInput(pauseBody, req.body).reason),
    ),
    control("resume", async (req, res) => (parseInput(noBody, req.body), resumeSend(deps, actorOf(req, res), id(req)))),
    control(
      "proceed",
      async (req, res) => (parseInput(noBody, req.body), proceedWithSend(deps, actorOf(req, res), id(req))),
    ),
    control(
      "retry-failed",
      async (req, res) => (parseInput(noBody, req.body), retryFailed(deps, actorOf(req, res), id(req))),
    ),
    control("broadcast", async (req, res) =>
      settleBroadcast(deps, actorOf(req, res), id(req), parseInput(settleBody, req.body).wentOut),
    ),
    {
      method: "post",
      path: "/api/v1/admin/posts/:id/send/cancel",
      permission: "send.control",
      async handle(req, res) {
        parseInput(noBody, req.body);
        res.json(await answering(cancelSend(deps, actorOf(req, res), id(req))));
      },
    },
  ];
}
