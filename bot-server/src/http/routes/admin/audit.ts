import { z } from "zod";
import type { AuditLog } from "../../../domain/audit/audit-log";
import { parseInput } from "./input";
import type { AdminRoute } from "./route-table";

const query = z.object({
  actor: z.string().max(64).optional(),
  /** "post:<id>", "user:<name>"… */
  target: z.string().max(200).optional(),
  post: z.string().max(100).optional(),
  from: z.iso
    .datetime({ offset: true, message: "Thời điểm theo ISO 8601, ví dụ 2026-12-01T08:00:00+07:00" })
    .optional(),
  to: z.iso.datetime({ offset: true, message: "Thời điểm theo ISO 8601, ví dụ 2026-12-01T08:00:00+07:00" }).optional(),
  before: z
    .string()
    .regex(/^\d+-\d+$/, "Con trỏ trang không hợp lệ")
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export function auditRoutes(audit: AuditLog): AdminRoute[] {
  return [
    {
      method: "get",
      path: "/api/v1/admin/audit",
      permission: "audit.read",
      async handle(req, res) {
        const q = parseInput(query, req.query);
        const target = q.target ?? (q.post ? `post:${q.post}` : undefined);
        const page = await audit.list(
          {
            ...(q.actor && { actor: q.actor }),
            ...(target && { target }),
            ...(q.from && { from: q.from }),
            ...(q.to && { to: q.to }),
          },
          { limit: q.limit, ...(q.before && { before: q.before }) },
        );
        res.json(page);
      },
    },
  ];
}
