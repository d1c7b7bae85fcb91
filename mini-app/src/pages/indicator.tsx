import { useParams } from "react-router-dom";
import { AppPage } from "../components/app-page";
import { ChangeLine } from "../components/change-line";
import { Period } from "../components/period";
import { HistoryChart } from "../components/history-chart";
import { Icon } from "../components/icons";
import { ShareButton } from "../components/share-button";
import { Skeleton } from "../components/skeleton";
import { ErrorState, StaleNotice } from "../components/status";
import { dayText, figureText, formatFigure, periodText, previousFromHistory } from "../format";
import { paths } from "../routing";
import { useCatalogue, useData, useHistory, useIndicators } from "../state/data";

/** One indicator: the week's value, what it means, where it comes from, how it moved, and its open data. */
export default function IndicatorPage() {
  const { id = "" } = useParams();
  const { api } = useData();
  const week = useIndicators();
  const catalogue = useCatalogue();
  const history = useHistory(id);
  const definition = catalogue.data?.indicators.find((d) => d.id === id);
  const indicator = week.data?.indicators.find((i) => i.id === id);
  const group = catalogue.data?.groups.find((g) => g.id === definition?.group);
  const retry = () => {
    week.retry();
    catalogue.retry();
    history.retry();
  };
  const error = week.error ?? catalogue.error;
  const savedAt = week.savedAt ?? catalogue.savedAt ?? history.savedAt;
  const ready = week.data !== undefined && catalogue.data !== undefined;
  const figure = indicator && formatFigure(indicator);

  return (
    <AppPage title="Chi tiết chỉ số" up={definition ? paths.group(definition.group) : paths.groups}>
      {savedAt && (error ?? history.error) && <StaleNotice savedAt={savedAt} onRetry={retry} />}
      {!ready ? (
        error && !savedAt ? (
          <ErrorState error={error} onRetry={retry} />
        ) : (
          <Skeleton lines={3} />
        )
      ) : !definition ? (
        <div className="notice notice-error" role="alert">
          <h1>Không tìm thấy chỉ số</h1>
          <p>Chỉ số này không có trong danh mục. Hãy chọn trong danh sách các chỉ số.</p>
        </div>
      ) : (
        <article className="detail" aria-labelledby="indicator-title">
          {group && <p className="eyebrow">{group.label}</p>}
          <h1 id="indicator-title">{definition.label}</h1>
          {week.data && <Period period={week.data.period} />}
          {indicator && figure ? (
            <div className="detail-figure">
              <p className="card-value">
                <span className="figure figure-xl">{figure.value}</span>
                {figure.unit && <span className="figure-unit"> {figure.unit}</span>}
              </p>
              <ChangeLine indicator={indicator} previous={previousFromHistory(history.data)} />
              {indicator.sample && <p className="tag-sample">Số liệu minh họa</p>}
            </div>
          ) : (
            <p className="notice notice-stale">Báo cáo tuần này không có số liệu cho chỉ số này.</p>
          )}

          <section aria-labelledby="meaning-title">
            <h2 id="meaning-title" className="section-title">
              Chỉ số này cho biết gì?
            </h2>
            <p>{definition.definition}</p>
            <dl className="facts">
              <dt>Nguồn số liệu</dt>
              <dd>{definition.source}</dd>
              <dt>Đơn vị</dt>
              <dd>{definition.unit === "percent" ? "Phần trăm (%)" : definition.unitLabel}</dd>
              {week.data && (
                <>
                  <dt>Kỳ báo cáo</dt>
                  <dd>{periodText(week.data.period)}</dd>
                  <dt>Ngày công bố</dt>
                  <dd>{dayText(week.data.publishedAt)}</dd>
                </>
              )}
            </dl>
          </section>

          <section aria-labelledby="history-title">
            <h2 id="history-title" className="section-title">
              Diễn biến theo tuần
            </h2>
            {history.data ? (
              <HistoryChart history={history.data} />
            ) : history.error && !history.savedAt ? (
              <ErrorState error={history.error} onRetry={history.retry} />
            ) : (
              <Skeleton lines={1} label="Đang tải diễn biến…" />
            )}
          </section>

          <section aria-labelledby="open-data-title">
            <h2 id="open-data-title" className="section-title">
              Dữ liệu mở
            </h2>
            <p>
              Tải số liệu tất cả các tuần để tự xem, phân tích hoặc dùng lại (giấy phép{" "}
              {catalogue.data?.province.openDataLicense}).
            </p>
            <ul className="downloads">
              <li>
                <a href={api.openDataUrl("indicators.csv")} download className="download-link">
                  <Icon name="download" size={20} /> Tải bảng số liệu (CSV)
                </a>
              </li>
              <li>
                <a href={api.openDataUrl("indicators.json")} download className="download-link">
                  <Icon name="download" size={20} /> Tải số liệu (JSON)
                </a>
              </li>
              <li>
                <a href={api.openDataUrl("dictionary.json")} download className="download-link">
                  <Icon name="download" size={20} /> Từ điển dữ liệu (JSON)
                </a>
              </li>
            </ul>
          </section>

          <ShareButton
            label="Chia sẻ chỉ số này"
            title={definition.label}
            description={
              indicator && week.data
                ? `${figureText(indicator)} — ${periodText(week.data.period)}`
                : definition.definition
            }
            path={paths.indicator(definition.id)}
          />
        </article>
      )}
    </AppPage>
  );
}
