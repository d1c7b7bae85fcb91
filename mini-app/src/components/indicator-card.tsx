import type { ApiIndicator } from "@cds/shared";
import { formatFigure, previousFromHistory } from "../format";
import { paths } from "../routing";
import { useHistory } from "../state/data";
import { AppLink } from "./app-link";
import { ChangeLine } from "./change-line";
import { TrendLine } from "./trend-line";

/** A headline figure of the week: label, value, change and trend; the whole card opens the detail page. */
export function IndicatorCard({ indicator }: { indicator: ApiIndicator }) {
  const history = useHistory(indicator.id);
  const points = history.data?.points ?? [];
  const { value, unit } = formatFigure(indicator);
  return (
    <li className="card">
      <AppLink to={paths.indicator(indicator.id)} className="card-link">
        <h3 className="card-label">{indicator.shortLabel}</h3>
        <p className="card-value">
          <span className="figure">{value}</span>
          {unit && <span className="figure-unit"> {unit}</span>}
        </p>
        <ChangeLine indicator={indicator} previous={previousFromHistory(history.data)} />
        {indicator.sample && <p className="tag-sample">Số liệu minh họa</p>}
        <TrendLine points={points} />
      </AppLink>
    </li>
  );
}
