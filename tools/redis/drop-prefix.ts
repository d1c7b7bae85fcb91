import type { Redis } from "ioredis";
import { keyspace } from "../../bot-server/src/store/keys";

/** Removes every key of one prefix (its hash-tagged keyspace). */
export async function dropPrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", keyspace(prefix).all, "COUNT", 1000);
    cursor = next;
    if (keys.length) await redis.unlink(...keys);
  } while (cursor !== "0");
}
