/**
 * Where the app runs and which page a URL asks for. The same build is served by Zalo under
 * `/zapps/<APP_ID>/…`, by the bot server under its preview path (`/app/…`) and by the Vite dev server at `/`.
 * zmp-ui's router uses the browser's history with basename `/zapps/<APP_ID>` in every production build: right
 * inside Zalo (the phone's back button then goes back a page), matching nothing anywhere else. There it runs
 * in memory instead, and the page a deep link names is read from the URL here and opened at start.
 */
export interface AppLocation {
  /** The path the app is served under, without a trailing slash ("" at the origin's root). */
  base: string;
  /** The in-app route, always starting with "/". */
  path: string;
}

const ZAPPS_BASE = /^\/zapps\/[^/]+/;

function isUnder(pathname: string, base: string): boolean {
  return base !== "" && (pathname === base || pathname.startsWith(`${base}/`));
}

export function locateApp(pathname: string, previewBase: string): AppLocation {
  const preview = previewBase.replace(/\/+$/, "");
  const zapps = ZAPPS_BASE.exec(pathname);
  const base = zapps ? zapps[0] : isUnder(pathname, preview) ? preview : "";
  const rest = pathname.slice(base.length).replace(/\/+$/, "");
  // A server may answer the bare file name of the page: it is the home page.
  const path = rest === "" || rest === "/index.html" ? "/" : rest;
  return { base, path };
}

/** True where zmp-ui's browser-history router matches the URL: under `/zapps/<APP_ID>` with Zalo's APP_ID set. */
export function zaloHistoryApplies(location: AppLocation, appId: string | undefined): boolean {
  return typeof appId === "string" && appId !== "" && location.base === `/zapps/${appId}`;
}

/** An absolute link to a page of the app, for sharing outside Zalo. */
export function appLink(origin: string, base: string, path: string): string {
  return `${origin}${base}${path}`;
}

/**
 * A path segment. Indicator ids contain a dot ("smart_hd.installs"), and static servers, the bot server's SPA
 * fallback among them, take a last segment with a dot for a file and answer 404: the dot is percent-encoded,
 * which the router decodes back.
 */
const segment = (value: string) => encodeURIComponent(value).replace(/\./g, "%2E");

/** The app's routes, one place, so pages and deep links (the chatbot's buttons) agree. */
export const paths = {
  home: "/",
  groups: "/groups",
  group: (group: string) => `/groups/${segment(group)}`,
  indicator: (id: string) => `/indicators/${segment(id)}`,
  news: "/news",
  post: (id: string) => `/news/${segment(id)}`,
  settings: "/settings",
} as const;
