import { Redis } from "ioredis";
import { throttledLog, type Logger } from "../logger";

export type { Redis };

/**
 * Every connection gets an error listener: without one ioredis prints multi-line blocks to stderr, outside
 * the JSON log. Repeated errors (one per reconnection attempt) are logged once per interval.
 */
function watch(redis: Redis, name: string, logger: Logger | undefined): Redis {
  const log = logger ? throttledLog(logger, "warn") : undefined;
  let down = false;
  redis.on("error", (err: Error) => {
    down = true;
    log?.({ connection: name, err: err.message }, "Redis connection error");
  });
  redis.on("ready", () => {
    if (!down) return;
    down = false;
    logger?.info({ connection: name }, "Redis connection back");
  });
  return redis;
}

/**
 * A connection for application records. BullMQ workers need `maxRetriesPerRequest: null` (they block),
 * so they get their own connections from `createQueueConnection`.
 */
export function createRedis(url: string, name: string, logger?: Logger): Redis {
  // A hung or dead Redis must not hang every request: commands fail after a second (or after three
  // reconnection attempts), and callers answer 503 (the public API serves what it has cached).
  return watch(
    new Redis(url, {
      connectionName: name,
      lazyConnect: false,
      enableAutoPipelining: true,
      maxRetriesPerRequest: 3,
      commandTimeout: 1_000,
    }),
    name,
    logger,
  );
}

export function createQueueConnection(url: string, name: string, logger?: Logger): Redis {
  return watch(new Redis(url, { connectionName: name, maxRetriesPerRequest: null }), name, logger);
}

/** Raised where waiting longer for Redis would break a caller's deadline (Zalo's 2 s for the webhook). */
export class RedisUnavailableError extends Error {
  override name = "RedisUnavailableError";
}

/** Whether an error means "Redis cannot be reached now" (not a bug, nor a bad command): callers answer 503. */
export function isRedisUnavailable(err: unknown): boolean {
  if (err instanceof RedisUnavailableError) return true;
  if (!(err instanceof Error)) return false;
  if (err.name === "MaxRetriesPerRequestError") return true;
  const code = (err as { code?: unknown }).code;
  if (code === "ECONNREFUSED" || code === "ECONNRESET" || code === "EPIPE" || code === "ETIMEDOUT") return true;
  return /Connection is closed|Command timed out|Stream isn't writeable|connect ECONNREFUSED|Reached the max retries|LOADING/.test(
    err.message,
  );
}

/** Resolves `work`, or rejects with RedisUnavailableError after `ms`: for calls whose connection queues commands while Redis is down. */
export function withinDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new RedisUnavailableError(`${what}: no answer from Redis within ${ms} ms`)), ms);
  });
  // The work may still fail after the deadline has answered for it: that late failure is expected, not unhandled.
  work.catch(() => {});
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
