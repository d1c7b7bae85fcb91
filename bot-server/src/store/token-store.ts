import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Keyspace } from "./keys";
import type { Redis } from "./redis";
import { luaScript } from "./lua";

/** The OA's token pair, stored as one JSON value so a reader sees the old pair or the new, never a mix. */
export const storedTokensSchema = z.object({
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1),
  accessExpiresAt: z.number(),
  refreshExpiresAt: z.number(),
  obtainedAt: z.number(),
  generation: z.number().int().min(1),
});
export type StoredTokens = z.output<typeof storedTokensSchema>;

// Compare-and-set on the refresh token that was spent: only the refresher whose token Zalo accepted
// can have a newer pair, and an operator's newer manual authorisation is never overwritten.
const CAS_SCRIPT = `
local cur = redis.call('GET', KEYS[1])
if ARGV[1] == '' then
  if cur then return 0 end
else
  if not cur then return 0 end
  local ok, decoded = pcall(cjson.decode, cur)
  if not ok or decoded.refreshToken ~= ARGV[1] then return 0 end
end
redis.call('SET', KEYS[1], ARGV[2])
return 1`;
const replaceTokens = luaScript<number>("tokens_replace", CAS_SCRIPT, 1);

const RELEASE_SCRIPT = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
const releaseLock = luaScript<number>("tokens_release_lock", RELEASE_SCRIPT, 1);

export interface TokenStore {
  read(): Promise<StoredTokens | undefined>;
  /** Writes `next` only if the stored pair still holds `spentRefreshToken` (undefined: only if none is stored). */
  replaceIfCurrent(spentRefreshToken: string | undefined, next: StoredTokens): Promise<boolean>;
  /** Unconditional write, for an operator's fresh authorisation. */
  overwrite(next: StoredTokens): Promise<void>;
  tryLock(ttlMs: number): Promise<string | undefined>;
  unlock(holder: string): Promise<void>;
  raiseAlarm(name: string, alarm: { message: string; steps: string[] }): Promise<void>;
  clearAlarm(name: string): Promise<void>;
  alarms(): Promise<Record<string, { since: string; message: string; steps: string[] }>>;
}

export function createTokenStore(redis: Redis, keys: Keyspace): TokenStore {
  return {
    async read() {
      const raw = await redis.get(keys.zaloTokens);
      if (!raw) return undefined;
      const parsed = storedTokensSchema.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : undefined;
    },
    async replaceIfCurrent(spent, next) {
      return (await replaceTokens(redis, [keys.zaloTokens], [spent ?? "", JSON.stringify(next)])) === 1;
    },
    async overwrite(next) {
      await redis.set(keys.zaloTokens, JSON.stringify(next));
    },
    async tryLock(ttlMs) {
      const holder = randomUUID();
      return (await redis.set(keys.zaloTokenLock, holder, "PX", ttlMs, "NX")) === "OK" ? holder : undefined;
    },
    async unlock(holder) {
      await releaseLock(redis, [keys.zaloTokenLock], [holder]);
    },
    async raiseAlarm(name, alarm) {
      const existing = await redis.hget(keys.alarms, name);
      const since = existing ? (JSON.parse(existing) as { since: string }).since : new Date().toISOString();
      await redis.hset(keys.alarms, name, JSON.stringify({ since, ...alarm }));
    },
    async clearAlarm(name) {
      await redis.hdel(keys.alarms, name);
    },
    async alarms() {
      const all = await redis.hgetall(keys.alarms);
      return Object.fromEntries(
        Object.entries(all).map(([k, v]) => [k, JSON.parse(v) as { since: string; message: string; steps: string[] }]),
      );
    },
  };
}
