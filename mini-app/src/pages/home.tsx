import type { ApiIndicator } from "@cds/shared";
import { AppLink } from "../components/app-link";
import { AppPage } from "../components/app-page";
import { IndicatorCard } from "../components/indicator-card";
import { Period } from "../components/period";
import { Skeleton } from "../components/skeleton";
import { ErrorState, StaleNotice } from "../components/status";
import { citizenConfig } from "../config";
import { dayText } from "../format";
import { paths } from "../routing";
import { useCatalogue, useIndicators } from "../state/data";

/** The week's headline figures, as the catalogue marks them (`headline`), in catalogue order. */
export default function HomePage() {
  const week = useIndicators();
  const catalogue = useCatalogue();
  const retry = () => {
    week.retry();
    catalogue.retry();
  };
  const error = week.error ?? catalogue.error;
  const savedAt = week.savedAt ?? catalogue.savedAt;
  const headline: ApiIndicator[] =
    week.data && catalogue.data
      ? catalogue.data.indicators
          .filter((d) => d.headline)
          .flatMap((d) => week.data?.indicators.find((i) => i.id === d.id) ?? [])
      : [];

  return (
    <AppPage title={citizenConfig.title}>
      <section className="intro" aria-labelledby="home-title">
        <h1 id="home-title">Số liệu chuyển đổi số</h1>
        {week.data && (
          <>
            <Period period={week.data.period} />
            <p className="updated">Cập nhật {dayText(week.data.publishedAt)}</p>
          </>
        )}
      </section>
      {savedAt && error && <StaleNotice savedAt={savedAt} onRetry={retry} />}
      {week.data && catalogue.data ? (
        <>
          {week.data.sample && (
            <p className="notice notice-sample">
              Tuần này có số liệu minh họa, không phải số liệu báo cáo thật. Các số đó được ghi rõ "Số liệu minh họa".
            </p>
          )}
          <section aria-labelledby="headline-title">
            <h2 id="headline-title" className="section-title">
              Chỉ số nổi bật trong tuần
            </h2>
            <ul className="cards" data-testid="headline">
              {headline.map((ind) => (
                <IndicatorCard key={ind.id} indicator={ind} />
              ))}
            </ul>
          </section>
          <nav className="more-links" aria-label="Xem thêm">
            <AppLink to={paths.groups} className="more-link">
              Xem tất cả {week.data.indicators.length} chỉ số theo nhóm
            </AppLink>
            <AppLink to={paths.news} className="more-link">
              Đọc bản tin chuyển đổi số
            </AppLink>
          </nav>
        </>
      ) : error && !savedAt ? (
        <ErrorState error={error} onRetry={retry} />
      ) : (
        <Skeleton variant="cards" lines={4} label="Đang tải số liệu tuần này…" />
      )}
    </AppPage>
  );
}
