import {
  formatPeriodRange,
  formatViDate,
  formatWeekLabel,
  parseViDate,
  parseWeekLabel,
  weekOfMonth,
} from "@cds/shared";
import { ImportError } from "./import-error";
import type { ReportText } from "./report-text";

export interface ReportPeriod {
  from: string;
  to: string;
  /** As the report names the week: "Tuần 5 tháng 8/2024". */
  label: string;
}

export interface PeriodMention {
  from: string;
  to: string;
  /** Written "từ ngày 24/8/2024 đến ngày 30/8/2024" (both years given), as in the title and closing line. */
  full: boolean;
  index: number;
}

/**
 * "từ ngày 24/8/2024 đến ngày 30/8/2024", "23/8 - 30/8/2024", "23/8-30/8/2024", "16/9–22/9/2024": a start
 * with or without its year, a dash or "đến (ngày)", an end with its year. Digits or "/" around the match
 * would make it part of a document number, so they are excluded.
 */
const PERIOD_RE =
  /(từ\s+ngày\s+)?(?<![\d/])(\d{1,2}\/\d{1,2}(?:\/\d{4})?)\s*(?:[-–—]|đến(?:\s+ngày)?)\s*(\d{1,2}\/\d{1,2}\/\d{4})(?![\d/])/giu;

const TITLE_RE = /báo\s+cáo\s+tuần\s+\d{1,2}\s+tháng\s+\d{1,2}(?:\s+năm\s+|\s*\/\s*)\d{4}/iu;

/** Every period written in a text, in order. A start without a year takes the end's (the year before across 1 January). */
export function findPeriods(text: string): PeriodMention[] {
  const mentions: PeriodMention[] = [];
  for (const m of text.matchAll(PERIOD_RE)) {
    const [, since, start = "", end = ""] = m;
    const to = parseViDate(end);
    if (!to) continue;
    const year = Number(to.slice(0, 4));
    let from = parseViDate(start, year);
    if (from && from > to && !/\/\d{4}$/.test(start)) from = parseViDate(start, year - 1);
    if (!from || from > to) continue;
    mentions.push({ from, to, full: since !== undefined && /\/\d{4}$/.test(start), index: m.index });
  }
  return mentions;
}

/** The first period of a text, or undefined. */
export function parsePeriodText(text: string): { from: string; to: string } | undefined {
  const first = findPeriods(text)[0];
  return first && { from: first.from, to: first.to };
}

const DAY_MS = 86_400_000;
const days = (p: { from: string; to: string }) => (Date.parse(p.to) - Date.parse(p.from)) / DAY_MS + 1;

/**
 * The snapshot's period is the one under the report's title ("BÁO CÁO TUẦN 5 THÁNG 8 NĂM 2024 … từ ngày
 * 24/8/2024 đến ngày 30/8/2024"); sections may count from another day ("23/8 - 30/8/2024"), which is normal
 * and not reported. Anything less certain is used only with a warning, and no period at all means the text
 * is not a weekly report.
 */
export function findReportPeriod(report: ReportText): { period: ReportPeriod; warnings: string[] } {
  const warnings: string[] = [];
  const { text, heading } = report;
  const title = TITLE_RE.exec(heading || text);
  const week = title ? parseWeekLabel(title[0]) : undefined;

  let chosen: PeriodMention | undefined;
  if (title) {
    const windowEnd = heading ? heading.length : Math.min(text.length, title.index + 400);
    chosen = findPeriods(text.slice(title.index, windowEnd))[0];
  }
  if (!chosen) chosen = findPeriods(heading)[0];
  if (!chosen) {
    chosen = findPeriods(text).find((m) => m.full);
    if (chosen)
      warnings.push(`Không thấy kỳ báo cáo dưới tiêu đề; dùng kỳ ${formatPeriodRange(chosen)} ghi trong nội dung.`);
  }
  if (!chosen)
    throw new ImportError(
      "not_a_report",
      "Không tìm thấy kỳ báo cáo (“từ ngày … đến ngày …”): tệp này không giống báo cáo tuần",
      "No reporting period found: this does not look like a weekly report",
    );
  const { from, to } = chosen;

  const expected = weekOfMonth(to);
  let label: string;
  if (week) {
    label = formatWeekLabel(week);
    if (week.week !== expected.week || week.month !== expected.month || week.year !== expected.year)
      warnings.push(
        `Tiêu đề ghi “${label}” nhưng kỳ báo cáo kết thúc ngày ${formatViDate(to)}, tức ${formatWeekLabel(expected)}.`,
      );
  } else {
    label = formatWeekLabel(expected);
    warnings.push(`Không thấy tên tuần ở tiêu đề; đặt theo ngày kết thúc kỳ: ${label}.`);
  }
  if (days(chosen) !== 7)
    warnings.push(`Kỳ báo cáo ${formatPeriodRange(chosen)} dài ${days(chosen)} ngày, không phải 7 ngày.`);

  const others = findPeriods(text).filter((m) => m.full && (m.from !== from || m.to !== to));
  for (const m of others)
    warnings.push(
      `Nội dung có kỳ ${formatPeriodRange(m)}, khác kỳ ở tiêu đề ${formatPeriodRange(chosen)}: kiểm tra có phần nào chép từ báo cáo tuần khác.`,
    );

  return { period: { from, to, label }, warnings };
}
