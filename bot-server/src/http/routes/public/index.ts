import { Router } from "express";
import type { Catalogue } from "@cds/shared";
import type { Logger } from "../../../logger";
import type { PostRepository } from "../../../domain/posts/ports";
import type { SnapshotRepository } from "../../../domain/indicators/ports";
import type { Metrics } from "../../metrics";
import { createResponseCache, type ResponseCache } from "../../middleware/cache";
import { catalogueRoutes } from "./catalogue";
import { indicatorRoutes } from "./indicators";
import { openDataRoutes } from "./open-data";
import { postRoutes } from "./posts";
import { snapshotRoutes } from "./snapshots";

export interface PublicApiDeps {
  snapshots: SnapshotRepository;
  posts: PostRepository;
  catalogue: Catalogue;
  metrics?: Metrics;
  logger?: Logger;
}

/** Where the app mounts the public API. */
export const PUBLIC_API_BASE = "/api/v1";

/** What the public routes share: the data, and the one cache every GET answers through. */
export interface PublicRouteDeps {
  snapshots: SnapshotRepository;
  posts: PostRepository;
  catalogue: Catalogue;
  cache: ResponseCache;
  /**
   * The canonical path of a route, its cache key. Fixed rather than taken from the request: Express matches
   * paths case-insensitively and decodes parameters, and each spelling must not get its own entry.
   */
  path(route: string): string;
}

export interface PublicApi {
  /** Mount at PUBLIC_API_BASE. */
  router: Router;
  /** Put in front of the app with `cacheFirst` so hits skip Express. */
  cache: ResponseCache;
}

/**
 * Browsers and CDNs may reuse an answer for 60 s, then serve it stale for up to 5 more minutes while they
 * revalidate in the background (a cheap 304 thanks to the ETag). Weekly figures tolerate that delay, and it
 * lets the Zalo webview and any proxy absorb the surge that follows a broadcast. The worst case is a
 * correction reaching a given reader up to 6 minutes late; our own cache follows a publish within
 * CHECK_INTERVAL_MS.
 */
const CACHE_CONTROL = "public, max-age=60, stale-while-revalidate=300";

/**
 * How often, at most, each process reads the Redis "published version" counter. Polling was chosen over
 * pub/sub: one GET per 250 ms per process is nothing for Redis, needs no extra connection, and cannot miss a
 * message while a connection is down (a pub/sub subscriber would have to treat every reconnect as a change).
 * Readers see another process's publication at most 250 ms late.
 */
const CHECK_INTERVAL_MS = 250;

/** Open data for any site: CORS open for reads; nosniff; readable cross-origin (helmet's default is same-origin). */
const PUBLIC_HEADERS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Expose-Headers": "ETag, Last-Modified",
  "X-Content-Type-Options": "nosniff",
  "Cross-Origin-Resource-Policy": "cross-origin",
};

const PREFLIGHT_HEADERS = {
  "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
  "Access-Control-Allow-Headers": "If-None-Match, If-Modified-Since, X-Request-Id",
  "Access-Control-Max-Age": "86400",
};

/** The public read API (`/api/v1`): JSON and CSV, no authentication, every GET served through one cache. */
export function createPublicApi(deps: PublicApiDeps): PublicApi {
  const cache = createResponseCache({
    readVersion: () => deps.snapshots.publishedVersion(),
    checkIntervalMs: CHECK_INTERVAL_MS,
    cacheControl: CACHE_CONTROL,
    headers: PUBLIC_HEADERS,
    onServed: (route, method, status, seconds) => {
      deps.metrics?.httpRequests.inc({ method, route, status: String(status) });
      deps.metrics?.httpDuration.observe({ method, route }, seconds);
    },
    onCheckFailed: (err) =>
      deps.logger?.warn({ err }, "public API: could not read the published version, serving cached answers"),
  });
  const routeDeps: PublicRouteDeps = {
    snapshots: deps.snapshots,
    posts: deps.posts,
    catalogue: deps.catalogue,
    cache,
    path: (route) => `${PUBLIC_API_BASE}${route}`,
  };

  const router = Router();
  // Only these paths: other routes under /api/v1 (a citizen's own data) need their own CORS policy.
  router.use(["/indicators", "/snapshots", "/catalogue", "/open-data", "/posts"], (req, res, next) => {
    res.set(PUBLIC_HEADERS);
    // Errors are never cached; answers from the cache replace this with CACHE_CONTROL.
    res.set("Cache-Control", "no-store");
    if (req.method === "OPTIONS") {
      res.set(PREFLIGHT_HEADERS).status(204).end();
      return;
    }
    next();
  });
  router.use(indicatorRoutes(routeDeps));
  router.use(snapshotRoutes(routeDeps));
  router.use(catalogueRoutes(routeDeps));
  router.use(openDataRoutes(routeDeps));
  router.use(postRoutes(routeDeps));
  return { router, cache };
}
