import { localParts } from "../time/zone";
import { foldForMatch } from "../text/normalize";

/** Where the reports are written and read; calendar dates without a zone are this zone's days. */
export const VN_TIME_ZONE = "Asia/Ho_Chi_Minh";

/** "YYYY-MM-DD" for a calendar date, or undefined when no such day exists (31/2). */
export function isoDate(year: number, month: number, day: number): string | undefined {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day) || year < 1000 || year > 9999)
    return undefined;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return undefined;
  return d.toISOString().slice(0, 10);
}

function isoParts(iso: string): { year: number; month: number; day: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m || isoDate(Number(m[1]), Number(m[2]), Number(m[3])) === undefined)
    throw new RangeError(`not a date YYYY-MM-DD: ${iso}`);
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

/**
 * Reads a date as Vietnamese documents write it, day first: "30/8/2024", "02/9/2024", "30-8-2024".
 * "30/8" needs `defaultYear` (reports write "23/8 - 30/8/2024", the year only once). Undefined if not a real day.
 */
export function parseViDate(text: string, defaultYear?: number): string | undefined {
  const m = /^(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{4}))?$/.exec(text.trim());
  if (!m) return undefined;
  const year = m[3] !== undefined ? Number(m[3]) : defaultYear;
  return year === undefined ? undefined : isoDate(year, Number(m[2]), Number(m[1]));
}

/**
 * "30/8/2024": day and month without leading zeros, as the report writes them. A "YYYY-MM-DD" string is a
 * calendar day already and is shown as is; an instant is shown as its day in `timeZone`.
 */
export function formatViDate(date: string | Date, timeZone: string = VN_TIME_ZONE): string {
  const { year, month, day } = typeof date === "string" ? isoParts(date) : localParts(date, timeZone);
  return `${day}/${month}/${year}`;
}

/** "24/8–30/8/2024" (en dash, the year once); "28/12/2024–3/1/2025" across a new year; "30/8/2024" for one day. */
export function formatPeriodRange(period: { from: string; to: string }): string {
  const from = isoParts(period.from);
  const to = isoParts(period.to);
  if (period.from === period.to) return formatViDate(period.to);
  const start = from.year === to.year ? `${from.day}/${from.month}` : formatViDate(period.from);
  return `${start}–${formatViDate(period.to)}`;
}

/** A week as the report names it: "Tuần 5 tháng 8/2024". */
export interface WeekOfMonth {
  week: number;
  month: number;
  year: number;
}

export function formatWeekLabel(w: WeekOfMonth): string {
  return `Tuần ${w.week} tháng ${w.month}/${w.year}`;
}

/**
 * Reads a week name in any of the forms people write it: the report title "BÁO CÁO TUẦN 5 THÁNG 8 NĂM 2024",
 * "Tuần 5 tháng 8/2024", or typed without diacritics "tuan 5 thang 8 nam 2024".
 */
export function parseWeekLabel(text: string): WeekOfMonth | undefined {
  const m = /\btuan (\d{1,2}) thang (\d{1,2}) (?:nam )?(\d{4})\b/.exec(foldForMatch(text));
  if (!m) return undefined;
  const w = { week: Number(m[1]), month: Number(m[2]), year: Number(m[3]) };
  return w.week >= 1 && w.week <= 5 && w.month >= 1 && w.month <= 12 ? w : undefined;
}

/**
 * The week a period ending on `to` belongs to, the way the report counts: weeks take the month of their
 * last day and are numbered from 1 in that month, so the week ending 30/8/2024 is "Tuần 5 tháng 8/2024" and
 * the one ending 6/9/2024 is "Tuần 1 tháng 9/2024".
 */
export function weekOfMonth(to: string): WeekOfMonth {
  const { year, month, day } = isoParts(to);
  return { week: Math.ceil(day / 7), month, year };
}
