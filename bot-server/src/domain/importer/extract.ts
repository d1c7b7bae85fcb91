import {
  formatViDate,
  formatViNumber,
  parseViDate,
  parseViNumber,
  type Catalogue,
  type ImportResult,
} from "@cds/shared";
import { compileRule, NUMBER_SOURCE } from "./rules";
import type { ReportSentence, ReportText } from "./report-text";

export type ExtractedValue = ImportResult["values"][string];

export interface Extraction {
  values: Record<string, ExtractedValue>;
  /** Catalogue ids the report does not give, in catalogue order. */
  missing: string[];
  warnings: string[];
}

/**
 * "(tăng 90 tài khoản so với tuần trước)", ", giảm 12 hồ sơ so với tuần trước", "(không thay đổi so với tuần
 * trước)", right after the value: no digits in between, so a change is never attached to the wrong figure.
 */
const CHANGE_RE = new RegExp(
  String.raw`[^();\d]{0,80}?[(,]\s*\*?\s*(?:(?<direction>tăng|giảm)\s+(?:thêm\s+)?(?<amount>${NUMBER_SOURCE})|(?<same>không\s+(?:thay\s+)?đổi|giữ\s+nguyên))[^();]{0,60}?so\s+với\s+tuần\s+trước`,
  "iuy",
);
/** A parenthesis after the value that talks about last week but that CHANGE_RE could not read. */
const PREVIOUS_WEEK_RE = /[^();\d]{0,80}?\([^()]*tuần\s+trước/iuy;
const APPROXIMATE_RE = /(?:khoảng|gần|xấp\s+xỉ|ước\s+tính|ước|dưới)\s+$/iu;
const AS_OF_RE = /tính\s+đến\s+ngày\s+(\d{1,2}\/\d{1,2}\/\d{4})/iu;

interface Candidate extends ExtractedValue {
  notes: string[];
}

/** A figure that stands where the value should but is not a number beyond doubt: reported, never guessed. */
interface Unsure {
  token: string;
  reason: string;
  sentence: string;
}

const SCALE = String.raw`(?:\s*(?:nghìn|ngàn|triệu|tỷ|tỉ))?`;
/** "45 929", "1 250 000", "45 929,5": thousands grouped by (no-break) spaces, as some editors type them. */
const SPACE_GROUPED = new RegExp(String.raw`^\d{1,3}(?: \d{3})+(?:,\d+)?${SCALE}$`, "u");

/** Reads the figure found where a value should be, or says why it cannot be read for sure. */
function readFigure(token: string, unit: "percent" | "count"): { value: number; note?: string } | { reason: string } {
  if (/^[+\-\u2212–]/.test(token)) return { reason: "có dấu trừ hoặc dấu cộng trước số" };
  let value = parseViNumber(token);
  let note: string | undefined;
  if (value === undefined && SPACE_GROUPED.test(token)) {
    value = parseViNumber(token.replace(/(\d) (?=\d{3}(?!\d))/g, "$1."));
    if (value !== undefined)
      note = `đọc “${token}” (các nhóm chữ số cách nhau bằng dấu cách) là ${formatViNumber(value)}.`;
  }
  if (value === undefined)
    return {
      reason: /\d \d/.test(token)
        ? "các chữ số bị tách bằng dấu cách"
        : "không đúng cách viết số, hoặc có ký tự lạ dính vào số",
    };
  if (unit === "count" && !Number.isInteger(value)) return { reason: "số đếm mà có phần thập phân" };
  return note ? { value, note } : { value };
}

/** Reads every catalogue indicator that has a report rule and whose section is in the report. */
export function extractIndicators(report: ReportText, catalogue: Catalogue, period: { to: string }): Extraction {
  const values: Record<string, ExtractedValue> = {};
  const missing: string[] = [];
  const warnings: string[] = [];
  const absentSections = new Set<string>();

  for (const def of catalogue.indicators) {
    const rule = def.report;
    if (!rule) {
      missing.push(def.id);
      warnings.push(`${def.id}: danh mục chưa có quy tắc đọc chỉ số này từ báo cáo.`);
      continue;
    }
    if (!report.sections.has(def.section)) {
      missing.push(def.id);
      absentSections.add(def.section);
      continue;
    }
    const re = compileRule(rule, catalogue.province.shortName);
    const within = rule.within === undefined ? undefined : new RegExp(rule.within, "iu");
    const without = rule.without === undefined ? undefined : new RegExp(rule.without, "iu");
    const unsure: Unsure[] = [];
    const candidates = report.sentences
      .filter((s) => s.section === def.section && (!within || within.test(s.text)) && !without?.test(s.text))
      .flatMap((s) => readCandidates(s, re, def.unit, unsure));
    if (unsure.length > 0) {
      missing.push(def.id);
      for (const u of unsure)
        warnings.push(
          `${def.id}: “${u.token}” trong câu “${u.sentence}” không phải một số đọc chắc chắn được (${u.reason}) — không lấy giá trị nào, nhập tay sau khi kiểm tra.`,
        );
      continue;
    }

    const distinct = new Map(candidates.map((c) => [`${c.qualifier ?? ""}${c.value}`, c]));
    const first = candidates[0];
    if (!first) {
      missing.push(def.id);
      continue;
    }
    if (distinct.size > 1) {
      missing.push(def.id);
      const read = [...distinct.values()].map(
        (c) => `${c.qualifier === "more_than" ? "trên " : ""}${formatViNumber(c.value)}`,
      );
      warnings.push(
        `${def.id}: mục ${def.section} có nhiều số khớp (${read.join("; ")}), không chọn số nào — nhập tay sau khi kiểm tra.`,
      );
      continue;
    }
    const { notes, ...value } = first;
    values[def.id] = value;
    warnings.push(...notes.map((n) => `${def.id}: ${n}`));
    if (def.unit === "percent" && value.value > 100)
      warnings.push(`${def.id}: tỷ lệ ${formatViNumber(value.value)}% lớn hơn 100%.`);
    const asOf = AS_OF_RE.exec(value.source_text)?.[1];
    const asOfDate = asOf ? parseViDate(asOf) : undefined;
    if (asOfDate && asOfDate !== period.to)
      warnings.push(
        `${def.id}: số liệu tính đến ngày ${asOf}, không phải ngày cuối kỳ ${formatViDate(period.to)} — có thể là số của tuần khác.`,
      );
  }
  for (const section of [...absentSections].sort())
    warnings.push(`Báo cáo không có mục ${section}: các chỉ số của mục này để trống.`);
  return { values, missing, warnings };
}

function readCandidates(
  sentence: ReportSentence,
  re: RegExp,
  unit: "percent" | "count",
  unsure: Unsure[],
): Candidate[] {
  const found: Candidate[] = [];
  for (const m of sentence.text.matchAll(re)) {
    const span = m.indices?.groups?.number;
    const token = m.groups?.number;
    if (token === undefined || span === undefined) continue;
    const figure = readFigure(token, unit);
    if ("reason" in figure) {
      unsure.push({ token, reason: figure.reason, sentence: sentence.text });
      continue;
    }
    const { value } = figure;
    const [at, end] = span;
    const notes: string[] = figure.note ? [figure.note] : [];
    if (APPROXIMATE_RE.test(sentence.text.slice(Math.max(0, at - 20), at)))
      notes.push(
        `báo cáo ghi con số ước lượng (“${sentence.text.slice(Math.max(0, at - 12), end).trim()}”), đã lấy ${formatViNumber(value)}.`,
      );
    const candidate: Candidate = { value, source_text: sentence.text, notes };
    if (m.groups?.qualifier) candidate.qualifier = "more_than";
    const change = readChange(sentence.text, m.index + m[0].length);
    if (change.value !== undefined) candidate.change = change.value;
    else if (change.unread) notes.push("có ghi so với tuần trước nhưng không đọc được mức thay đổi.");
    found.push(candidate);
  }
  return found;
}

function readChange(text: string, from: number): { value?: number; unread?: boolean } {
  CHANGE_RE.lastIndex = from;
  const m = CHANGE_RE.exec(text);
  if (m?.groups?.same) return { value: 0 };
  const amount = m?.groups?.amount === undefined ? undefined : parseViNumber(m.groups.amount);
  if (amount !== undefined) return { value: m?.groups?.direction?.toLowerCase() === "giảm" ? 0 - amount : amount };
  PREVIOUS_WEEK_RE.lastIndex = from;
  return { unread: PREVIOUS_WEEK_RE.test(text) };
}
