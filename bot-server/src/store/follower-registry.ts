import type { Keyspace } from "./keys";
import type { Redis } from "./redis";

/**
 * The follower registry: the only full picture of the audience (Zalo's getlist stops near 10,000 per
 * filter). About 40 bytes per follower: user id → dense index in small listpack-encoded hash buckets, and
 * per-index fixed-width arrays (8-byte id, 4-byte last interaction) and bitmaps (following, subscribed).
 * The dense index is what per-send ledgers key on.
 */
export const FOLLOWER_BUCKETS = 32_768;

export type RegistryOp = "follow" | "unfollow" | "interact" | "subscribe" | "unsubscribe" | "seen";

export interface RegistryUpdate {
  userId: string;
  op: RegistryOp;
  /** Epoch seconds of the event; interaction time only ever moves forward. */
  at: number;
}

export interface FollowerRecord {
  userId: string;
  index: number;
  following: boolean;
  subscribed: boolean;
  /** Epoch seconds; 0 = never seen interacting. */
  lastInteractionAt: number;
}

// KEYS: next, ids, last, following, subscribed, then one bucket per update.
// ARGV: n, then per update: userId, 8-byte id, op, at.
const APPLY_SCRIPT = `
local n = tonumber(ARGV[1])
local out = {}
for i = 1, n do
  local base = 1 + (i - 1) * 4
  local user, idbytes, op, at = ARGV[base + 1], ARGV[base + 2], ARGV[base + 3], tonumber(ARGV[base + 4])
  local bucket = KEYS[5 + i]
  local idx = redis.call('HGET', bucket, user)
  if idx then
    idx = tonumber(idx)
  else
    idx = redis.call('INCR', KEYS[1]) - 1
    redis.call('HSET', bucket, user, idx)
    redis.call('SETRANGE', KEYS[2], idx * 8, idbytes)
  end
  local touch = op == 'follow' or op == 'interact'
  if op == 'follow' then redis.call('SETBIT', KEYS[4], idx, 1)
  elseif op == 'unfollow' then redis.call('SETBIT', KEYS[4], idx, 0); redis.call('SETBIT', KEYS[5], idx, 0)
  elseif op == 'subscribe' then redis.call('SETBIT', KEYS[5], idx, 1)
  elseif op == 'unsubscribe' then redis.call('SETBIT', KEYS[5], idx, 0) end
  if touch or op == 'seen' then
    local cur = redis.call('BITFIELD', KEYS[3], 'GET', 'u32', '#' .. idx)[1]
    if at > cur then redis.call('BITFIELD', KEYS[3], 'SET', 'u32', '#' .. idx, at) end
  end
  out[i] = idx
end
return out`;

/** FNV-1a: a cheap, stable spread of ids over the buckets. */
export function bucketOf(userId: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < userId.length; i++) {
    h ^= userId.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % FOLLOWER_BUCKETS;
}

const MAX_ID = (1n << 64n) - 1n;

/** Zalo user ids are decimal strings below 2^64; anything else is refused before it reaches Redis. */
export function isZaloUserId(id: string): boolean {
  return /^[1-9]\d{0,19}$/.test(id) && BigInt(id) <= MAX_ID;
}

function idBytes(userId: string): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(userId));
  return b;
}

export interface FollowerRegistry {
  apply(updates: RegistryUpdate[]): Promise<number[]>;
  get(userId: string): Promise<FollowerRecord | undefined>;
  /** The user id stored at a dense index. */
  userIdAt(index: number): Promise<string | undefined>;
  counts(): Promise<{ known: number; following: number; subscribed: number }>;
}

export function followerRegistry(redis: Redis, keys: Keyspace): FollowerRegistry {
  const fixedKeys = [keys.followerNext, keys.followerIds, keys.followerLast, keys.followerFollowing, keys.followerSubscribed];
  return {
    async apply(updates) {
      if (updates.length === 0) return [];
      const argv: Array<string | Buffer> = [String(updates.length)];
      const bucketKeys: string[] = [];
      for (const u of updates) {
        if (!isZaloUserId(u.userId)) throw new Error(`not a Zalo user id: ${JSON.stringify(u.userId)}`);
        bucketKeys.push(keys.followerBucket(bucketOf(u.userId)));
        argv.push(u.userId, idBytes(u.userId), u.op, String(Math.max(0, Math.floor(u.at))));
      }
      const allKeys = [...fixedKeys, ...bucketKeys];
      return (await redis.eval(APPLY_SCRIPT, allKeys.length, ...allKeys, ...argv)) as number[];
    },
    async get(userId) {
      if (!isZaloUserId(userId)) return undefined;
      const raw = await redis.hget(keys.followerBucket(bucketOf(userId)), userId);
      if (raw === null) return undefined;
      const index = Number(raw);
      const [following, subscribed, last] = await Promise.all([
        redis.getbit(keys.followerFollowing, index),
        redis.getbit(keys.followerSubscribed, index),
        redis.bitfield(keys.followerLast, "GET", "u32", `#${index}`) as Promise<number[]>,
      ]);
      return { userId, index, following: following === 1, subscribed: subscribed === 1, lastInteractionAt: last[0] ?? 0 };
    },
    async userIdAt(index) {
      const b = await redis.getrangeBuffer(keys.followerIds, index * 8, index * 8 + 7);
      return b.length === 8 && b.readBigUInt64BE() !== 0n ? b.readBigUInt64BE().toString() : undefined;
    },
    async counts() {
      const [known, following, subscribed] = await Promise.all([
        redis.get(keys.followerNext),
        redis.bitcount(keys.followerFollowing),
        redis.bitcount(keys.followerSubscribed),
      ]);
      return { known: Number(known ?? 0), following, subscribed };
    },
  };
}
