import { afterEach, describe, expect, it } from "vitest";
import { createFollowerRegistry } from "../../bot-server/src/store/follower-registry";
import { backfillFollowers } from "../../bot-server/src/domain/followers/backfill-followers";
import { startZaloSandbox, type ZaloSandbox } from "../harness/sandbox";

describe("follower backfill against the simulator's getlist", () => {
  let s: ZaloSandbox;
  afterEach(() => s?.close());

  const run = (days: number, maxOffset: number) =>
    backfillFollowers(
      {
        lister: s.zalo.client,
        registry: createFollowerRegistry(s.redis, s.keys),
        logger: s.logger,
        now: Date.now,
        timeZone: "Asia/Ho_Chi_Minh",
        pageSize: 50,
        maxOffset,
      },
      { days },
    );

  it("walks day slices and records every follower who interacted, with a conservative interaction time", async () => {
    s = await startZaloSandbox(
      "backfill",
      { limits: { rateLimitPerMinute: 100_000 } },
      { ZALO_RATE_LIMIT_PER_MIN: "100000" },
    );
    await s.simJson("/__sim/followers", { body: { count: 1_500, active_within_days: 3 } });
    const result = await run(4, 9951);
    expect(result.slices.every((sl) => sl.complete)).toBe(true);
    expect(result.recorded).toBe(1_500);
    const registry = createFollowerRegistry(s.redis, s.keys);
    expect((await registry.counts()).following).toBe(1_500);
    const sample = (await s.simJson<{ sample_ids?: string[]; ids: string[] }>("/__sim/followers?limit=1")).ids[0]!;
    const simView = await s.simJson<{ last_interaction_ms: string }>(`/__sim/followers/${sample}`);
    const record = await registry.get(sample);
    expect(record?.following).toBe(true);
    // Recorded at the start of the local day of the real interaction: never later than it.
    expect(record!.lastInteractionAt * 1000).toBeLessThanOrEqual(Number(simView.last_interaction_ms));
    expect(Number(simView.last_interaction_ms) - record!.lastInteractionAt * 1000).toBeLessThan(24 * 3600_000);
  });

  it("says which days getlist cannot page through instead of pretending", async () => {
    s = await startZaloSandbox(
      "backfill-cap",
      { limits: { rateLimitPerMinute: 100_000, getlistMaxOffset: 100 } },
      { ZALO_RATE_LIMIT_PER_MIN: "100000" },
    );
    await s.simJson("/__sim/followers", { body: { count: 600, active_within_days: 1 } });
    const result = await run(2, 100);
    const incomplete = result.slices.filter((sl) => !sl.complete);
    expect(incomplete.length).toBeGreaterThan(0);
    expect(incomplete[0]!.walked).toBeLessThan(incomplete[0]!.total);
    expect(incomplete[0]!.walked).toBeLessThanOrEqual(150);
  });
});
