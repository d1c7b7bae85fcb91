import { useParams } from "react-router-dom";
import { Tabs, useNavigate } from "zmp-ui";
import { AccessibleTabs } from "../components/accessible-tabs";
import { AppPage } from "../components/app-page";
import { IndicatorRow } from "../components/indicator-row";
import { Period } from "../components/period";
import { Skeleton } from "../components/skeleton";
import { ErrorState, StaleNotice } from "../components/status";
import { previousFromSnapshots } from "../format";
import { paths } from "../routing";
import { useCatalogue, useIndicators, useSnapshots } from "../state/data";

/** Every catalogue indicator, one tab per group; `/groups/<group>` opens that group's tab. */
export default function GroupsPage() {
  const { group } = useParams();
  const navigate = useNavigate();
  const week = useIndicators();
  const catalogue = useCatalogue();
  const previous = previousFromSnapshots(useSnapshots().data, week.data?.period.to);
  const retry = () => {
    week.retry();
    catalogue.retry();
  };
  const groups = catalogue.data?.groups ?? [];
  const active = groups.some((g) => g.id === group) ? group : groups[0]?.id;
  const error = week.error ?? catalogue.error;
  const savedAt = week.savedAt ?? catalogue.savedAt;

  return (
    <AppPage title="Chỉ số theo nhóm" up={paths.home}>
      <section className="intro" aria-labelledby="groups-title">
        <h1 id="groups-title">Tất cả chỉ số</h1>
        {week.data && <Period period={week.data.period} />}
      </section>
      {savedAt && error && <StaleNotice savedAt={savedAt} onRetry={retry} />}
      {week.data && catalogue.data ? (
        <AccessibleTabs>
          <Tabs
            id="groups"
            scrollable
            activeKey={active}
            onChange={(key) => navigate(paths.group(key), { replace: true, animate: false })}
          >
            {groups.map((g) => (
              <Tabs.Tab key={g.id} label={g.label}>
                <h2 className="section-title">{g.label}</h2>
                <ul className="rows">
                  {catalogue.data?.indicators
                    .filter((d) => d.group === g.id)
                    .map((d) => (
                      <IndicatorRow
                        key={d.id}
                        definition={d}
                        indicator={week.data?.indicators.find((i) => i.id === d.id)}
                        previous={previous}
                      />
                    ))}
                </ul>
              </Tabs.Tab>
            ))}
          </Tabs>
        </AccessibleTabs>
      ) : error && !savedAt ? (
        <ErrorState error={error} onRetry={retry} />
      ) : (
        <Skeleton lines={5} />
      )}
    </AppPage>
  );
}
