/**
 * A small trend line for a card. Decorative for screen readers (the card says the change in words); weeks
 * with made-up demo values are drawn dashed and named below the line, so sample data never passes as fact.
 */
export interface TrendPoint {
  value: number;
  sample?: boolean;
}

const W = 120;
const H = 36;
const PAD = 4;

export function TrendLine({ points }: { points: TrendPoint[] }) {
  if (points.length < 2) return null;
  const values = points.map((p) => p.value);
  const min = Math.min(...values);
  const span = Math.max(...values) - min || 1;
  const xy = points.map((p, i) => ({
    x: PAD + (i * (W - 2 * PAD)) / (points.length - 1),
    y: H - PAD - ((p.value - min) * (H - 2 * PAD)) / span,
  }));
  const last = xy[xy.length - 1]!;
  const sample = points.some((p) => p.sample);
  return (
    <div className="trend">
      <svg className="trend-line" viewBox={`0 0 ${W} ${H}`} width={W} height={H} aria-hidden="true" focusable="false">
        <polyline
          points={xy.map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(" ")}
          fill="none"
          stroke="currentColor"
          strokeWidth={2.5}
          strokeDasharray={sample ? "5 4" : undefined}
          strokeLinejoin="round"
          strokeLinecap="round"
        />
        <circle cx={last.x} cy={last.y} r={4} fill="currentColor" />
      </svg>
      {sample && <span className="trend-note">Đường xu hướng có số liệu minh họa</span>}
    </div>
  );
}
