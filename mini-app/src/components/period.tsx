import type { Period as PeriodData } from "@cds/shared";
import { formatPeriodRange } from "@cds/shared/format/dates";

/** "Tuần 5 tháng 8/2024, 24/8–30/8/2024", the date range kept on one line on narrow screens. */
export function Period({ period }: { period: PeriodData }) {
  return (
    <p className="period">
      {period.label}, <span className="nowrap">{formatPeriodRange(period)}</span>
    </p>
  );
}
