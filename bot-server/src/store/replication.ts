import type { Durability } from "../domain/durability";
import { RedisUnavailableError, type Redis } from "./redis";
import { slotMaster } from "./slot-master";

/**
 * Redis replicates asynchronously: a master that dies may take its last writes with it, and its promoted
 * replica would not know that a recipient's call was in flight. WAIT blocks until the replicas have
 * acknowledged every write this connection made (and, the stream being ordered, every write before them).
 * Redis 7.0 has no WAITAOF, so it is the replica's memory, not a disk, that keeps them.
 */
export function createReplicationBarrier(
  redis: Redis,
  anyKey: string,
  o: { replicas: number; timeoutMs: number },
): Durability {
  return {
    async replicated(what) {
      if (o.replicas === 0) return;
      const master = await slotMaster(redis, anyKey);
      const acknowledged = await master.wait(o.replicas, o.timeoutMs);
      if (acknowledged < o.replicas)
        throw new RedisUnavailableError(
          `${what}: ${acknowledged} of ${o.replicas} replica(s) acknowledged within ${o.timeoutMs} ms; not calling Zalo until one does`,
        );
    },
  };
}
