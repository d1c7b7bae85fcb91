import { lazy, useEffect, useState, type ComponentType, type LazyExoticComponent } from "react";
import { Route, useLocation } from "react-router-dom";
import { AnimationRoutes, useNavigate } from "zmp-ui";
import { appLocation, routerInMemory } from "../app-location";
import HomePage from "../pages/home";
import { HistoryDepthProvider } from "./app-page";
import { BottomNav } from "./bottom-nav";
import { PageBoundary } from "./page-boundary";

// Everything but the home page is split off: the home page's download stays within the first-load budget.
const load = {
  groups: () => import("../pages/groups"),
  indicator: () => import("../pages/indicator"),
  news: () => import("../pages/news"),
  post: () => import("../pages/post"),
  settings: () => import("../pages/settings"),
  notFound: () => import("../pages/not-found"),
};
const GroupsPage = lazy(load.groups);
const IndicatorPage = lazy(load.indicator);
const NewsPage = lazy(load.news);
const PostPage = lazy(load.post);
const SettingsPage = lazy(load.settings);
const NotFoundPage = lazy(load.notFound);

const page = (Lazy: LazyExoticComponent<ComponentType>) => (
  <PageBoundary>
    <Lazy />
  </PageBoundary>
);

/**
 * In memory, opens the page a deep link names (a chat button's `/indicators/<id>`) before anything is shown.
 * In a passive effect: the memory router subscribes to its history in a layout effect of its own, which runs
 * after its children's, so a navigation from a child's layout effect on the first render would be lost.
 */
function useDeepLinkOpened(): boolean {
  const navigate = useNavigate();
  const [opened, setOpened] = useState(!routerInMemory || appLocation.path === "/");
  useEffect(() => {
    if (opened) return;
    navigate(appLocation.path, { replace: true, animate: false });
    setOpened(true);
  }, [opened, navigate]);
  return opened;
}

/** With the router in memory, the address bar still follows the page: a reload or a copied address opens it. */
function FollowInAddressBar() {
  const { pathname } = useLocation();
  useEffect(() => {
    if (routerInMemory) window.history.replaceState(window.history.state, "", `${appLocation.base}${pathname}`);
  }, [pathname]);
  return null;
}

/** Once the first page is up, fetch the other pages' code while the phone is idle, so they open offline too. */
function PrefetchPages() {
  useEffect(() => {
    const run = () => Object.values(load).forEach((l) => void l().catch(() => undefined));
    const timer = setTimeout(run, 2000);
    return () => clearTimeout(timer);
  }, []);
  return null;
}

export function Layout() {
  if (!useDeepLinkOpened()) return null;
  return (
    <HistoryDepthProvider>
      <FollowInAddressBar />
      <PrefetchPages />
      <AnimationRoutes>
        <Route path="/" element={<HomePage />} />
        <Route path="/groups" element={page(GroupsPage)} />
        <Route path="/groups/:group" element={page(GroupsPage)} />
        <Route path="/indicators/:id" element={page(IndicatorPage)} />
        <Route path="/news" element={page(NewsPage)} />
        <Route path="/news/:id" element={page(PostPage)} />
        <Route path="/settings" element={page(SettingsPage)} />
        <Route path="*" element={page(NotFoundPage)} />
      </AnimationRoutes>
      <BottomNav />
    </HistoryDepthProvider>
  );
}
