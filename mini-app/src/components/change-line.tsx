import type { ApiIndicator } from "@cds/shared";
import { changeOf, type PreviousWeek } from "../format";

const ARROWS = { up: "▲", down: "▼", flat: "●" } as const;

/**
 * The change on the previous week. A change the report stated is shown as is; a difference computed against
 * the previous week is shown once that week is known, and marked when it holds made-up demo values.
 */
export function ChangeLine({
  indicator,
  previous,
  compact = false,
}: {
  indicator: ApiIndicator;
  previous: PreviousWeek;
  compact?: boolean;
}) {
  const change = changeOf(indicator);
  if (!change) {
    if (compact) return null;
    return (
      <p className="change change-none">
        {indicator.qualifier === "more_than"
          ? "Báo cáo chỉ nêu mức tối thiểu nên không tính được mức tăng, giảm."
          : "Chưa có số liệu tuần trước để so sánh."}
      </p>
    );
  }
  // Not yet known whether the week compared with is real: nothing, rather than something wrong.
  if (!change.stated && previous === "unknown") return null;
  const sample = !change.stated && previous === "sample";
  const Tag = compact ? "span" : "p";
  return (
    <Tag className={`change change-${change.direction}${compact ? " row-change" : ""}`}>
      <span aria-hidden="true">
        <span className="change-arrow">{ARROWS[change.direction]}</span> <strong>{change.text}</strong>
        {!compact && " so với tuần trước"}
      </span>
      <span className="sr-only">
        {change.spoken}
        {sample && ", tuần trước là số liệu minh họa"}
      </span>
      {sample && (
        <span className="tag-sample" aria-hidden="true">
          {compact ? "so với số liệu minh họa" : "Tuần trước là số liệu minh họa"}
        </span>
      )}
    </Tag>
  );
}
