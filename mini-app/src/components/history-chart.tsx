import { useId } from "react";
import type { IndicatorHistoryResponse } from "@cds/shared";
import { formatPeriodRange } from "@cds/shared/format/dates";
import { formatQualified } from "@cds/shared/format/numbers";

type Point = IndicatorHistoryResponse["points"][number];

const W = 320;
const H = 190;
const M = { top: 16, right: 16, bottom: 34, left: 76 };

/** "24/8" for an axis label: the week's last day, without the year. */
function shortDay(iso: string): string {
  const [, month, day] = iso.split("-");
  return `${Number(day)}/${Number(month)}`;
}

/**
 * The indicator week by week, drawn in SVG (no chart library): a title and a summary for screen readers, and
 * the same figures as a table for anyone who prefers numbers. Weeks of demo values are hollow dots.
 */
export function HistoryChart({ history }: { history: IndicatorHistoryResponse }) {
  const id = useId();
  const { indicator, points } = history;
  const fmt = (p: Pick<Point, "value" | "qualifier">) =>
    formatQualified(p.value, p.qualifier, { unit: indicator.unit });
  if (points.length === 0) return <p>Chưa có số liệu các tuần trước.</p>;
  const values = points.map((p) => p.value);
  let min = Math.min(...values);
  let max = Math.max(...values);
  if (indicator.unit === "percent") {
    min = Math.max(0, Math.floor(min / 10) * 10);
    max = Math.min(100, Math.ceil(max / 10) * 10);
  }
  // A flat series (a lower bound repeated, "trên 1,2 triệu") is drawn mid-height with one label.
  const flat = max === min;
  const ticks = flat ? [min] : [min, (min + max) / 2, max];
  const x = (i: number) =>
    M.left + (points.length === 1 ? (W - M.left - M.right) / 2 : (i * (W - M.left - M.right)) / (points.length - 1));
  const y = (v: number) =>
    flat ? (M.top + H - M.bottom) / 2 : M.top + ((max - v) * (H - M.top - M.bottom)) / (max - min);
  const first = points[0]!;
  const last = points[points.length - 1]!;
  const anySample = points.some((p) => p.sample);
  const summary = `Từ ${fmt(first)} (${first.period.label}) đến ${fmt(last)} (${last.period.label}), ${points.length} tuần.`;

  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} className="chart-svg">
        <title id={`${id}-title`}>{`Biểu đồ ${indicator.label} theo tuần`}</title>
        <desc id={`${id}-desc`}>{summary + (anySample ? " Có tuần là số liệu minh họa." : "")}</desc>
        {ticks.map((v) => (
          <g key={v}>
            <line x1={M.left} x2={W - M.right} y1={y(v)} y2={y(v)} className="chart-grid" />
            <text x={M.left - 8} y={y(v) + 5} textAnchor="end" className="chart-axis">
              {formatQualified(Math.round(v), undefined, { unit: indicator.unit })}
            </text>
          </g>
        ))}
        <polyline points={points.map((p, i) => `${x(i)},${y(p.value)}`).join(" ")} className="chart-line" />
        {points.map((p, i) => (
          <circle
            key={p.period.to}
            cx={x(i)}
            cy={y(p.value)}
            r={5}
            className={p.sample ? "chart-dot chart-dot-sample" : "chart-dot"}
          />
        ))}
        <text x={x(0)} y={H - 10} textAnchor="start" className="chart-axis">
          {shortDay(first.period.to)}
        </text>
        <text x={x(points.length - 1)} y={H - 10} textAnchor="end" className="chart-axis">
          {shortDay(last.period.to)}
        </text>
      </svg>
      <figcaption className="chart-caption">
        {summary}
        {anySample && " Chấm rỗng: số liệu minh họa, không phải số liệu báo cáo."}
      </figcaption>
      <details className="chart-table">
        <summary>Xem bảng số liệu theo tuần</summary>
        <table>
          <caption className="sr-only">{indicator.label} theo tuần</caption>
          <thead>
            <tr>
              <th scope="col">Tuần</th>
              <th scope="col">Số liệu</th>
            </tr>
          </thead>
          <tbody>
            {[...points].reverse().map((p) => (
              <tr key={p.period.to}>
                <th scope="row">
                  {p.period.label}
                  <span className="table-sub">{formatPeriodRange(p.period)}</span>
                </th>
                <td>
                  {fmt(p)}
                  {p.sample && <span className="tag-sample">minh họa</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
