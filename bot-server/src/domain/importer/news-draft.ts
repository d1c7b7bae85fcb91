import {
  formatPeriodRange,
  formatQualified,
  formatSignedChange,
  formatViDate,
  NEWS_LIMITS,
  newsDraftSchema,
  type Catalogue,
  type IndicatorDefinition,
  type NewsDraft,
} from "@cds/shared";
import type { WeekEvent } from "./events";
import type { ExtractedValue } from "./extract";
import type { ReportPeriod } from "./period";

export type { NewsDraft };

/** "Tài khoản Smart-HaiDuong" → "tài khoản Smart-HaiDuong" inside a sentence; "OA …" stays. */
const lowerFirst = (s: string) => (/^\p{Lu}\p{Ll}/u.test(s) ? s.charAt(0).toLocaleLowerCase("vi") + s.slice(1) : s);

function changeText(def: IndicatorDefinition, change: number): string {
  if (change === 0) return "không đổi";
  return def.unit === "percent" ? `${formatSignedChange(change)} điểm phần trăm` : formatSignedChange(change);
}

/** "Tài khoản Smart-HaiDuong: 45.929 tài khoản (+90 so với tuần trước)". */
function highlightText(def: IndicatorDefinition, v: ExtractedValue): string {
  const unit = def.unit === "percent" ? "" : ` ${def.unitLabel}`;
  const change = v.change === undefined ? "" : ` (${changeText(def, v.change)} so với tuần trước)`;
  return `${def.shortLabel}: ${formatQualified(v.value, v.qualifier, { unit: def.unit })}${unit}${change}`;
}

/** "tài khoản Smart-HaiDuong 45.929 (+90)": shorter, for the summary. */
function summaryItem(def: IndicatorDefinition, v: ExtractedValue): string {
  const change = v.change === undefined ? "" : ` (${changeText(def, v.change)})`;
  return `${lowerFirst(def.shortLabel)} ${formatQualified(v.value, v.qualifier, { unit: def.unit })}${change}`;
}

/**
 * The week's news post for citizens, drafted from the imported figures and the report's dated events. The
 * highlights are the catalogue's headline indicators, then every other figure the report gives a change
 * for; an editor rewrites it as needed before approval.
 */
export function draftNews(
  input: { period: ReportPeriod; values: Readonly<Record<string, ExtractedValue>>; events: readonly WeekEvent[] },
  catalogue: Catalogue,
): NewsDraft {
  const { period, values, events } = input;
  const present = catalogue.indicators.flatMap((def) => {
    const v = values[def.id];
    return v ? [{ def, v }] : [];
  });
  const headline = present.filter(({ def }) => def.headline);
  const highlighted = [...headline, ...present.filter(({ def, v }) => !def.headline && v.change !== undefined)];

  const range = formatPeriodRange(period);
  const title = `Chuyển đổi số ${catalogue.province.shortName} ${lowerFirst(period.label)}`;

  let items = headline.map(({ def, v }) => summaryItem(def, v));
  const summaryOf = (list: string[]) =>
    list.length > 0
      ? `${period.label} (${range}): ${list.join("; ")}.`
      : `${period.label} (${range}): kết quả chuyển đổi số của ${catalogue.province.name}.`;
  while (items.length > 0 && summaryOf(items).length > NEWS_LIMITS.summary) items = items.slice(0, -1);

  const highlights = highlighted.map(({ def, v }) => ({ indicatorId: def.id, text: highlightText(def, v) }));
  const paragraphs = [
    `Kết quả thực hiện chuyển đổi số của ${catalogue.province.name} từ ngày ${formatViDate(period.from)} đến ngày ${formatViDate(period.to)}.`,
  ];
  if (highlights.length > 0)
    paragraphs.push(["Các con số nổi bật:", ...highlights.map((h) => `- ${h.text}`)].join("\n"));
  if (events.length > 0)
    paragraphs.push(
      ["Các hoạt động nổi bật:", ...events.map((e) => `- ${formatViDate(e.date)}: ${e.text}`)].join("\n"),
    );
  paragraphs.push(`Nguồn: báo cáo tuần của ${catalogue.province.department}.`);

  return newsDraftSchema.parse({
    title,
    summary: summaryOf(items),
    highlights,
    events: [...events],
    body: paragraphs.join("\n\n"),
  });
}
