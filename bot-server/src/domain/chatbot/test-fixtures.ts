import { defaultCatalogue, presentIndicator, type ApiIndicator, type IndicatorsResponse } from "@cds/shared";
import { FOUNDING_WEEK } from "@cds/shared/demo/founding-week";

/**
 * The founding week (report of week 5, August 2024) as the public API serves it, built from the
 * catalogue so labels and definitions are the real ones; `edit` changes single indicators (a missing one:
 * return undefined). For tests only.
 */
export function foundingWeek(edit: (i: ApiIndicator) => ApiIndicator | undefined = (i) => i): IndicatorsResponse {
  const indicators: ApiIndicator[] = [];
  const missing: string[] = [];
  for (const def of defaultCatalogue.indicators) {
    const value = FOUNDING_WEEK.values[def.id];
    const edited = value && edit(presentIndicator(def, value));
    if (edited) indicators.push(edited);
    else missing.push(def.id);
  }
  return {
    period: FOUNDING_WEEK.period,
    revision: 1,
    publishedAt: "2024-08-31T02:00:00.000Z",
    indicators,
    missing,
  };
}

export const miniAppUrl = (path: string): string => `https://zalo.me/s/1234567890${path}`;
