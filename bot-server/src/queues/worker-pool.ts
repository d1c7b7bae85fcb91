import { Worker, type Job } from "bullmq";
import type { z } from "zod";
import type { Logger } from "../logger";
import { createQueueConnection } from "../store/redis";

/** A queue's consumer: the payload schema it shares with producers, and a thin handler that calls domain code. */
export interface QueueHandler<S extends z.ZodType = z.ZodType> {
  queue: string;
  schema: S;
  concurrency?: number;
  handle(data: z.output<S>, job: Job): Promise<unknown>;
}

export interface WorkerPool {
  queues: string[];
  /** True while every worker is connected and consuming. */
  isRunning(): boolean;
  /** Stops taking jobs and waits for the jobs in hand to finish. */
  close(): Promise<void>;
}

export function startWorkerPool(handlers: QueueHandler[], opts: { redisUrl: string; bullPrefix: string; logger: Logger }): WorkerPool {
  const seen = new Set<string>();
  const workers = handlers.map((h) => {
    if (seen.has(h.queue)) throw new Error(`queue "${h.queue}" has two handlers`);
    seen.add(h.queue);
    const worker = new Worker(
      h.queue,
      async (job) => {
        const parsed = h.schema.safeParse(job.data);
        // A payload that does not match its schema will never succeed: fail it without retries.
        if (!parsed.success) throw Object.assign(new Error(`invalid ${h.queue} payload: ${parsed.error.message}`), { name: "UnrecoverableError" });
        return h.handle(parsed.data, job);
      },
      {
        connection: createQueueConnection(opts.redisUrl, `worker:${h.queue}`),
        prefix: opts.bullPrefix,
        concurrency: h.concurrency ?? 1,
      },
    );
    worker.on("failed", (job, err) => opts.logger.warn({ queue: h.queue, jobId: job?.id, err: err.message }, "job failed"));
    worker.on("error", (err) => opts.logger.error({ queue: h.queue, err: err.message }, "worker error"));
    return worker;
  });
  return {
    queues: handlers.map((h) => h.queue),
    isRunning: () => workers.every((w) => w.isRunning()),
    async close() {
      await Promise.all(workers.map((w) => w.close()));
    },
  };
}
