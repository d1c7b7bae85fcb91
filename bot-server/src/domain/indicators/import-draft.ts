import { importResultSchema, periodSchema, type ImportResult, type Snapshot } from "@cds/shared";
import { newReport } from "../reports/report";
import type { ReportRepository } from "../reports/ports";
import type { SnapshotRepository } from "./ports";
import { SnapshotError } from "./snapshot-error";

/**
 * Turns an imported weekly report into a draft snapshot: the report is stored verbatim (content-addressed,
 * so importing it twice keeps one copy) and the values become a new draft revision of the report's week
 * (revision 1, or n+1 when the week already has revisions; nothing is overwritten).
 */
export async function importDraft(
  deps: { snapshots: SnapshotRepository; reports: ReportRepository; now: () => Date },
  input: { name: string; text: string; result: ImportResult; by: string },
): Promise<Snapshot> {
  const result = importResultSchema.safeParse(input.result);
  if (!result.success)
    throw new SnapshotError("invalid", `Kết quả đọc báo cáo không hợp lệ: ${result.error.issues[0]?.message ?? ""}`);
  const period = periodSchema.safeParse({ ...result.data.period, label: result.data.periodLabel });
  if (!period.success)
    throw new SnapshotError("invalid", `Kỳ báo cáo không hợp lệ: ${period.error.issues[0]?.message ?? ""}`);
  const by = input.by.trim();
  if (!by) throw new SnapshotError("invalid", "Thiếu người nhập số liệu");

  const now = deps.now();
  const report = newReport(input.name, input.text, now);
  await deps.reports.addIfAbsent(report);
  return deps.snapshots.addRevision({
    period: period.data,
    values: result.data.values,
    createdAt: now.toISOString(),
    createdBy: by,
    reportSha256: report.sha256,
  });
}
