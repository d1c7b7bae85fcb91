import { afterAll, describe, expect, it } from "vitest";
import { connectTestRedis, dropPrefix, uniquePrefix } from "../../../test/harness/redis";
import { keyspace } from "./keys";
import { bucketOf, followerRegistry, isZaloUserId, FOLLOWER_BUCKETS } from "./follower-registry";

describe("follower registry", () => {
  const redis = connectTestRedis();
  const prefix = uniquePrefix("registry");
  const registry = followerRegistry(redis, keyspace(prefix));
  afterAll(async () => {
    await dropPrefix(redis, prefix);
    redis.disconnect();
  });

  it("gives each user one dense index and keeps ids beyond 2^53 exact", async () => {
    const big = "18446744073709551615"; // 2^64 - 1
    const [a, b, a2] = await registry.apply([
      { userId: "9007199254740993", op: "follow", at: 100 },
      { userId: big, op: "follow", at: 100 },
      { userId: "9007199254740993", op: "interact", at: 200 },
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
    await registry.apply([{ userId: id, op: "follow", at: 1_000 }]);
    await registry.apply([{ userId: id, op: "subscribe", at: 1_100 }]);
    await registry.apply([{ userId: id, op: "interact", at: 5_000 }]);
    await registry.apply([{ userId: id, op: "interact", at: 4_000 }]); // a late retry never moves time back
    expect(await registry.get(id)).toMatchObject({ following: true, subscribed: true, lastInteractionAt: 5_000 });
    await registry.apply([{ userId: id, op: "unfollow", at: 6_000 }]);
    // Unfollowing ends the subscription: the digest can no longer reach them.
    expect(await registry.get(id)).toMatchObject({ following: false, subscribed: false, lastInteractionAt: 5_000 });
    const counts = await registry.counts();
    expect(counts.known).toBe(3);
    expect(counts.following).toBe(2);
    expect(counts.subscribed).toBe(0);
  });

  it("refuses ids that are not Zalo ids and does not know unknown users", async () => {
    await expect(registry.apply([{ userId: "12ab", op: "follow", at: 1 }])).rejects.toThrow(/not a Zalo user id/);
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
});
