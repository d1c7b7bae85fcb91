import { z } from "zod";
import {
  answerQuestion,
  listQuestions,
  setQuestionAside,
  type QuestionDeps,
} from "../../../domain/questions/questions";
import { actorOf } from "./actor";
import { answering, parseInput } from "./input";
import type { AdminRoute } from "./route-table";

const listQuery = z.object({
  state: z.enum(["open", "all"], { message: "Trạng thái là open hoặc all" }).default("open"),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
const answerBody = z.strictObject({
  text: z.string().trim().min(1, "Cần nội dung trả lời").max(2000, "Tin tư vấn tối đa 2.000 ký tự"),
});
const noBody = z.strictObject({});

export function questionRoutes(deps: QuestionDeps): AdminRoute[] {
  return [
    {
      method: "get",
      path: "/api/v1/admin/questions",
      permission: "question.read",
      async handle(req, res) {
        const q = parseInput(listQuery, req.query);
        res.json({
          questions: await listQuestions(deps, { open: q.state === "open", limit: q.limit }),
          canAnswer: deps.messenger !== undefined,
        });
      },
    },
    {
      method: "post",
      path: "/api/v1/admin/questions/:id/answer",
      permission: "question.answer",
      async handle(req, res) {
        const { text } = parseInput(answerBody, req.body);
        res.json({ question: await answering(answerQuestion(deps, actorOf(req, res), String(req.params.id), text)) });
      },
    },
    {
      method: "post",
      path: "/api/v1/admin/questions/:id/handled",
      permission: "question.answer",
      async handle(req, res) {
        parseInput(noBody, req.body);
        res.json({ question: await answering(setQuestionAside(deps, actorOf(req, res), String(req.params.id))) });
      },
    },
  ];
}
