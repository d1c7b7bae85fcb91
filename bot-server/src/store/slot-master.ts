import { Cluster, type Redis as SingleRedis } from "ioredis";
import type { Redis } from "./redis";

/** A key's slot never changes: asked once (WAIT runs before every group of calls, on a hot path). */
const slots = new Map<string, number>();

/**
 * The connection to the server that holds `key` as master: the connection itself for one Redis (or
 * Sentinel's master); for a Cluster, the pool's connection to the master of the key's slot. Commands that
 * are about a server rather than a key (WAIT, SCAN, INFO) must go there: a Cluster client would send them
 * to any node.
 */
export async function slotMaster(redis: Redis, key: string): Promise<SingleRedis> {
  if (!(redis instanceof Cluster)) return redis;
  let slot = slots.get(key);
  if (slot === undefined) slots.set(key, (slot = Number(await redis.cluster("KEYSLOT", key))));
  const nodeKey = redis.slots[slot]?.[0];
  const node = redis.nodes("master").find((n) => `${n.options.host}:${n.options.port}` === nodeKey);
  if (!node) throw new Error(`no master known for slot ${slot} of ${key} (cluster still discovering its slots)`);
  return node;
}
