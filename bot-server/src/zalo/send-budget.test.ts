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

  // 60 a minute with a burst of 3: a token takes over a second to come back, so the answers below cannot
  // change while the test runs, however slow the machine.
  it("grants the burst at once, then says how long until the next token, and a caller that waits gets it", async () => {
    const budget = createSendBudget({ redis, key: keyspace(prefix).sendBudget, perMinute: 60, burst: 3 });
    expect([
      await budget.tryAcquire("priority"),
      await budget.tryAcquire("priority"),
      await budget.tryAcquire("priority"),
    ]).toEqual([0, 0, 0]);
    const wait = await budget.tryAcquire("priority");
    // 57 tokens a minute: the next one is about 1.05 s away.
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(Math.ceil(60_000 / 57));
    await budget.acquire("priority");
  });

  it("keeps a reserve that bulk callers cannot take but replies can", async () => {
    const key = `${keyspace(prefix).sendBudget}:lanes`;
    const budget = createSendBudget({ redis, key, perMinute: 60, burst: 3 }); // reserve 1 token
    expect([await budget.tryAcquire("bulk"), await budget.tryAcquire("bulk")]).toEqual([0, 0]);
    expect(await budget.tryAcquire("bulk")).toBeGreaterThan(0);
    expect(await budget.tryAcquire("priority")).toBe(0);
  });
});
