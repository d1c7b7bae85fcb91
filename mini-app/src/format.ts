import { formatPeriodRange, formatViDate, VN_TIME_ZONE } from "@cds/shared/format/dates";
import { formatQualified, formatSignedChange, formatViNumber } from "@cds/shared/format/numbers";
import { localParts } from "@cds/shared/time/zone";
import type { ApiIndicator, IndicatorHistoryResponse, Period, SnapshotListResponse } from "@cds/shared";

/**
 * How the app words figures, built on the shared Vietnamese formatting (numbers "45.929", "94,5%", dates in
 * Asia/Ho_Chi_Minh): which change to show, in which words, and what a screen reader says.
 */
type Figure = Pick<ApiIndicator, "value" | "qualifier" | "unit" | "unitLabel">;

/** "93%", "45.929", "trên 1,2 triệu"; the unit label separately ("tài khoản"), none for percentages. */
export function formatFigure(ind: Figure): { value: string; unit: string } {
  return {
    value: formatQualified(ind.value, ind.qualifier, { unit: ind.unit }),
    unit: ind.unit === "percent" ? "" : ind.unitLabel,
  };
}

/** The figure as one phrase: "45.929 tài khoản", "93%", "trên 1,2 triệu tài khoản". */
export function figureText(ind: Figure): string {
  const { value, unit } = formatFigure(ind);
  return unit ? `${value} ${unit}` : value;
}

export interface ChangeView {
  /** Signed change: "+90", "−1.231", "+2 điểm %". */
  text: string;
  direction: "up" | "down" | "flat";
  /** For screen readers: "Tăng 90 tài khoản so với tuần trước". */
  spoken: string;
  /** True when the report stated the change; false when it is the difference with the previous published week. */
  stated: boolean;
}

/**
 * The change on the previous week: the report's own figure when it gives one (+90), else the difference with
 * the previous published week. None for a lower bound ("trên 1,2 triệu"): the difference of two bounds says
 * nothing.
 */
export function changeOf(
  ind: Pick<ApiIndicator, "value" | "qualifier" | "change" | "previous" | "unit" | "unitLabel">,
): ChangeView | undefined {
  const stated = ind.change !== undefined;
  const raw =
    ind.change ?? (ind.previous !== undefined && ind.qualifier === undefined ? ind.value - ind.previous : undefined);
  if (raw === undefined) return undefined;
  // Differences of decimals (94,5 − 93,2) carry float noise; two decimals is what the report writes.
  const delta = Math.round(raw * 100) / 100;
  const percent = ind.unit === "percent";
  const magnitude = percent
    ? `${formatViNumber(Math.abs(delta))} điểm phần trăm`
    : `${formatViNumber(Math.abs(delta))} ${ind.unitLabel}`;
  if (delta === 0) return { text: "0", direction: "flat", spoken: "Không đổi so với tuần trước", stated };
  const direction = delta > 0 ? "up" : "down";
  return {
    text: percent ? `${formatSignedChange(delta)} điểm %` : formatSignedChange(delta),
    direction,
    spoken: `${direction === "up" ? "Tăng" : "Giảm"} ${magnitude} so với tuần trước`,
    stated,
  };
}

/**
 * Whether the week a computed change compares with holds made-up demo values: "unknown" until that is known,
 * and then such a change is not shown at all, rather than shown as fact.
 */
export type PreviousWeek = "real" | "sample" | "unknown";

/** From an indicator's history (oldest first): its point before the latest. */
export function previousFromHistory(history: IndicatorHistoryResponse | undefined): PreviousWeek {
  if (!history) return "unknown";
  const previous = history.points[history.points.length - 2];
  return previous?.sample ? "sample" : "real";
}

/** From the published weeks (newest first): the latest one before `currentTo`, judged as a whole. */
export function previousFromSnapshots(
  list: SnapshotListResponse | undefined,
  currentTo: string | undefined,
): PreviousWeek {
  if (!list || currentTo === undefined) return "unknown";
  const previous = list.snapshots.find((s) => s.period.to < currentTo);
  return previous?.sample ? "sample" : "real";
}

/** "Tuần 5 tháng 8/2024, 24/8–30/8/2024". */
export function periodText(period: Period): string {
  return `${period.label}, ${formatPeriodRange(period)}`;
}

/** A publication instant as its day in Vietnam: "30/8/2024". */
export function dayText(iso: string): string {
  return formatViDate(new Date(iso));
}

/** An instant with its time in Vietnam: "17:00 ngày 30/8/2024". */
export function dateTimeText(iso: string): string {
  const at = new Date(iso);
  const { hour, minute } = localParts(at, VN_TIME_ZONE);
  return `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")} ngày ${formatViDate(at)}`;
}

/** A post body (plain text, paragraphs separated by blank lines) as paragraphs; never parsed as HTML. */
export function paragraphs(body: string): string[] {
  return body
    .replace(/\r\n?/g, "\n")
    .split(/\n[ \t]*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== "");
}
