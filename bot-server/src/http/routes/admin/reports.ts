import { indicatorValueSchema, isoDateSchema } from "@cds/shared";
import { z } from "zod";
import { MAX_REPORT_BYTES } from "../../../domain/importer/read-document";
import {
  correctWeek,
  publishWeek,
  reviseDraft,
  uploadReport,
  weekForReview,
  weeksForReview,
  type WeeklyReportDeps,
} from "../../../domain/indicators/weekly-report";
import { whoOf } from "./actor";
import { answering, parseInput } from "./input";
import type { AdminRoute } from "./route-table";

const fileName = z.object({
  name: z
    .string({ message: "Cần tên tệp (?name=bao-cao.docx)" })
    .trim()
    .min(1, "Cần tên tệp (?name=bao-cao.docx)")
    .max(200, "Tên tệp quá dài")
    .regex(/\.(txt|docx)$/i, "Chỉ nhận tệp .txt hoặc .docx"),
});
const week = z.object({ week: isoDateSchema });
const weeksQuery = z.object({
  limit: z.coerce.number({ message: "limit là một số" }).int().min(1).max(520).default(52),
});
const changes = z
  .record(z.string(), indicatorValueSchema.nullable(), { message: "Cần danh sách chỉ số được sửa" })
  .refine((c) => Object.keys(c).length > 0, "Chưa sửa chỉ số nào");
const revision = z.number({ message: "Cần số phiên bản" }).int().min(1, "Số phiên bản từ 1");
const revise = z.strictObject({ revision, changes });
const correction = z.strictObject({
  changes,
  note: z.string().trim().min(1, "Cần ghi lý do đính chính").max(500, "Lý do tối đa 500 ký tự"),
});
const publish = z.strictObject({ revision });

export function reportRoutes(deps: WeeklyReportDeps): AdminRoute[] {
  return [
    {
      method: "get",
      path: "/api/v1/admin/reports",
      permission: "report.read",
      async handle(req, res) {
        res.json(await weeksForReview(deps, parseInput(weeksQuery, req.query).limit));
      },
    },
    {
      method: "post",
      path: "/api/v1/admin/reports",
      permission: "report.write",
      rawBodyLimit: MAX_REPORT_BYTES,
      async handle(req, res) {
        const { name } = parseInput(fileName, req.query);
        const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        res.status(201).json(await answering(uploadReport(deps, whoOf(req, res), { bytes, name })));
      },
    },
    {
      method: "get",
      path: "/api/v1/admin/reports/:week",
      permission: "report.read",
      async handle(req, res) {
        res.json(await answering(weekForReview(deps, parseInput(week, req.params).week)));
      },
    },
    {
      method: "patch",
      path: "/api/v1/admin/reports/:week",
      permission: "report.write",
      async handle(req, res) {
        const { week: w } = parseInput(week, req.params);
        const input = parseInput(revise, req.body);
        res.json({ snapshot: await answering(reviseDraft(deps, whoOf(req, res), { week: w, ...input })) });
      },
    },
    {
      method: "post",
      path: "/api/v1/admin/reports/:week/publish",
      permission: "report.publish",
      async handle(req, res) {
        const { week: w } = parseInput(week, req.params);
        const { revision: r } = parseInput(publish, req.body);
        res.json(await answering(publishWeek(deps, whoOf(req, res), { week: w, revision: r })));
      },
    },
    {
      method: "post",
      path: "/api/v1/admin/reports/:week/corrections",
      permission: "report.publish",
      async handle(req, res) {
        const { week: w } = parseInput(week, req.params);
        const input = parseInput(correction, req.body);
        res.json({ snapshot: await answering(correctWeek(deps, whoOf(req, res), { week: w, ...input })) });
      },
    },
  ];
}
