import { stripDiacritics, type ReportRule } from "@cds/shared";

/**
 * The pattern language of the catalogue's report rules (`report` of each indicator): each is applied to the
 * sentences of the indicator's section (the catalogue's `section`). A rule that does not match leaves the
 * indicator missing; nothing is inferred from neighbouring numbers or from another week.
 *
 *   {N}        the value: a Vietnamese number ("45.929", "3036", "01", "94,5", "1,2 triệu"), optionally after
 *              "trên"/"hơn" (a lower bound)
 *   {V}        an optional verb before a value: "đạt", "là", "ở mức", ":"
 *   {province} the catalogue province's short name, with or without diacritics and spaces ("HaiDuong")
 *   ~          a few words within the same comma-separated clause
 *   …          words within the same semicolon-separated clause
 *   a space    any run of whitespace, line breaks included
 * The rest is a regular expression, matched without regard to case.
 */
export type { ReportRule } from "@cds/shared";

/** A number as the report writes it, scale word included; digits or separators around it make it part of another number. */
export const NUMBER_SOURCE = String.raw`(?<![\p{L}\d.,])(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)(?:\s*(?:nghìn|ngàn|triệu|tỷ|tỉ)(?!\p{L}))?(?!\d|[.,]\d)`;

/**
 * Where a rule expects its value, whatever stands there that contains a digit: digits with any separators,
 * a sign, digit groups split by single spaces, stray characters glued on. The extractor then reads it only
 * if it is a number beyond doubt ("45.929", "45 929") and otherwise reports it: a figure is never read from a
 * fragment of itself ("929" of "45 929", "45.929" of "−45.929"). Emphasis marks (*) are not part of it.
 */
const RAW_NUMBER = String.raw`(?<![^\s(*])[^\s();:%*]*\d(?:[^\s();:%*]*[^\s();:%*.,])?(?: \d(?:[^\s();:%*]*[^\s();:%*.,])?)*(?:\s*(?:nghìn|ngàn|triệu|tỷ|tỉ)(?!\p{L}))?`;

const VALUE = String.raw`(?:(?<qualifier>trên|hơn)\s+)?(?<number>${RAW_NUMBER})`;
const VERB = String.raw`(?:(?:đạt|là|ở)(?:\s+mức)?\s+|:\s*)?`;
const CLAUSE_GAP = String.raw`(?:\s+[^;]{0,200}?)?\s+`;
const COMMA_GAP = String.raw`(?:\s+[^;,]{0,60}?)?\s+`;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const flexibleSpaces = (s: string) =>
  s
    .split(/\s+/)
    .map(escape)
    .join(String.raw`[\s-]*`);

function provinceSource(shortName: string): string {
  const forms = new Set([shortName, stripDiacritics(shortName)]);
  return `(?:${[...forms].map(flexibleSpaces).join("|")})`;
}

/** The rule's pattern as a regular expression: global (every match is a candidate), with match indices. */
export function compileRule(rule: Pick<ReportRule, "pattern">, provinceShortName: string): RegExp {
  const source = rule.pattern
    .replace(/\s*…\s*/g, "\u0001")
    .replace(/\s*~\s*/g, "\u0002")
    .replace(/ +/g, String.raw`\s+`)
    .replace(/\u0001/g, CLAUSE_GAP)
    .replace(/\u0002/g, COMMA_GAP)
    .replace("{province}", () => provinceSource(provinceShortName))
    .replace("{V}", () => VERB)
    .replace("{N}", () => VALUE);
  return new RegExp(source, "giud");
}
