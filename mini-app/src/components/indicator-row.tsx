import type { ApiIndicator, IndicatorDefinition } from "@cds/shared";
import { formatFigure, type PreviousWeek } from "../format";
import { paths } from "../routing";
import { AppLink } from "./app-link";
import { ChangeLine } from "./change-line";

/** One indicator in a group's list; a catalogue indicator the week's report did not give says so. */
export function IndicatorRow({
  definition,
  indicator,
  previous,
}: {
  definition: IndicatorDefinition;
  indicator?: ApiIndicator;
  previous: PreviousWeek;
}) {
  const figure = indicator && formatFigure(indicator);
  return (
    <li className="row">
      <AppLink to={paths.indicator(definition.id)} className="row-link">
        <span className="row-label">{definition.label}</span>
        {figure ? (
          <span className="row-value">
            <span className="figure-sm">{figure.value}</span>
            {figure.unit && <span className="figure-unit"> {figure.unit}</span>}
            <ChangeLine indicator={indicator} previous={previous} compact />
            {indicator.sample && <span className="tag-sample">Số liệu minh họa</span>}
          </span>
        ) : (
          <span className="row-missing">Báo cáo tuần này không có số liệu</span>
        )}
      </AppLink>
    </li>
  );
}
