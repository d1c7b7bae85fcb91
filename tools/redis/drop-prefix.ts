import { keyspace } from "../../bot-server/src/store/keys";
import type { Redis } from "../../bot-server/src/store/redis";
import { slotMaster } from "../../bot-server/src/store/slot-master";

/** Removes every key of one prefix (its hash-tagged keyspace: one slot, so one server holds them all). */
export async function dropPrefix(redis: Redis, prefix: string): Promise<void> {
  const keys = keyspace(prefix);
  const server = await slotMaster(redis, keys.users);
  let cursor = "0";
  do {
    const [next, found] = await server.scan(cursor, "MATCH", keys.all, "COUNT", 1000);
    cursor = next;
    if (found.length) await server.unlink(...found);
  } while (cursor !== "0");
}
