import { existsSync } from "node:fs";
import express from "express";
import helmet from "helmet";
import type { Logger } from "../logger";
import type { Redis } from "../store/redis";
import type { WorkerPool } from "../queues/worker-pool";
import type { Metrics } from "./metrics";
import { requestContext } from "./middleware/request-context";
import { errorHandler, notFound } from "./middleware/errors";
import { healthRoutes } from "./routes/health";
import { webhookRoutes } from "./routes/webhook";

export interface AppDeps {
  logger: Logger;
  redis: Redis;
  metrics: Metrics;
  workers?: WorkerPool;
  alarms?: () => Promise<Record<string, unknown>>;
  /** Present when Zalo credentials are configured. */
  webhook?: Parameters<typeof webhookRoutes>[0];
  /** Built front ends, served when their folders exist. */
  staticDirs?: { miniApp?: string; console?: string };
}

export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", "loopback");
  app.use(helmet());
  app.use(requestContext(deps.logger, deps.metrics));
  app.use(healthRoutes(deps));
  if (deps.webhook) app.use(webhookRoutes(deps.webhook));
  for (const [mount, dir] of [["/app", deps.staticDirs?.miniApp], ["/console", deps.staticDirs?.console]] as const) {
    if (dir && existsSync(dir)) app.use(mount, express.static(dir, { index: "index.html", maxAge: "1h" }));
  }
  app.use(notFound);
  app.use(errorHandler);
  return app;
}
