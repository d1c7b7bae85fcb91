import type { ApiIndicator, Period } from "@cds/shared";
import { formatPeriodRange } from "@cds/shared/format/dates";
import { formatQualified, formatSignedChange } from "@cds/shared/format/numbers";

/** How published figures read in chat: every number with its unit, qualifier and week. */

/** Marks a figure no report stated (demo history): it is shown, but never as fact. */
export const SAMPLE_MARK = "[số liệu mẫu]";
export const SAMPLE_NOTE = `${SAMPLE_MARK}: số liệu minh họa, không phải số liệu chính thức.`;

/** "Tuần 5 tháng 8/2024 (24/8–30/8/2024)": the report's name for the week and its dates. */
export function periodText(period: Period): string {
  return `${period.label} (${formatPeriodRange(period)})`;
}

/** "93%", "45.929 tài khoản", "trên 1,2 triệu tài khoản". */
export function valueText(indicator: ApiIndicator): string {
  const value = formatQualified(indicator.value, indicator.qualifier, { unit: indicator.unit });
  return indicator.unit === "percent" || indicator.unitLabel === "" ? value : `${value} ${indicator.unitLabel}`;
}

/**
 * The change on the previous week: as the report states it, else worked out from the previous week's
 * value. A lower bound ("trên 1,2 triệu") has no exact difference, and a previous value that is demo data
 * gives no fact to tell a citizen, so none is worked out for either.
 */
function weeklyChange(indicator: ApiIndicator): number | undefined {
  if (indicator.change !== undefined) return indicator.change;
  if (indicator.previous === undefined || indicator.qualifier !== undefined || indicator.previousSample)
    return undefined;
  // Two decimals, as shown: 94.5 − 93.2 is 1.2999… in floating point.
  return Math.round((indicator.value - indicator.previous) * 100) / 100;
}

/** "+90", "−1.231", "+1,5 điểm phần trăm" (a rate moves in points, not in per cent), "không đổi". */
export function changeText(indicator: ApiIndicator): string | undefined {
  const change = weeklyChange(indicator);
  if (change === undefined) return undefined;
  if (change === 0) return "không đổi";
  const signed = formatSignedChange(change);
  return indicator.unit === "percent" ? `${signed} điểm phần trăm` : signed;
}

/** "• Nộp hồ sơ trực tuyến: 93% (+2 điểm phần trăm so với tuần trước)". */
export function indicatorLine(indicator: ApiIndicator): string {
  const change = changeText(indicator);
  const parts = [`• ${indicator.shortLabel}: ${valueText(indicator)}`];
  if (change !== undefined) parts.push(`(${change} so với tuần trước)`);
  if (indicator.sample) parts.push(SAMPLE_MARK);
  return parts.join(" ");
}
