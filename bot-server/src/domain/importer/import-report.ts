import { defaultCatalogue, importResultSchema, newsDraftSchema, type Catalogue, type ImportResult } from "@cds/shared";
import { findEvents } from "./events";
import { extractIndicators } from "./extract";
import { ImportError } from "./import-error";
import { draftNews, type NewsDraft } from "./news-draft";
import { findReportPeriod } from "./period";
import { readReportText } from "./report-text";
import { checkRelations } from "./relations";

export type ReportImport = ImportResult & { news: NewsDraft };

const reportImportSchema = importResultSchema.extend({ news: newsDraftSchema });

/**
 * Reads one weekly report: its period, every catalogue indicator it gives (each with the sentence it came
 * from), the ones it does not give, what looks wrong, and a draft news post. Throws ImportError when the
 * text is not a weekly report (no period, or not one indicator).
 */
export function importReport(text: string, catalogue: Catalogue = defaultCatalogue): ReportImport {
  const report = readReportText(text);
  const { period, warnings: periodWarnings } = findReportPeriod(report);
  const { values, missing, warnings: extractWarnings } = extractIndicators(report, catalogue, period);
  if (Object.keys(values).length === 0)
    throw new ImportError(
      "not_a_report",
      "Không đọc được chỉ số nào của danh mục: tệp này không giống báo cáo tuần",
      "No catalogue indicator found: this does not look like a weekly report",
    );
  const news = draftNews({ period, values, events: findEvents(report.sentences) }, catalogue);
  return reportImportSchema.parse({
    period: { from: period.from, to: period.to },
    periodLabel: period.label,
    values,
    missing,
    warnings: [...periodWarnings, ...extractWarnings, ...checkRelations(values, catalogue)],
    news,
  });
}
