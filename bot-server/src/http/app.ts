import express, { type Router } from "express";
import helmet from "helmet";
import type { Logger } from "../logger";
import type { Redis } from "../store/redis";
import type { WorkerPool } from "../queues/worker-pool";
import type { Metrics } from "./metrics";
import { requestLogging, requestMetrics } from "./middleware/request-context";
import { errorHandler, notFound } from "./middleware/errors";
import { healthRoutes } from "./routes/health";
import { PUBLIC_API_BASE } from "./routes/public";
import { webhookRoutes } from "./routes/webhook";
import { frontEndRoutes } from "./routes/front-ends";

export interface AppDeps {
  logger: Logger;
  redis: Redis;
  metrics: Metrics;
  workers?: WorkerPool;
  alarms?: () => Promise<Record<string, unknown>>;
  /** Present when Zalo credentials are configured. */
  webhook?: Parameters<typeof webhookRoutes>[0];
  /** The public read API, mounted at PUBLIC_API_BASE (see routes/public). */
  publicApi?: Router;
  /** A citizen's own data under /api/v1/me, when Zalo credentials are configured. */
  me?: Router;
  /** Sign-in and the editors' admin API (`/api/v1/session`, `/api/v1/admin/*`). */
  admin?: Router;
  /** Post covers under /media/covers. */
  media?: Router;
  /** The operators' queue view (Bull Board) under /admin/queues. */
  queueBoard?: Router;
  /** The public API's OpenAPI document and its reference page. */
  apiDocs?: Router;
  /** The public URL is https: browsers may be told to upgrade every request. */
  httpsOnly?: boolean;
  /** Built front ends, served when their folders exist. */
  staticDirs?: { miniApp?: string; console?: string };
}

export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback");
  app.use(requestMetrics(deps.metrics));
  // The webhook comes first: at Zalo's peak every microsecond per event counts, and its answers go to Zalo,
  // not to a browser (no security headers needed); it logs its own rejections.
  if (deps.webhook) app.use(webhookRoutes(deps.webhook));
  app.use(requestLogging(deps.logger));
  // Before helmet: the public API sets its own headers (CORS, cross-origin readable), the same on every answer
  // whether it comes from Express or straight from the cache.
  if (deps.publicApi) app.use(PUBLIC_API_BASE, deps.publicApi);
  if (deps.me) app.use(PUBLIC_API_BASE, deps.me);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // Post covers may live on a CDN; everything else is served from here.
          "img-src": ["'self'", "data:", "https:"],
          // Only behind https: over plain http (a phone on the LAN opening the preview) it breaks every asset.
          "upgrade-insecure-requests": deps.httpsOnly ? [] : null,
        },
      },
    }),
  );
  if (deps.admin) app.use(deps.admin);
  if (deps.media) app.use(deps.media);
  if (deps.queueBoard) app.use(deps.queueBoard);
  if (deps.apiDocs) app.use(deps.apiDocs);
  app.use(healthRoutes(deps));
  if (deps.staticDirs?.miniApp) app.use(frontEndRoutes("/app", deps.staticDirs.miniApp));
  if (deps.staticDirs?.console) app.use(frontEndRoutes("/console", deps.staticDirs.console));
  app.use(notFound);
  app.use(errorHandler(deps.logger));
  return app;
}
