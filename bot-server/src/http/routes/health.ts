import { Router } from "express";
import type { Redis } from "../../store/redis";
import type { WorkerPool } from "../../queues/worker-pool";
import type { Metrics } from "../metrics";

/** Liveness (process up), readiness (Redis answers and workers consume), and Prometheus metrics. */
export function healthRoutes(deps: {
  redis: Redis;
  workers?: WorkerPool;
  metrics: Metrics;
  alarms?: () => Promise<Record<string, unknown>>;
}): Router {
  const router = Router();
  router.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  router.get("/readyz", async (_req, res) => {
    const redisOk = await Promise.race([
      deps.redis.ping().then(
        (r) => r === "PONG",
        () => false,
      ),
      new Promise<boolean>((r) => setTimeout(() => r(false), 1000)),
    ]);
    const workersOk = deps.workers ? deps.workers.isRunning() : true;
    // Alarms (e.g. a dead Zalo refresh token) need a person but do not stop the API from serving.
    const alarms = redisOk && deps.alarms ? await deps.alarms().catch(() => ({})) : {};
    const down = [...(redisOk ? [] : ["redis"]), ...(workersOk ? [] : ["workers"])];
    const body = {
      status: down.length === 0 ? "ready" : "not_ready",
      down,
      redis: redisOk,
      workers: { running: workersOk, queues: deps.workers?.queues ?? [] },
      alarms,
    };
    res.status(redisOk && workersOk ? 200 : 503).json(body);
  });
  router.get("/metrics", async (_req, res) => {
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });
  return router;
}
