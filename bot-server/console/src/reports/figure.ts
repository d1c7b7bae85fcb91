import { formatViNumber } from "@cds/shared/format/numbers";
import type { IndicatorValue } from "@cds/shared/schemas/indicators";

/** The ways a report may write the figure, for highlighting it in its sentence ("45.929", "45929", "94,5"). */
export function figureSpellings(v: IndicatorValue): string[] {
  const plain = String(v.value);
  return [...new Set([formatViNumber(v.value), plain, plain.replace(".", ",")])].filter((s) => s.length > 0);
}
