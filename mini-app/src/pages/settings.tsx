import { useEffect, useState } from "react";
import { Button } from "zmp-ui";
import { ActionButton } from "../components/action-button";
import { AppPage } from "../components/app-page";
import { Icon } from "../components/icons";
import { citizenConfig } from "../config";
import { paths } from "../routing";
import type { CitizenApi } from "../services/types";
import { useCatalogue, useData } from "../state/data";
import {
  changeSubscription,
  readSubscription,
  type SubscriptionDeps,
  type SubscriptionView,
} from "../state/subscription";
import { followOA, getAccessToken, insideZalo } from "../zalo";

const zaloDeps = (api: CitizenApi): SubscriptionDeps => ({
  api,
  insideZalo: () => insideZalo(),
  accessToken: getAccessToken,
});

/** Follow the Official Account and subscribe to (or leave) the weekly digest. */
export default function SettingsPage() {
  const { api } = useData();
  const [view, setView] = useState<SubscriptionView>();
  const [busy, setBusy] = useState(false);
  const oaName = useCatalogue().data?.province.oaName;

  useEffect(() => {
    let live = true;
    void readSubscription(zaloDeps(api)).then((v) => live && setView(v));
    return () => {
      live = false;
    };
  }, [api]);

  const toggle = async (subscribe: boolean) => {
    setBusy(true);
    setView(await changeSubscription(zaloDeps(api), subscribe));
    setBusy(false);
  };

  return (
    <AppPage title="Nhận tin" up={paths.home}>
      <section className="intro" aria-labelledby="settings-title">
        <h1 id="settings-title">Nhận tin qua Zalo</h1>
      </section>

      <section className="panel" aria-labelledby="follow-title">
        <h2 id="follow-title" className="section-title">
          Quan tâm Official Account
        </h2>
        <p>
          Quan tâm Official Account {oaName ? `"${oaName}"` : "của tỉnh"} để nhận bản tin hằng tuần và hỏi đáp số liệu
          ngay trong Zalo.
        </p>
        <ActionButton icon={<Icon name="bell" size={20} />} action={() => followOA(citizenConfig.oaId)}>
          Quan tâm Official Account
        </ActionButton>
      </section>

      <section className="panel" aria-labelledby="digest-title" aria-busy={busy || view === undefined}>
        <h2 id="digest-title" className="section-title">
          Bản tin hằng tuần
        </h2>
        <p>Mỗi tuần một tin nhắn tóm tắt các số liệu chuyển đổi số mới nhất. Bạn có thể hủy bất cứ lúc nào.</p>
        {view === undefined ? (
          <p role="status">Đang kiểm tra đăng ký…</p>
        ) : view.kind === "ready" ? (
          <>
            <p className="subscription-state" role="status">
              {view.message ??
                (view.subscribed ? "Bạn đang nhận bản tin hằng tuần." : "Bạn chưa đăng ký nhận bản tin.")}
            </p>
            <Button
              variant={view.subscribed ? "secondary" : "primary"}
              size="large"
              fullWidth
              loading={busy}
              onClick={() => void toggle(!view.subscribed)}
            >
              {view.subscribed ? "Hủy đăng ký bản tin" : "Đăng ký nhận bản tin"}
            </Button>
          </>
        ) : (
          <p className={view.kind === "error" ? "action-status action-status-error" : "notice"} role="status">
            {view.message}
          </p>
        )}
      </section>
    </AppPage>
  );
}
