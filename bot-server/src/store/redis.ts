import { Cluster, Redis as SingleRedis, type RedisOptions } from "ioredis";
import type { RedisTarget } from "../config";
import { throttledLog, type Logger } from "../logger";

/** A connection to one Redis (alone or behind Sentinel) or to a Cluster: the application's code takes either. */
export type Redis = SingleRedis | Cluster;

/**
 * Every connection gets an error listener: without one ioredis prints multi-line blocks to stderr, outside
 * the JSON log. Repeated errors (one per reconnection attempt) are logged once per interval.
 */
function watch<R extends Redis>(redis: R, name: string, logger: Logger | undefined): R {
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
 * After a failover a connection may still point at the old master, now a replica: its writes answer
 * READONLY. Reconnecting (and resending the command) finds the new master through Sentinel or the Cluster.
 */
const reconnectOnError = (err: Error) => (err.message.startsWith("READONLY") ? 2 : false);

/** The one place connections are made: one Redis, a Sentinel group's master, or a Cluster, as configured. */
function connect(target: RedisTarget, options: RedisOptions & { enableAutoPipelining?: boolean }): Redis {
  const common: RedisOptions = { ...options, reconnectOnError };
  switch (target.kind) {
    case "url":
      return new SingleRedis(target.url, common);
    case "sentinel":
      return new SingleRedis({
        ...common,
        sentinels: target.sentinels,
        name: target.name,
        role: "master",
        ...(target.sentinelUsername && { sentinelUsername: target.sentinelUsername }),
        ...(target.sentinelPassword && { sentinelPassword: target.sentinelPassword }),
        ...(target.sentinelTls && { enableTLSForSentinelMode: true, sentinelTLS: {} }),
        ...(target.username && { username: target.username }),
        ...(target.password && { password: target.password }),
        ...(target.tls && { tls: {} }),
      });
    case "cluster": {
      const { enableAutoPipelining, ...redisOptions } = common;
      return new Cluster(target.nodes, {
        enableAutoPipelining: enableAutoPipelining ?? false,
        // Every key of a deployment is in one slot: its master serves reads and writes alike.
        scaleReads: "master",
        redisOptions: {
          ...redisOptions,
          ...(target.username && { username: target.username }),
          ...(target.password && { password: target.password }),
          ...(target.tls && { tls: {} }),
        },
      });
    }
  }
}

/**
 * A connection for application records. BullMQ workers need `maxRetriesPerRequest: null` (they block),
 * so they get their own connections from `createQueueConnection`.
 */
export function createRedis(target: RedisTarget, name: string, logger?: Logger): Redis {
  // A hung or dead Redis must not hang every request: commands fail after a second (or after three
  // reconnection attempts), and callers answer 503 (the public API serves what it has cached).
  return watch(
    connect(target, {
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

export function createQueueConnection(target: RedisTarget, name: string, logger?: Logger): Redis {
  return watch(connect(target, { connectionName: name, maxRetriesPerRequest: null }), name, logger);
}

/** One Redis at a URL: for the tools that talk to a private redis-server. */
export const singleRedis = (url: string): RedisTarget => ({ kind: "url", url });

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
