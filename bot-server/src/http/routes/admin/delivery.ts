import { z } from "zod";
import { cancelSend, pauseSend, planFor, proceedWithSend, resumeSend, schedulePost, sendProgress, settleBroadcast, unschedulePost, type SendDeps } from "../../../domain/delivery/send";
import { load } from "../../../domain/posts/workflow";
import { actorOf, whoOf } from "./actor";
import { answering, parseInput } from "./input";
import type { AdminRoute } from "./route-table";

const instant = z.iso.datetime({ offset: true, message: "Thời điểm theo ISO 8601, ví dụ 2026-12-04T09:00:00+07:00" });
const planQuery = z.object({ at: instant.optional() });
const scheduleBody = z.strictObject({ at: instant });
const pauseBody = z.strictObject({ reason: z.string().trim().min(1, "Cần ghi lý do tạm dừng").max(500) });
const settleBody = z.strictObject({ wentOut: z.boolean({ message: "Tin quảng bá đã được gửi (true) hay chưa (false)?" }) });
const noBody = z.strictObject({});

export function deliveryRoutes(deps: SendDeps): AdminRoute[] {
  const id = (req: Parameters<AdminRoute["handle"]>[0]) => String(req.params.id);
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
    {
      method: "post",
      path: "/api/v1/admin/posts/:id/send/pause",
      permission: "send.control",
      async handle(req, res) {
        const { reason } = parseInput(pauseBody, req.body);
        await answering(pauseSend(deps, whoOf(req, res), id(req), reason));
        res.json(await answering(sendProgress(deps, id(req))));
      },
    },
    {
      method: "post",
      path: "/api/v1/admin/posts/:id/send/resume",
      permission: "send.control",
      async handle(req, res) {
        parseInput(noBody, req.body);
        await answering(resumeSend(deps, actorOf(req, res), id(req)));
        res.json(await answering(sendProgress(deps, id(req))));
      },
    },
    {
      method: "post",
      path: "/api/v1/admin/posts/:id/send/cancel",
      permission: "send.control",
      async handle(req, res) {
        parseInput(noBody, req.body);
        res.json(await answering(cancelSend(deps, actorOf(req, res), id(req))));
      },
    },
    {
      method: "post",
      path: "/api/v1/admin/posts/:id/send/proceed",
      permission: "send.control",
      async handle(req, res) {
        parseInput(noBody, req.body);
        await answering(proceedWithSend(deps, actorOf(req, res), id(req)));
        res.json(await answering(sendProgress(deps, id(req))));
      },
    },
    {
      method: "post",
      path: "/api/v1/admin/posts/:id/send/broadcast",
      permission: "send.control",
      async handle(req, res) {
        const { wentOut } = parseInput(settleBody, req.body);
        await answering(settleBroadcast(deps, actorOf(req, res), id(req), wentOut));
        res.json(await answering(sendProgress(deps, id(req))));
      },
    },
  ];
}
