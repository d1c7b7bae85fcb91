import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/** Job counts by queue and state, read when /metrics is scraped. */
export type QueueCounts = () => Promise<Record<string, Record<string, number>>>;

/** Prometheus figures for /metrics: HTTP traffic, and the queues' depths read at each scrape. */
export function createMetrics(queueCounts?: QueueCounts) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const httpRequests = new Counter({
    name: "http_requests_total",
    help: "HTTP requests by method, route and status",
    labelNames: ["method", "route", "status"] as const,
    registers: [registry],
  });
  const httpDuration = new Histogram({
    name: "http_request_duration_seconds",
    help: "HTTP request duration by route",
    labelNames: ["method", "route"] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  if (queueCounts) {
    new Gauge({
      name: "queue_jobs",
      help: "BullMQ jobs by queue and state (waiting, active, delayed, failed, completed)",
      labelNames: ["queue", "state"] as const,
      registers: [registry],
      async collect() {
        this.reset();
        for (const [queue, states] of Object.entries(await queueCounts())) {
          for (const [state, n] of Object.entries(states)) this.set({ queue, state }, n);
        }
      },
    });
  }
  return { registry, httpRequests, httpDuration };
}

export type Metrics = ReturnType<typeof createMetrics>;
