import type { IndicatorDefinition } from "../catalogue/types";
import { formatWeekLabel, weekOfMonth } from "../format/dates";
import type { IndicatorValue, Period } from "../schemas/indicators";

// How demo weeks before the founding week are made up: the server's demo seeding and the mini app's fake API
// both use these, so the trends they draw come from the same rules.

const DAY_MS = 86_400_000;

function shiftDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The week `k` weeks before `period`, labelled as the reports label weeks. */
export function weekBefore(period: Period, k: number): Period {
  const to = shiftDays(period.to, -7 * k);
  return { from: shiftDays(period.from, -7 * k), to, label: formatWeekLabel(weekOfMonth(to)) };
}

/**
 * An indicator's value the week before `next`. Exact when `next` states its change (45.929 with "+90" means
 * 45.839 the week before); otherwise made up from the indicator's kind, its founding value `base` and `u`
 * (a number in [0, 1) fixed by indicator and week, so every run makes the same data), and flagged `sample`.
 */
export function earlierValue(
  def: IndicatorDefinition,
  base: IndicatorValue,
  next: IndicatorValue,
  u: number,
): IndicatorValue {
  if (next.change !== undefined && !next.sample && !next.qualifier) return { value: next.value - next.change };
  if (next.qualifier) return { value: next.value, qualifier: next.qualifier, sample: true };
  switch (def.kind) {
    case "rate":
      return { value: Math.min(100, Math.max(0, Math.round(next.value + (u - 0.5) * 4))), sample: true };
    case "weekly":
      return { value: Math.max(0, Math.round(base.value * (0.6 + 0.8 * u))), sample: true };
    case "stock":
      return { value: Math.max(0, Math.round(next.value * (1 + (u - 0.5) * 0.04))), sample: true };
    case "cumulative": {
      const typical = base.change !== undefined ? Math.abs(base.change) : Math.max(1, Math.round(base.value * 0.004));
      return { value: Math.max(0, next.value - Math.round(typical * (0.7 + 0.6 * u))), sample: true };
    }
  }
}
