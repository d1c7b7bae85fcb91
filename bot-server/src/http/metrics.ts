import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { JobObserver } from "../queues/worker-pool";

/** Job counts by queue and state, read when /metrics is scraped. */
export type QueueCounts = () => Promise<Record<string, Record<string, number>>>;

/** What /metrics reads from Redis may take this long; past it (Redis down) that figure is left out of the scrape. */
const READ_DEADLINE_MS = 800;

async function readOrSkip<T>(read: () => Promise<T>): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      read(),
      new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), READ_DEADLINE_MS))),
    ]);
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}

/** CS messages sent today (local day) by Zalo's quota_type, across every process. */
export type CsUsageToday = () => Promise<Record<string, number>>;

/** Prometheus figures for /metrics: HTTP traffic, webhooks, and what is read from Redis at each scrape. */
/** Each send under way: its digest's recipients by outcome (and those still to go). */
export type SendsUnderWay = () => Promise<
  Array<{ postId: string; sent: number; failed: number; skipped: number; remaining: number }>
>;

export function createMetrics(
  readers: { queueCounts?: QueueCounts; csUsageToday?: CsUsageToday; sendsUnderWay?: SendsUnderWay } = {},
) {
  const { queueCounts, csUsageToday, sendsUnderWay } = readers;
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
  const webhookEvents = new Counter({
    name: "webhook_events_total",
    help: "Zalo webhook deliveries by outcome: accepted, duplicate, ignored:<reason> (signed but not processed), rejected:<status>",
    labelNames: ["outcome"] as const,
    registers: [registry],
  });
  const webhookSignatureVariants = new Counter({
    name: "webhook_signature_variant_total",
    help: "Verified webhook deliveries by the reading of Zalo's signature formula they matched (app_id+body_ts+oa_secret is the official SDK's)",
    labelNames: ["variant"] as const,
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
        for (const [queue, states] of Object.entries((await readOrSkip(queueCounts)) ?? {})) {
          for (const [state, n] of Object.entries(states)) this.set({ queue, state }, n);
        }
      },
    });
  }
  if (csUsageToday) {
    new Gauge({
      name: "zalo_cs_messages_today",
      help: "CS messages sent today (Asia/Ho_Chi_Minh) by Zalo's quota_type: reply is free (within 48 h), sub_quota uses the package allowance, purchase_quota is billed",
      labelNames: ["quota_type"] as const,
      registers: [registry],
      async collect() {
        this.reset();
        for (const [quotaType, n] of Object.entries((await readOrSkip(csUsageToday)) ?? {}))
          this.set({ quota_type: quotaType }, n);
      },
    });
  }
  if (sendsUnderWay) {
    new Gauge({
      name: "delivery_send_recipients",
      help: "Recipients of each digest under way, by outcome: sent, failed, skipped, remaining",
      labelNames: ["post", "outcome"] as const,
      registers: [registry],
      async collect() {
        this.reset();
        for (const s of (await readOrSkip(sendsUnderWay)) ?? []) {
          for (const outcome of ["sent", "failed", "skipped", "remaining"] as const)
            this.set({ post: s.postId, outcome }, s[outcome]);
        }
      },
    });
  }
  const jobDuration = new Histogram({
    name: "queue_job_duration_seconds",
    help: "How long each queue's jobs ran, by queue and outcome (completed, failed)",
    labelNames: ["queue", "outcome"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [registry],
  });
  const jobRetries = new Counter({
    name: "queue_job_retries_total",
    help: "Failed jobs that will run again, by queue",
    labelNames: ["queue"] as const,
    registers: [registry],
  });
  const jobFailures = new Counter({
    name: "queue_job_failures_total",
    help: "Jobs that failed for good (no attempts left, or a payload that can never succeed), by queue",
    labelNames: ["queue"] as const,
    registers: [registry],
  });
  /** The worker pool's report of each job. */
  const jobs: JobObserver = {
    finished: (queue, seconds, outcome) => jobDuration.observe({ queue, outcome }, seconds),
    retried: (queue) => jobRetries.inc({ queue }),
    failedForGood: (queue) => jobFailures.inc({ queue }),
  };
  return { registry, httpRequests, httpDuration, webhookEvents, webhookSignatureVariants, jobs };
}

export type Metrics = ReturnType<typeof createMetrics>;
