import { z } from "zod";
import type { BroadcastState, SendRecord, SendRepository } from "../domain/delivery/ports";
import type { FollowerRegistry } from "../domain/followers/ports";
import type { Keyspace } from "./keys";
import type { Redis } from "./redis";
import { luaScript } from "./lua";

// A group of recipients' places in the ledger, checked and marked in one step with the send's flags.
// KEYS: flags, sent, failed, skipped, inflight. ARGV: dense indexes. Returns the flag that stops the send,
// or one letter per recipient: g(o), s(ettled), i(n flight).
const CLAIM_MANY = `
local flags = redis.call('HMGET', KEYS[1], 'cancelled', 'paused')
if flags[1] == '1' then return 'cancelled' end
if flags[2] == '1' then return 'paused' end
local out = {}
for n = 1, #ARGV do
  local i = tonumber(ARGV[n])
  if redis.call('GETBIT', KEYS[2], i) == 1 or redis.call('GETBIT', KEYS[3], i) == 1 or redis.call('GETBIT', KEYS[4], i) == 1 then
    out[n] = 's'
  elseif redis.call('GETBIT', KEYS[5], i) == 1 then
    out[n] = 'i'
  else
    redis.call('SETBIT', KEYS[5], i, 1)
    out[n] = 'g'
  end
end
return table.concat(out)`;
const claimMany = luaScript<string>("send_claim_many", CLAIM_MANY, 5);
const CLAIM_OF = { g: "go", s: "settled", i: "in_flight" } as const;

// KEYS: outcome bitmap, inflight, streak. ARGV: dense index, "1" when the outcome is a failure.
const SETTLE = `
redis.call('SETBIT', KEYS[1], tonumber(ARGV[1]), 1)
redis.call('SETBIT', KEYS[2], tonumber(ARGV[1]), 0)
if ARGV[2] == '1' then return redis.call('INCR', KEYS[3]) end
redis.call('DEL', KEYS[3])
return 0`;
const settle = luaScript<number>("send_settle", SETTLE, 3);

const broadcastSchema = z.object({
  state: z.enum(["pending", "article_created", "calling", "in_review", "uncertain", "refused", "skipped"]),
  articleToken: z.string().optional(),
  articleId: z.string().optional(),
  callingSince: z.string().optional(),
  messageId: z.string().optional(),
  lastAnswer: z.string().optional(),
});

/** Bit i of a bitmap, most significant bit first (Redis's SETBIT order). */
const bitAt = (bits: Buffer, i: number) => ((bits[i >> 3] ?? 0) & (0x80 >> (i & 7))) !== 0;

/**
 * A post's send in Redis: its record, its broadcast's state, the frozen audience and the ledger, all
 * bitmaps keyed by the follower's dense index (a million recipients cost about 125 KB per bitmap).
 */
export function createSendRepository(
  redis: Redis,
  keys: Keyspace,
  registry: Pick<FollowerRegistry, "activeSubscribers">,
): SendRepository {
  const k = (postId: string) => keys.send(postId);
  return {
    async get(postId) {
      const [raw, rawBroadcast] = await redis.mget(k(postId).record, k(postId).broadcast);
      if (!raw) return undefined;
      const broadcast = rawBroadcast
        ? broadcastSchema.parse(JSON.parse(rawBroadcast))
        : ({ state: "skipped" } as BroadcastState);
      return { ...(JSON.parse(raw) as Omit<SendRecord, "broadcast">), broadcast };
    },
    async save(record) {
      const { broadcast: _ignored, ...rest } = record;
      const active = record.state === "sending" || record.state === "paused" || record.state === "waiting_for_person";
      const tx = redis.multi().set(k(record.postId).record, JSON.stringify(rest));
      if (active) tx.sadd(keys.activeSends, record.postId);
      else tx.srem(keys.activeSends, record.postId);
      await tx.exec();
    },
    async activeSends() {
      return redis.smembers(keys.activeSends);
    },
    async saveBroadcast(postId, broadcast) {
      await redis.set(k(postId).broadcast, JSON.stringify(broadcastSchema.parse(broadcast)));
    },
    async claimFinish(postId) {
      return (await redis.set(k(postId).finished, "1", "NX")) === "OK";
    },
    async freezeAudience(postId, nowMs, csWindowMs) {
      // Frozen once: a retried start finds the audience it froze first.
      await redis.set(k(postId).audience, await registry.activeSubscribers(nowMs - csWindowMs), "NX");
      return redis.bitcount(k(postId).audience);
    },
    async audienceBatches(postId, size) {
      const bits = (await redis.getBuffer(k(postId).audience)) ?? Buffer.alloc(0);
      const batches: Array<{ from: number; to: number }> = [];
      let from = -1;
      let inBatch = 0;
      for (let i = 0; i < bits.length * 8; i++) {
        if (!bitAt(bits, i)) continue;
        if (from < 0) from = i;
        if (++inBatch === size) {
          batches.push({ from, to: i + 1 });
          from = -1;
          inBatch = 0;
        }
      }
      if (from >= 0) batches.push({ from, to: bits.length * 8 });
      return batches;
    },
    async recipientsIn(postId, from, to) {
      const [bits, ids] = await Promise.all([
        redis.getrangeBuffer(k(postId).audience, Math.floor(from / 8), Math.ceil(to / 8) - 1),
        redis.getrangeBuffer(keys.followerIds, from * 8, to * 8 - 1),
      ]);
      const out: Array<{ index: number; userId: string }> = [];
      const base = Math.floor(from / 8) * 8;
      for (let i = from; i < to; i++) {
        if (!bitAt(bits, i - base)) continue;
        const at = (i - from) * 8;
        if (at + 8 > ids.length) break;
        out.push({ index: i, userId: ids.readBigUInt64BE(at).toString() });
      }
      return out;
    },
    async claimMany(postId, indexes) {
      const s = k(postId);
      const answer = await claimMany(redis, [s.flags, s.sent, s.failed, s.skipped, s.inflight], indexes);
      if (answer === "paused" || answer === "cancelled") return { stop: answer };
      return { claims: [...answer].map((c) => CLAIM_OF[c as keyof typeof CLAIM_OF]) };
    },
    async stopFlag(postId) {
      const [cancelled, paused] = await redis.hmget(k(postId).flags, "cancelled", "paused");
      return cancelled === "1" ? "cancelled" : paused === "1" ? "paused" : undefined;
    },
    async release(postId, indexes) {
      if (indexes.length === 0) return;
      const tx = redis.multi();
      for (const i of indexes) tx.setbit(k(postId).inflight, i, 0);
      await tx.exec();
    },
    async settle(postId, index, outcome) {
      const s = k(postId);
      return settle(redis, [s[outcome], s.inflight, s.streak], [index, outcome === "failed" ? 1 : 0]);
    },
    async counts(postId) {
      const s = k(postId);
      const [sent, failed, skipped] = await Promise.all([
        redis.bitcount(s.sent),
        redis.bitcount(s.failed),
        redis.bitcount(s.skipped),
      ]);
      return { sent, failed, skipped };
    },
    async reopenFailed(postId) {
      const s = k(postId);
      await redis.del(s.failed, s.finished, s.streak);
    },
    async setFlag(postId, flag, on) {
      await redis.hset(k(postId).flags, flag, on ? "1" : "0");
    },
    async broadcastsSent(month, day) {
      const [m, d] = await redis.hmget(keys.broadcastsSent, month, day);
      return { month: Number(m ?? 0), day: Number(d ?? 0) };
    },
    async countBroadcast(month, day) {
      await redis.multi().hincrby(keys.broadcastsSent, month, 1).hincrby(keys.broadcastsSent, day, 1).exec();
    },
  };
}
