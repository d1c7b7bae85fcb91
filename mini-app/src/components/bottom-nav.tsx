import { useLocation } from "react-router-dom";
import { BottomNavigation, useNavigate } from "zmp-ui";
import { paths } from "../routing";
import { Icon, type IconName } from "./icons";

const TABS: { key: string; label: string; icon: IconName }[] = [
  { key: paths.home, label: "Trang chủ", icon: "home" },
  { key: paths.groups, label: "Chỉ số", icon: "chart" },
  { key: paths.news, label: "Tin tức", icon: "news" },
  { key: paths.settings, label: "Nhận tin", icon: "bell" },
];

/** The tab a route belongs to: "/indicators/x" is under "Chỉ số", "/news/x" under "Tin tức". */
function tabOf(pathname: string): string {
  if (pathname.startsWith("/indicators") || pathname.startsWith("/groups")) return paths.groups;
  if (pathname.startsWith("/news")) return paths.news;
  if (pathname.startsWith("/settings")) return paths.settings;
  return paths.home;
}

export function BottomNav() {
  const location = useLocation();
  const navigate = useNavigate();
  const active = tabOf(location.pathname);
  return (
    <nav aria-label="Điều hướng chính" className="bottom-nav">
      <BottomNavigation
        fixed
        activeKey={active}
        onChange={(key) => key !== active && navigate(key, { animate: false })}
      >
        {TABS.map((t) => (
          <BottomNavigation.Item
            key={t.key}
            itemKey={t.key}
            label={
              <>
                {t.label}
                {t.key === active && <span className="sr-only"> (đang xem)</span>}
              </>
            }
            icon={<Icon name={t.icon} />}
          />
        ))}
      </BottomNavigation>
    </nav>
  );
}
