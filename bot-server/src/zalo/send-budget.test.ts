import { afterAll, describe, expect, it } from "vitest";
import { connectTestRedis, dropPrefix, uniquePrefix } from "../../../test/harness/redis";
import { keyspace } from "../store/keys";
import { createSendBudget } from "./send-budget";

describe("send budget", () => {
  const redis = connectTestRedis();
  const prefix = uniquePrefix("budget");
  afterAll(async () => {
    await dropPrefix(redis, prefix);
    redis.disconnect();
  });

  it("grants the burst at once, then makes callers wait for refill", async () => {
    const budget = createSendBudget({ redis, key: keyspace(prefix).sendBudget, perMinute: 600, burst: 10 });
    for (let i = 0; i < 10; i++) await budget.acquire("priority");
    const started = Date.now();
    await budget.acquire("priority");
    // 590/min ≈ 9.8/s: the 11th token needs about 100 ms of refill.
    expect(Date.now() - started).toBeGreaterThanOrEqual(50);
  });

  it("keeps a reserve that bulk callers cannot take but replies can", async () => {
    const key = `${keyspace(prefix).sendBudget}:lanes`;
    const budget = createSendBudget({ redis, key, perMinute: 60, burst: 3 }); // reserve 1 token
    await budget.acquire("bulk");
    await budget.acquire("bulk");
    let bulkGranted = false;
    const bulk = budget.acquire("bulk").then(() => (bulkGranted = true));
    await new Promise((r) => setTimeout(r, 100));
    expect(bulkGranted).toBe(false);
    const started = Date.now();
    await budget.acquire("priority");
    expect(Date.now() - started).toBeLessThan(100);
    await bulk;
    expect(bulkGranted).toBe(true);
  });
});
