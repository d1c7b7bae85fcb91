import { z } from "zod";
import { ROLES } from "../domain/accounts/roles";
import type { User, UserRepository } from "../domain/accounts/ports";
import type { Keyspace } from "./keys";
import type { Redis } from "./redis";

const userSchema = z.object({
  username: z.string(),
  name: z.string(),
  roles: z.array(z.enum(ROLES)),
  passwordHash: z.string(),
  disabled: z.boolean(),
  createdAt: z.string(),
  createdBy: z.string(),
  passwordChangedAt: z.string(),
});

/** Users as one hash: username → JSON. Few dozen people at most. */
export function createUserRepository(redis: Redis, keys: Keyspace): UserRepository {
  const read = (raw: string | null | undefined) => {
    if (!raw) return undefined;
    const parsed = userSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  };
  return {
    async get(username) {
      return read(await redis.hget(keys.users, username));
    },
    async create(user) {
      return (await redis.hsetnx(keys.users, user.username, JSON.stringify(userSchema.parse(user)))) === 1;
    },
    async save(user) {
      await redis.hset(keys.users, user.username, JSON.stringify(userSchema.parse(user)));
    },
    async list() {
      return Object.values(await redis.hgetall(keys.users))
        .map(read)
        .filter((u): u is User => u !== undefined)
        .sort((a, b) => a.username.localeCompare(b.username));
    },
  };
}
