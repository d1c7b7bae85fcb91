import type { AudienceCounts } from "../domain/delivery/plan";
import type { Keyspace } from "./keys";
import type { Redis } from "./redis";
import { luaScript } from "./lua";
import type { FollowerRegistry } from "../domain/followers/ports";

/**
 * The follower registry: the only full picture of the audience (Zalo's getlist stops near 10,000 per
 * filter). About 40 bytes per follower: user id → dense index in small listpack-encoded hash buckets, and
 * per-index fixed-width arrays (8-byte id, 4-byte last interaction, 6-byte time of the last follow or
 * unfollow) and bitmaps (following, subscribed). The dense index is what per-send ledgers key on.
 */
export const FOLLOWER_BUCKETS = 32_768;

// KEYS: next, ids, last, following, subscribed, follow-at, then one bucket per update.
// ARGV: n, then per update: userId, 8-byte id, op, at (epoch ms, an integer string).
const APPLY_SCRIPT = `
local n = tonumber(ARGV[1])
local out = {}
for i = 1, n do
  local base = 1 + (i - 1) * 4
  local user, idbytes, op, at = ARGV[base + 1], ARGV[base + 2], ARGV[base + 3], ARGV[base + 4]
  local bucket = KEYS[6 + i]
  local idx = redis.call('HGET', bucket, user)
  if idx then
    idx = tonumber(idx)
  else
    idx = redis.call('INCR', KEYS[1]) - 1
    redis.call('HSET', bucket, user, idx)
    redis.call('SETRANGE', KEYS[2], idx * 8, idbytes)
  end
  if op == 'follow' or op == 'unfollow' then
    local cur = redis.call('BITFIELD', KEYS[6], 'GET', 'u48', '#' .. idx)[1]
    if tonumber(at) >= cur then
      redis.call('BITFIELD', KEYS[6], 'SET', 'u48', '#' .. idx, at)
      if op == 'follow' then
        redis.call('SETBIT', KEYS[4], idx, 1)
      else
        redis.call('SETBIT', KEYS[4], idx, 0)
        redis.call('SETBIT', KEYS[5], idx, 0)
      end
    end
  elseif op == 'interact' then
    local s = math.floor(tonumber(at) / 1000)
    local cur = redis.call('BITFIELD', KEYS[3], 'GET', 'u32', '#' .. idx)[1]
    if s > cur then redis.call('BITFIELD', KEYS[3], 'SET', 'u32', '#' .. idx, s) end
  elseif op == 'subscribe' then
    if redis.call('GETBIT', KEYS[4], idx) == 1 then redis.call('SETBIT', KEYS[5], idx, 1) end
  elseif op == 'unsubscribe' then
    redis.call('SETBIT', KEYS[5], idx, 0)
  end
  out[i] = idx
end
return out`;
const applyChanges = luaScript<number[]>("registry_apply", APPLY_SCRIPT);

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
/** u48 milliseconds reach the year 10889; the clamp only guards the field against nonsense. */
const MAX_AT_MS = 2 ** 48 - 1;

/**
 * Zalo user ids are decimal strings below 2^64; anything else is refused before it reaches Redis. The
 * webhook checks ids with this same function, so the registry refuses nothing the webhook let through.
 */
export function isZaloUserId(id: string): boolean {
  return /^[1-9]\d{0,19}$/.test(id) && BigInt(id) <= MAX_ID;
}

/** An update named a user id the registry cannot hold: no retry will change that. */
export class NotAZaloUserIdError extends Error {
  override name = "NotAZaloUserIdError";
}

function idBytes(userId: string): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(userId));
  return b;
}

export function createFollowerRegistry(redis: Redis, keys: Keyspace): FollowerRegistry {
  /**
   * Every follower who subscribed (subscribing needs following; the following bit is checked anyway, an
   * unfollow clears both), with the time of their last interaction: bit i of the bitmaps (most significant
   * first) and the u32 at byte 4·i of `last` describe follower i.
   */
  async function forEachSubscriber(visit: (index: number, lastSec: number) => void): Promise<void> {
    const [following, subscribed, last] = await Promise.all([
      redis.getBuffer(keys.followerFollowing),
      redis.getBuffer(keys.followerSubscribed),
      redis.getBuffer(keys.followerLast),
    ]);
    for (let byte = 0; subscribed && byte < subscribed.length; byte++) {
      const bits = subscribed[byte]! & (following?.[byte] ?? 0);
      if (bits === 0) continue;
      for (let bit = 0; bit < 8; bit++) {
        if ((bits & (0x80 >> bit)) === 0) continue;
        const i = byte * 8 + bit;
        visit(i, last && last.length >= i * 4 + 4 ? last.readUInt32BE(i * 4) : 0);
      }
    }
  }
  const fixedKeys = [
    keys.followerNext,
    keys.followerIds,
    keys.followerLast,
    keys.followerFollowing,
    keys.followerSubscribed,
    keys.followerFollowAt,
  ];
  return {
    async apply(updates) {
      if (updates.length === 0) return [];
      const argv: Array<string | Buffer> = [String(updates.length)];
      const bucketKeys: string[] = [];
      for (const u of updates) {
        if (!isZaloUserId(u.userId)) throw new NotAZaloUserIdError(`not a Zalo user id: ${JSON.stringify(u.userId)}`);
        bucketKeys.push(keys.followerBucket(bucketOf(u.userId)));
        const at = "atMs" in u ? Math.min(MAX_AT_MS, Math.max(0, Math.floor(u.atMs))) : 0;
        argv.push(u.userId, idBytes(u.userId), u.op, String(at));
      }
      const allKeys = [...fixedKeys, ...bucketKeys];
      return applyChanges(redis, allKeys, argv);
    },
    async get(userId) {
      if (!isZaloUserId(userId)) return undefined;
      const raw = await redis.hget(keys.followerBucket(bucketOf(userId)), userId);
      if (raw === null) return undefined;
      const index = Number(raw);
      const [following, subscribed, last, followAt] = await Promise.all([
        redis.getbit(keys.followerFollowing, index),
        redis.getbit(keys.followerSubscribed, index),
        redis.bitfield(keys.followerLast, "GET", "u32", `#${index}`) as Promise<number[]>,
        redis.bitfield(keys.followerFollowAt, "GET", "u48", `#${index}`) as Promise<number[]>,
      ]);
      return {
        userId,
        index,
        following: following === 1,
        subscribed: subscribed === 1,
        lastInteractionAt: last[0] ?? 0,
        followChangedAtMs: followAt[0] ?? 0,
      };
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
    async audience(nowMs, windows) {
      const counts: AudienceCounts = {
        following: await redis.bitcount(keys.followerFollowing),
        subscribed: 0,
        subscribedFree: 0,
        subscribedBillable: 0,
        subscribedSilent: 0,
      };
      await forEachSubscriber((_i, lastSec) => {
        const age = nowMs - lastSec * 1000;
        counts.subscribed++;
        if (age <= windows.freeMs) counts.subscribedFree++;
        else if (age <= windows.csMs) counts.subscribedBillable++;
        else counts.subscribedSilent++;
      });
      return counts;
    },
    async activeSubscribers(sinceMs) {
      // Sized as the subscriptions were a moment ago: one who subscribes during the scan joins the next send.
      const bitmap = Buffer.alloc(await redis.strlen(keys.followerSubscribed));
      await forEachSubscriber((i, lastSec) => {
        if (lastSec * 1000 >= sinceMs && i >> 3 < bitmap.length) bitmap[i >> 3] = bitmap[i >> 3]! | (0x80 >> (i & 7));
      });
      return bitmap;
    },
  };
}
