import express from "express";
import type { AddressInfo } from "node:net";
import { createServer, type Server } from "node:http";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { broadcastCities, DEFAULT_PLATFORM_LIMITS, describeCityCodes, localDayKey } from "@cds/shared";
import { catalogueFor } from "./catalogue";
import { ConfigError, type Config } from "./config";
import { createLogger, type Logger } from "./logger";
import { createApp } from "./http/app";
import { createMetrics } from "./http/metrics";
import { cacheFirst } from "./http/middleware/cache";
import { createPublicApi } from "./http/routes/public";
import { meRoutes } from "./http/routes/me";
import { createProducers } from "./queues/producers";
import { createInboundIntake } from "./queues/inbound-intake";
import { createQueueHandlers } from "./queues/handlers";
import { startWorkerPool, type WorkerPool } from "./queues/worker-pool";
import { createChatRepository } from "./store/chat-repository";
import { createFollowerRegistry } from "./store/follower-registry";
import { keyspace, type Keyspace } from "./store/keys";
import { createSnapshotRepository } from "./store/snapshot-repository";
import { createPostRepository } from "./store/post-repository";
import { createAuditStream } from "./store/audit-stream";
import { createReportRepository } from "./store/report-repository";
import { createCoverStore } from "./store/cover-store";
import { createSendDeps } from "./send-deps";
import { sendProgress } from "./domain/delivery/send";
import { mediaRoutes } from "./http/routes/media";
import { queueBoard } from "./http/routes/admin/queue-board";
import { createSessionRepository } from "./store/session-repository";
import { createSignInThrottle } from "./store/signin-throttle";
import { createUserRepository } from "./store/user-repository";
import { adminRoutes } from "./http/routes/admin";
import { DEFAULT_SESSION_POLICY } from "./domain/accounts/sessions";
import { createRedis, type Redis } from "./store/redis";
import { createReplicationBarrier } from "./store/replication";
import { webhookDedupe } from "./store/webhook-dedupe";
import { contentReader } from "./content-reader";
import { createChatMessenger } from "./zalo/chat-messenger";
import { createRateLimitStore } from "./store/rate-limit-store";
import { isNotAFollower } from "./zalo/errors";
import { createZalo } from "./zalo";
import type { ZaloClient } from "./zalo/client";
import type { FollowerDirectory } from "./domain/followers/confirm-following";
import { healthRoutes } from "./http/routes/health";
import { apiDocsRoutes } from "./http/routes/api-docs";

const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");

export type Role = "all" | "api" | "worker";

export interface RunningBotServer {
  url?: string;
  /** A worker-only process's health and metrics endpoints (WORKER_METRICS_PORT). */
  metricsUrl?: string;
  redis: Redis;
  keys: Keyspace;
  logger: Logger;
  zalo?: ReturnType<typeof createZalo>;
  close(): Promise<void>;
}

const TOKEN_CHECK_INTERVAL_MS = 60_000;

function urlOf(server: Server, host: string): string {
  const { port } = server.address() as AddressInfo;
  return `http://${host === "0.0.0.0" ? "localhost" : host}:${port}`;
}

/** Who follows the OA when the registry does not know: the OA's user detail (a user Zalo does not know, -201, follows nobody). */
const followerDirectory = (client: ZaloClient): FollowerDirectory => ({
  isFollower: async (userId) => {
    try {
      return (await client.userDetail(userId, "priority")).user_is_follower === true;
    } catch (err) {
      if (isNotAFollower(err)) return false;
      throw err;
    }
  },
});

/**
 * Starts the HTTP API and/or the queue workers against the configured Redis. `close()` stops taking
 * requests and jobs, lets the jobs in hand finish, then disconnects.
 */
export async function startBotServer(
  config: Config,
  role: Role = "all",
  logger = createLogger(config.logLevel),
  options: { zaloClock?: () => number } = {},
): Promise<RunningBotServer> {
  // The clock things Zalo times are measured by: webhook events' age, interactions, when a send may start. A
  // test that must not depend on the hour moves it, and the simulator's, to daytime; sessions keep real time.
  const zaloNow = options.zaloClock ?? Date.now;
  if (!config.redis)
    throw new ConfigError(
      "Invalid configuration:\n  REDIS_URL, REDIS_SENTINELS or REDIS_CLUSTER_NODES: one is required to start the bot server (npm start runs a Redis of its own; production names one)",
    );
  const keys = keyspace(config.keyPrefix);
  const redis = createRedis(config.redis, `bot-server:${role}`, logger);
  await redis.ping();
  const producers = createProducers({ redis: config.redis, bullPrefix: keys.bullPrefix, logger });
  const catalogue = catalogueFor(config);
  // A wrong code sends the weekly bulletin to another province's followers: say at every start whom it reaches.
  logger.info(
    {
      broadcastCities: broadcastCities(catalogue.province),
      reaches: describeCityCodes(catalogue.province.zaloCityCodes),
    },
    `broadcasts go to followers in ${describeCityCodes(catalogue.province.zaloCityCodes)}`,
  );
  const registry = createFollowerRegistry(redis, keys);
  const content = contentReader(redis, keys, catalogue);
  const zalo = config.zalo ? createZalo(config, config.zalo, redis, keys, logger) : undefined;
  if (!zalo) logger.warn("no Zalo credentials: the webhook, the chatbot and sending are off");
  const directory = zalo ? followerDirectory(zalo.client) : undefined;

  const posts = createPostRepository(redis, keys);
  const audit = createAuditStream(redis, keys);
  // One barrier for every write that guards a Zalo call: replicated before the call (DESIGN decision 5).
  const durability = createReplicationBarrier(redis, keys.sendBudget, config.redisDurability);
  const delivery = createSendDeps({
    durability,
    config,
    catalogue,
    redis,
    keys,
    producers,
    registry,
    posts,
    audit,
    ...(zalo && { client: zalo.client }),
    now: zaloNow,
  });
  const metrics = createMetrics({
    queueCounts: () => producers.counts(),
    sendsUnderWay: async () =>
      Promise.all(
        (await delivery.sends.activeSends()).map(async (postId) => ({
          postId,
          ...(await sendProgress(delivery, postId)),
        })),
      ),
    ...(zalo && { csUsageToday: () => zalo.usage.day(localDayKey(zaloNow(), DEFAULT_PLATFORM_LIMITS.timeZone)) }),
  });

  let workers: WorkerPool | undefined;
  let tokenTimer: NodeJS.Timeout | undefined;
  if (role !== "api" && zalo && directory) {
    const handlers = createQueueHandlers({
      inbound: {
        registry,
        directory,
        chats: createChatRepository(redis, keys),
        content,
        messenger: createChatMessenger(zalo.client),
        durability,
        chat: { catalogue, miniAppUrl: (path) => `${config.miniAppUrl}${path}` },
        logger,
        now: zaloNow,
      },
      backfill: {
        lister: zalo.client,
        registry,
        logger,
        now: zaloNow,
        timeZone: DEFAULT_PLATFORM_LIMITS.timeZone,
        pageSize: DEFAULT_PLATFORM_LIMITS.getlistMaxCount,
        maxOffset: DEFAULT_PLATFORM_LIMITS.getlistMaxOffset,
      },
      delivery,
    });
    workers = startWorkerPool(handlers, {
      redis: config.redis,
      bullPrefix: keys.bullPrefix,
      logger,
      observer: metrics.jobs,
    });
    tokenTimer = setInterval(() => {
      zalo.tokens.refreshIfDue().catch((err: unknown) => logger.error({ err }, "proactive token refresh failed"));
    }, TOKEN_CHECK_INTERVAL_MS);
    tokenTimer.unref();
  }

  let server: Server | undefined;
  let url: string | undefined;
  let metricsUrl: string | undefined;
  if (role !== "worker") {
    const snapshots = createSnapshotRepository(redis, keys);
    const publicApi = createPublicApi({ snapshots, posts, catalogue, metrics, logger });
    const covers = createCoverStore(redis, keys, config.publicBaseUrl);
    const users = createUserRepository(redis, keys);
    const sessions = createSessionRepository(redis, keys);
    const sessionDeps = {
      users,
      sessions,
      throttle: createSignInThrottle(redis, keys),
      audit,
      policy: DEFAULT_SESSION_POLICY,
      now: Date.now,
    };
    const admin = adminRoutes({
      sessions: sessionDeps,
      workflow: { posts, audit, covers, now: () => new Date() },
      delivery,
      reports: {
        snapshots,
        reports: createReportRepository(redis, keys),
        posts,
        audit,
        catalogue,
        maxChangeShare: config.reportMaxChangeShare,
        now: () => new Date(),
      },
      users: { users, sessions, audit, now: () => new Date() },
      questions: {
        chats: createChatRepository(redis, keys),
        audit,
        ...(zalo && { messenger: createChatMessenger(zalo.client) }),
        now: () => new Date(),
      },
      audit,
      secureCookies: config.publicBaseUrl.startsWith("https:"),
    });
    const app = createApp({
      logger,
      redis,
      metrics,
      workers,
      alarms: zalo ? () => zalo.store.alarms() : undefined,
      webhook: config.zalo
        ? {
            verifier: {
              appId: config.zalo.appId,
              oaId: config.zalo.oaId,
              oaSecretKey: config.zalo.oaSecretKey,
              appSecret: config.zalo.appSecret,
              maxAgeMs: config.webhookMaxAgeMs,
              maxFutureMs: 5 * 60_000,
              now: zaloNow,
            },
            intake: createInboundIntake({
              dedupe: webhookDedupe(redis, keys, Math.ceil(config.webhookMaxAgeMs / 1000) + 600),
              producers,
            }),
            logger,
            metrics,
            maxBodyBytes: config.webhookMaxBodyBytes,
          }
        : undefined,
      publicApi: publicApi.router,
      admin,
      media: mediaRoutes(covers),
      queueBoard: queueBoard(producers.all(), sessionDeps),
      apiDocs: apiDocsRoutes(config.publicBaseUrl),
      httpsOnly: config.publicBaseUrl.startsWith("https:"),
      ...(zalo && directory
        ? {
            me: meRoutes({
              graph: zalo.graph,
              registry,
              directory,
              limits: (name) => createRateLimitStore(redis, keys, name),
            }),
          }
        : {}),
      staticDirs: { miniApp: resolve(packageRoot, "../mini-app/www"), console: resolve(packageRoot, "console/dist") },
    });
    server = await new Promise<Server>((ok, fail) => {
      // Cache hits of the public API are answered before Express (see http/middleware/cache.ts).
      const s = createServer(
        {
          // Node's defaults let a client that announces a body and stalls hold a socket for 5 minutes.
          headersTimeout: config.httpTimeouts.headersMs,
          requestTimeout: config.httpTimeouts.requestMs,
          keepAliveTimeout: config.httpTimeouts.keepAliveMs,
          // How often Node looks for sockets past those deadlines (its default, 30 s, would let them linger).
          connectionsCheckingInterval: 1_000,
        },
        cacheFirst(publicApi.cache, app),
      ).listen(config.port, config.host, () => ok(s));
      s.once("error", fail);
    });
    url = urlOf(server, config.host);
  } else {
    // A worker-only process has no API: it still answers health checks and Prometheus, on its own port.
    const probe = express();
    probe.use(
      healthRoutes({ redis, metrics, ...(workers && { workers }), ...(zalo && { alarms: () => zalo.store.alarms() }) }),
    );
    server = await new Promise<Server>((ok, fail) => {
      const s = createServer(probe).listen(config.workerMetricsPort, config.host, () => ok(s));
      s.once("error", fail);
    });
    metricsUrl = urlOf(server, config.host);
  }

  return {
    url,
    metricsUrl,
    redis,
    keys,
    logger,
    zalo,
    async close() {
      clearInterval(tokenTimer);
      const httpClosed = server
        ? new Promise<void>((r) => {
            server.close(() => r());
            server.closeIdleConnections();
          })
        : Promise.resolve();
      const force = setTimeout(() => server?.closeAllConnections(), config.shutdownTimeoutMs);
      await Promise.all([httpClosed, workers?.close()]);
      clearTimeout(force);
      await producers.close();
      await redis.quit();
    },
  };
}
