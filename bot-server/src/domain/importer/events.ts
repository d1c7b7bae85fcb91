import { parseViDate } from "@cds/shared";
import type { ReportSentence } from "./report-text";

export interface WeekEvent {
  date: string;
  text: string;
}

/** "Ngày 27/8/2024, …" or "Ngày 27/8/2024 …" at the start of a sentence. */
const EVENT_START = /^Ngày\s+(\d{1,2}\/\d{1,2}\/\d{4})\s*,?\s*/iu;

/**
 * Abbreviations of official writing, spelled out for citizens. Only whole words: inside a document number
 * ("3174/UBND-VP") they are part of a reference and stay as they are.
 */
const ABBREVIATIONS: ReadonlyArray<readonly [string, string]> = [
  ["UBND", "Ủy ban nhân dân"],
  ["HĐND", "Hội đồng nhân dân"],
  ["BCĐ", "Ban Chỉ đạo"],
  ["CĐS", "chuyển đổi số"],
  ["CNTT", "công nghệ thông tin"],
  ["ATTT", "an toàn thông tin"],
  ["TTHC", "thủ tục hành chính"],
];

/** Plain text for a citizen: no emphasis marks, abbreviations spelled out, a capital first letter, a final full stop. */
export function plainEventText(text: string): string {
  let out = text.replace(/\*/g, "").replace(/\s+/g, " ").trim();
  for (const [short, long] of ABBREVIATIONS)
    out = out.replace(new RegExp(`(?<![\\p{L}\\d/-])${short}(?![\\p{L}\\d/-])`, "gu"), long);
  out = out.charAt(0).toLocaleUpperCase("vi") + out.slice(1);
  return /[.!?…]$/.test(out) ? out : `${out}.`;
}

/**
 * The dated events of the week (trainings, conferences, decisions): sentences that start with their date.
 * They keep that date even when it falls outside the report's period (a conference the day after, a plan
 * decided a month before), and are returned in date order.
 */
export function findEvents(sentences: readonly ReportSentence[]): WeekEvent[] {
  const events: WeekEvent[] = [];
  for (const s of sentences) {
    const m = EVENT_START.exec(s.text);
    const date = m?.[1] ? parseViDate(m[1]) : undefined;
    const rest = m ? s.text.slice(m[0].length) : "";
    if (date && rest.trim() !== "") events.push({ date, text: plainEventText(rest) });
  }
  return events.sort((a, b) => a.date.localeCompare(b.date));
}
