import { afterAll, describe, expect, it } from "vitest";
import { connectTestRedis, dropPrefix, uniquePrefix } from "../../../test/harness/redis";
import { keyspace } from "./keys";
import { webhookDedupe } from "./webhook-dedupe";

describe("webhook dedupe", () => {
  const redis = connectTestRedis();
  const prefix = uniquePrefix("dedupe");
  const keys = keyspace(prefix);
  const dedupe = webhookDedupe(redis, keys, 7_200);
  afterAll(async () => {
    await dropPrefix(redis, prefix);
    redis.disconnect();
  });

  it("holds a claim briefly until the event is queued, then for the whole retry window", async () => {
    expect(await dedupe.claimMany(["m:1", "m:1", "m:2"])).toEqual([true, false, true]);
    const pending = await redis.ttl(keys.webhookSeen("m:1"));
    expect(pending).toBeGreaterThan(0);
    expect(pending).toBeLessThanOrEqual(20);
    await dedupe.confirmMany(["m:1"]);
    expect(await redis.ttl(keys.webhookSeen("m:1"))).toBeGreaterThan(7_000);
    // Not confirmed (its process died): it lapses on its own, so Zalo's retry is processed.
    expect(await redis.ttl(keys.webhookSeen("m:2"))).toBeLessThanOrEqual(20);
    await dedupe.releaseMany(["m:2"]);
    expect(await dedupe.claimMany(["m:2"])).toEqual([true]);
  });
});
