import { Queue, type JobsOptions } from "bullmq";
import { throttledLog, type Logger } from "../logger";
import type { RedisTarget } from "../config";
import { createQueueConnection } from "../store/redis";
import { queueDefinitions, type QueueName, type QueuePayload } from "./definitions";

const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: "exponential", delay: 1000 },
  removeOnComplete: { count: 1000 },
  removeOnFail: { count: 5000 },
};

/** Typed producers: a payload is validated against the queue's schema before it is enqueued. */
export function createProducers(opts: { redis: RedisTarget; bullPrefix: string; logger?: Logger }) {
  const connection = createQueueConnection(opts.redis, "producers", opts.logger);
  const logError = opts.logger ? throttledLog(opts.logger, "warn") : undefined;
  const queues = new Map<QueueName, Queue>();
  const queueOf = (name: QueueName) => {
    let q = queues.get(name);
    if (!q) {
      q = new Queue(queueDefinitions[name].name, {
        connection,
        prefix: opts.bullPrefix,
        defaultJobOptions: DEFAULT_JOB_OPTIONS,
      });
      // Without a listener BullMQ prints connection errors to stderr, outside the JSON log.
      q.on("error", (err) => logError?.({ queue: name, err: err.message }, "queue error"));
      queues.set(name, q);
    }
    return q;
  };
  return {
    async add<N extends QueueName>(name: N, payload: QueuePayload<N>, options?: JobsOptions) {
      const data = queueDefinitions[name].schema.parse(payload);
      return queueOf(name).add(name, data, options);
    },
    /** `options` per job (deterministic ids: a job added twice is one job). */
    async addBulk<N extends QueueName>(
      name: N,
      payloads: Array<QueuePayload<N>>,
      options?: (payload: QueuePayload<N>) => JobsOptions,
    ) {
      const schema = queueDefinitions[name].schema;
      return queueOf(name).addBulk(
        payloads.map((p) => ({ name, data: schema.parse(p), ...(options && { opts: options(p) }) })),
      );
    },
    /** Removes a waiting or delayed job by id (a job in a worker's hands stays). */
    async remove(name: QueueName, jobId: string) {
      await queueOf(name).remove(jobId);
    },
    /** Every defined queue (for the operators' queue view). */
    all(): Queue[] {
      return (Object.keys(queueDefinitions) as QueueName[]).map(queueOf);
    },
    async counts() {
      const out: Record<string, Record<string, number>> = {};
      for (const name of Object.keys(queueDefinitions) as QueueName[]) {
        out[name] = await queueOf(name).getJobCounts("waiting", "active", "delayed", "failed", "completed");
      }
      return out;
    },
    async close() {
      await Promise.all([...queues.values()].map((q) => q.close()));
      await connection.quit();
    },
  };
}

export type Producers = ReturnType<typeof createProducers>;
