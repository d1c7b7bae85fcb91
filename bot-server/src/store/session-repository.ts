import { z } from "zod";
import type { Session, SessionRepository } from "../domain/accounts/ports";
import type { Keyspace } from "./keys";
import type { Redis } from "./redis";

const sessionSchema = z.object({
  id: z.string(),
  username: z.string(),
  csrfToken: z.string(),
  createdAt: z.number(),
  lastSeenAt: z.number(),
});

/** Sessions with an idle TTL, and per user the set of their session ids (for "sign out everywhere"). */
export function createSessionRepository(redis: Redis, keys: Keyspace): SessionRepository {
  return {
    async create(session, idleTtlMs) {
      await redis
        .multi()
        .set(keys.session(session.id), JSON.stringify(session), "PX", idleTtlMs)
        .sadd(keys.userSessions(session.username), session.id)
        .exec();
    },
    async get(id) {
      const raw = await redis.get(keys.session(id));
      if (!raw) return undefined;
      const parsed = sessionSchema.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : undefined;
    },
    async touch(id, at, idleTtlMs) {
      const raw = await redis.get(keys.session(id));
      if (!raw) return;
      await redis.set(
        keys.session(id),
        JSON.stringify({ ...(JSON.parse(raw) as Session), lastSeenAt: at }),
        "PX",
        idleTtlMs,
        "XX",
      );
    },
    async delete(id) {
      const raw = await redis.get(keys.session(id));
      const username = raw ? (JSON.parse(raw) as Session).username : undefined;
      const tx = redis.multi().del(keys.session(id));
      if (username) tx.srem(keys.userSessions(username), id);
      await tx.exec();
    },
    async deleteAllOf(username) {
      const ids = await redis.smembers(keys.userSessions(username));
      if (ids.length === 0) return 0;
      const [deleted] =
        (await redis
          .multi()
          .del(...ids.map((id) => keys.session(id)))
          .del(keys.userSessions(username))
          .exec()) ?? [];
      return Number(deleted?.[1] ?? 0);
    },
  };
}
