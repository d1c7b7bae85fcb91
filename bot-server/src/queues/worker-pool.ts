import { UnrecoverableError, Worker, type Job } from "bullmq";
import { throttledLog, type Logger } from "../logger";
import type { RedisTarget } from "../config";
import { createQueueConnection } from "../store/redis";
import { queueDefinitions, type QueueName, type QueuePayload } from "./definitions";

/** A queue's consumer: a thin handler that calls domain code with the validated payload. */
export interface QueueHandler<N extends QueueName> {
  concurrency?: number;
  /** Times a job may be found stalled (its worker died) before it fails; default 2. */
  maxStalledCount?: number;
  handle(data: QueuePayload<N>, job: Job): Promise<unknown>;
}

/** One handler per defined queue: the type makes a missing handler a compile error. */
export type QueueHandlers = { [N in QueueName]: QueueHandler<N> };

/** What the pool reports of each job: how long it ran and how it ended, and retries. */
export interface JobObserver {
  finished(queue: string, seconds: number, outcome: "completed" | "failed"): void;
  /** A failed job that will run again (attempts left). */
  retried(queue: string): void;
  /** A job that failed for good (no attempts left, or a payload that can never succeed). */
  failedForGood(queue: string): void;
}

export interface WorkerPool {
  queues: string[];
  /** True while every worker is connected and consuming. */
  isRunning(): boolean;
  /** Stops taking jobs and waits for the jobs in hand to finish. */
  close(): Promise<void>;
}

/**
 * How fast a job held by a worker that died (or lost Redis) goes back to the queue. BullMQ's defaults
 * (30 s lock, 30 s stalled check) let a follower wait up to a minute for a reply after a crash. A lock of
 * 10 s is renewed every 5 s while the job runs (so a long backfill keeps it), and every 5 s a worker looks
 * for jobs whose lock lapsed: a dead worker's reply resumes within about 15 s. A job may be found stalled
 * twice (a kill, then a Redis restart) before it fails; its handler is safe to run again.
 */
const RECOVERY = { lockDuration: 10_000, stalledInterval: 5_000, maxStalledCount: 2 } as const;

export function startWorkerPool(
  handlers: QueueHandlers,
  opts: { redis: RedisTarget; bullPrefix: string; logger: Logger; observer?: JobObserver },
): WorkerPool {
  const names = Object.keys(queueDefinitions) as QueueName[];
  const missing = names.filter((n) => !handlers[n]);
  if (missing.length) throw new Error(`no handler for queue(s): ${missing.join(", ")}`);
  const workers = names.map(<N extends QueueName>(name: N) => {
    const def = queueDefinitions[name];
    const handler = handlers[name] as QueueHandler<N>;
    const worker = new Worker(
      def.name,
      async (job) => {
        const started = performance.now();
        const seconds = () => (performance.now() - started) / 1000;
        try {
          const parsed = def.schema.safeParse(job.data);
          // A payload that does not match its schema will never succeed: fail it without retries.
          if (!parsed.success) throw new UnrecoverableError(`invalid ${def.name} payload: ${parsed.error.message}`);
          const result = await handler.handle(parsed.data as QueuePayload<N>, job);
          opts.observer?.finished(def.name, seconds(), "completed");
          return result;
        } catch (err) {
          opts.observer?.finished(def.name, seconds(), "failed");
          throw err;
        }
      },
      {
        connection: createQueueConnection(opts.redis, `worker:${def.name}`, opts.logger),
        prefix: opts.bullPrefix,
        concurrency: handler.concurrency ?? 1,
        ...RECOVERY,
        ...(handler.maxStalledCount !== undefined && { maxStalledCount: handler.maxStalledCount }),
      },
    );
    worker.on("failed", (job, err) => {
      opts.logger.warn(
        { queue: def.name, jobId: job?.id, attempts: job?.attemptsMade, err: err.message },
        "job failed",
      );
      const attemptsLeft =
        job !== undefined && !(err instanceof UnrecoverableError) && job.attemptsMade < (job.opts.attempts ?? 1);
      if (attemptsLeft) opts.observer?.retried(def.name);
      else opts.observer?.failedForGood(def.name);
    });
    // While Redis is down a worker reports an error per attempt to reach it: one line now and then is enough.
    const logError = throttledLog(opts.logger, "warn");
    worker.on("error", (err) => logError({ queue: def.name, err: err.message }, "worker error"));
    return worker;
  });
  return {
    queues: names.map((n) => queueDefinitions[n].name),
    isRunning: () => workers.every((w) => w.isRunning()),
    async close() {
      await Promise.all(workers.map((w) => w.close()));
    },
  };
}
