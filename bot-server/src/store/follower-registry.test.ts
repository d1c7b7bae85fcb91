import { afterAll, describe, expect, it } from "vitest";
import { connectTestRedis, dropPrefix, uniquePrefix } from "../../../test/harness/redis";
import { keyspace } from "./keys";
import {
  bucketOf,
  createFollowerRegistry,
  isZaloUserId,
  NotAZaloUserIdError,
  FOLLOWER_BUCKETS,
} from "./follower-registry";

describe("follower registry", () => {
  const redis = connectTestRedis();
  const prefix = uniquePrefix("registry");
  const registry = createFollowerRegistry(redis, keyspace(prefix));
  afterAll(async () => {
    await dropPrefix(redis, prefix);
    redis.disconnect();
  });

  it("gives each user one dense index and keeps ids beyond 2^53 exact", async () => {
    const big = "18446744073709551615"; // 2^64 - 1
    const [a, b, a2] = await registry.apply([
      { userId: "9007199254740993", op: "follow", atMs: 100_000 },
      { userId: big, op: "follow", atMs: 100_000 },
      { userId: "9007199254740993", op: "interact", atMs: 200_000 },
    ]);
    expect(a).toBe(0);
    expect(b).toBe(1);
    expect(a2).toBe(0);
    expect(await registry.userIdAt(0)).toBe("9007199254740993");
    expect(await registry.userIdAt(1)).toBe(big);
    expect(await registry.userIdAt(2)).toBeUndefined();
  });

  it("tracks follow, unfollow, subscription and the latest interaction", async () => {
    const id = "246845883529197922";
    await registry.apply([{ userId: id, op: "follow", atMs: 1_000_000 }]);
    await registry.apply([{ userId: id, op: "subscribe" }]);
    await registry.apply([{ userId: id, op: "interact", atMs: 5_000_000 }]);
    await registry.apply([{ userId: id, op: "interact", atMs: 4_000_000 }]); // a late retry never moves time back
    expect(await registry.get(id)).toMatchObject({
      following: true,
      subscribed: true,
      lastInteractionAt: 5_000,
      followChangedAtMs: 1_000_000,
    });
    await registry.apply([{ userId: id, op: "unfollow", atMs: 6_000_000 }]);
    // Unfollowing ends the subscription: the digest can no longer reach them.
    expect(await registry.get(id)).toMatchObject({
      following: false,
      subscribed: false,
      lastInteractionAt: 5_000,
      followChangedAtMs: 6_000_000,
    });
    const counts = await registry.counts();
    expect(counts.known).toBe(3);
    expect(counts.following).toBe(2);
    expect(counts.subscribed).toBe(0);
  });

  it("takes a follow or unfollow only when it is at least as new as the last one", async () => {
    const id = "5512345678901234501";
    const t = 1_732_700_000_123; // real epoch milliseconds: beyond 32 bits
    await registry.apply([{ userId: id, op: "follow", atMs: t }]);
    await registry.apply([{ userId: id, op: "unfollow", atMs: t + 1 }]);
    // The first follow again (a job retried after the unfollow ran), then an older one: both change nothing.
    await registry.apply([{ userId: id, op: "follow", atMs: t }]);
    await registry.apply([{ userId: id, op: "follow", atMs: t - 60_000 }]);
    expect(await registry.get(id)).toMatchObject({ following: false, followChangedAtMs: t + 1 });
    // An unfollow replayed at the same time is the same event: applying it again is harmless.
    await registry.apply([{ userId: id, op: "unfollow", atMs: t + 1 }]);
    await registry.apply([{ userId: id, op: "follow", atMs: t + 2 }]);
    // An older unfollow arriving late cannot undo the newer follow, nor end a subscription made since.
    await registry.apply([{ userId: id, op: "subscribe" }]);
    await registry.apply([{ userId: id, op: "unfollow", atMs: t + 1 }]);
    expect(await registry.get(id)).toMatchObject({ following: true, subscribed: true, followChangedAtMs: t + 2 });
  });

  it("keeps follow state and interaction time apart", async () => {
    const id = "5512345678901234502";
    await registry.apply([{ userId: id, op: "interact", atMs: 9_000_000 }]);
    expect(await registry.get(id)).toMatchObject({ following: false, lastInteractionAt: 9_000, followChangedAtMs: 0 });
    await registry.apply([{ userId: id, op: "follow", atMs: 10_000_000 }]);
    expect(await registry.get(id)).toMatchObject({ following: true, lastInteractionAt: 9_000 });
  });

  it("subscribes only a follower, in the same atomic step", async () => {
    const id = "5512345678901234503";
    await registry.apply([
      { userId: id, op: "interact", atMs: 1_000 },
      { userId: id, op: "subscribe" },
    ]);
    expect(await registry.get(id)).toMatchObject({ following: false, subscribed: false });
    await registry.apply([
      { userId: id, op: "follow", atMs: 2_000 },
      { userId: id, op: "subscribe" },
    ]);
    expect(await registry.get(id)).toMatchObject({ following: true, subscribed: true });
    await registry.apply([{ userId: id, op: "unsubscribe" }]);
    expect(await registry.get(id)).toMatchObject({ following: true, subscribed: false });
  });

  it("refuses ids that are not Zalo ids and does not know unknown users", async () => {
    await expect(registry.apply([{ userId: "12ab", op: "follow", atMs: 1 }])).rejects.toBeInstanceOf(
      NotAZaloUserIdError,
    );
    expect(isZaloUserId("18446744073709551616")).toBe(false);
    expect(isZaloUserId("0123")).toBe(false);
    expect(await registry.get("5555")).toBeUndefined();
  });

  it("spreads ids over the buckets", () => {
    const counts = new Map<number, number>();
    for (let i = 0; i < 20_000; i++) {
      const b = bucketOf(String(7_000_000_000_000_000_000n + BigInt(i)));
      expect(b).toBeGreaterThanOrEqual(0);
      expect(b).toBeLessThan(FOLLOWER_BUCKETS);
      counts.set(b, (counts.get(b) ?? 0) + 1);
    }
    expect(Math.max(...counts.values())).toBeLessThan(10);
  });

  it("counts the digest's audience by how recently each subscriber interacted", async () => {
    const own = createFollowerRegistry(redis, keyspace(`${prefix}-aud`));
    const now = Date.parse("2026-12-04T09:00:00+07:00");
    const hoursAgo = (h: number) => now - h * 3600_000;
    const people: Array<[id: string, lastHoursAgo: number, subscribed: boolean]> = [
      ["5510000000000000001", 1, true],
      ["5510000000000000002", 47, true],
      ["5510000000000000003", 49, true],
      ["5510000000000000004", 7 * 24 - 1, true],
      ["5510000000000000005", 7 * 24 + 1, true],
      ["5510000000000000006", 2, false],
    ];
    for (const [id, h, sub] of people) {
      await own.apply([
        { userId: id, op: "follow", atMs: hoursAgo(h) },
        { userId: id, op: "interact", atMs: hoursAgo(h) },
        ...(sub ? [{ userId: id, op: "subscribe" as const }] : []),
      ]);
    }
    expect(await own.audience(now, { freeMs: 48 * 3600_000, csMs: 7 * 24 * 3600_000 })).toEqual({
      following: 6,
      subscribed: 5,
      subscribedFree: 2,
      subscribedBillable: 2,
      subscribedSilent: 1,
    });
    await dropPrefix(redis, `${prefix}-aud`);
  });
});
