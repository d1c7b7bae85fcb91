import { Redis } from "ioredis";

export type { Redis };

/**
 * A connection for application records. BullMQ workers need `maxRetriesPerRequest: null` (they block),
 * so they get their own connections from `createQueueConnection`.
 */
export function createRedis(url: string, name: string): Redis {
  // A hung Redis must not hang every request: commands fail after a second, and callers fall back
  // (the public API serves what it has cached, the webhook answers 5xx so Zalo retries).
  return new Redis(url, { connectionName: name, lazyConnect: false, enableAutoPipelining: true, maxRetriesPerRequest: 3, commandTimeout: 1_000 });
}

export function createQueueConnection(url: string, name: string): Redis {
  return new Redis(url, { connectionName: name, maxRetriesPerRequest: null });
}
