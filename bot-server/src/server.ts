import type { AddressInfo } from "node:net";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Config } from "./config";
import { createLogger, type Logger } from "./logger";
import { createApp } from "./http/app";
import { createMetrics } from "./http/metrics";
import { startWorkerPool, type QueueHandler, type WorkerPool } from "./queues/worker-pool";
import { keyspace, type Keyspace } from "./store/keys";
import { createRedis, type Redis } from "./store/redis";

const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");

export type Role = "all" | "api" | "worker";

export interface RunningBotServer {
  url?: string;
  redis: Redis;
  keys: Keyspace;
  logger: Logger;
  close(): Promise<void>;
}

/** Registered consumers. Start-up fails if a queue has two handlers (see startWorkerPool). */
const handlers: QueueHandler[] = [];

/**
 * Starts the HTTP API and/or the queue workers against the configured Redis. `close()` stops taking
 * requests and jobs, lets the jobs in hand finish, then disconnects.
 */
export async function startBotServer(config: Config, role: Role = "all", logger = createLogger(config.logLevel)): Promise<RunningBotServer> {
  if (!config.redisUrl) throw new Error("REDIS_URL is required to start the bot server");
  const keys = keyspace(config.keyPrefix);
  const redis = createRedis(config.redisUrl, `bot-server:${role}`);
  await redis.ping();
  const metrics = createMetrics();
  let workers: WorkerPool | undefined;
  if (role !== "api") workers = startWorkerPool(handlers, { redisUrl: config.redisUrl, bullPrefix: keys.bullPrefix, logger });

  let server: import("node:http").Server | undefined;
  let url: string | undefined;
  if (role !== "worker") {
    const app = createApp({
      logger,
      redis,
      metrics,
      workers,
      staticDirs: { miniApp: resolve(packageRoot, "../mini-app/www"), console: resolve(packageRoot, "console/dist") },
    });
    server = await new Promise((ok, fail) => {
      const s = app.listen(config.port, config.host, () => ok(s));
      s.once("error", fail);
    });
    const { port } = server!.address() as AddressInfo;
    url = `http://${config.host === "0.0.0.0" ? "localhost" : config.host}:${port}`;
  }

  return {
    url,
    redis,
    keys,
    logger,
    async close() {
      const httpClosed = server
        ? new Promise<void>((r) => {
            server!.close(() => r());
            server!.closeIdleConnections();
          })
        : Promise.resolve();
      const force = setTimeout(() => server?.closeAllConnections(), config.shutdownTimeoutMs);
      await Promise.all([httpClosed, workers?.close()]);
      clearTimeout(force);
      await redis.quit();
    },
  };
}
