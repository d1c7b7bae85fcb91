/** Grey placeholders in the shape of what is loading; screen readers hear one "Đang tải" instead. */
export function Skeleton({
  lines = 3,
  label = "Đang tải dữ liệu…",
  variant = "list",
}: {
  lines?: number;
  label?: string;
  variant?: "list" | "cards";
}) {
  return (
    <div className={`skeleton skeleton-${variant}`} role="status" aria-live="polite">
      <span className="sr-only">{label}</span>
      {Array.from({ length: lines }, (_, i) => (
        <div key={i} className="skeleton-block" aria-hidden="true">
          <div className="skeleton-line skeleton-line-short" />
          <div className="skeleton-line skeleton-line-big" />
          <div className="skeleton-line" />
        </div>
      ))}
    </div>
  );
}
