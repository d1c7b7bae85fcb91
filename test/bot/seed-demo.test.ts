import { resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { defaultCatalogue } from "@cds/shared";
import { seedDemo } from "../../bot-server/src/domain/demo/seed-demo";
import { latestPublished } from "../../bot-server/src/domain/indicators/latest-published";
import { presentWeek } from "../../bot-server/src/domain/indicators/present-week";
import { keyspace } from "../../bot-server/src/store/keys";
import { createPostRepository } from "../../bot-server/src/store/post-repository";
import { createReportRepository } from "../../bot-server/src/store/report-repository";
import { createSnapshotRepository } from "../../bot-server/src/store/snapshot-repository";
import { connectTestRedis, dropPrefix, uniquePrefix } from "../harness/redis";

describe("demo seeding from the founding report", () => {
  const redis = connectTestRedis();
  const prefix = uniquePrefix("seed");
  const keys = keyspace(prefix);
  const deps = {
    reports: createReportRepository(redis, keys),
    snapshots: createSnapshotRepository(redis, keys),
    posts: createPostRepository(redis, keys),
    catalogue: defaultCatalogue,
    seedDir: resolve(import.meta.dirname, "../../bot-server/seed"),
    now: () => new Date("2026-11-27T03:00:00Z"),
  };
  afterAll(async () => {
    await dropPrefix(redis, prefix);
    redis.disconnect();
  });

  it("publishes the founding week through the real importer, with a history and the weekly bulletin", async () => {
    const first = await seedDemo(deps);
    expect(first.weeksPublished).toEqual(["2024-08-30"]);
    expect(first.historyWeeks.length).toBeGreaterThanOrEqual(4);
    expect(first.postsPublished).toEqual(["ban-tin-2024-08-30"]);
    const latest = await latestPublished(deps);
    expect(latest?.snapshot.period).toMatchObject({ from: "2024-08-24", to: "2024-08-30" });
    expect(latest?.snapshot.values["dvc.online_filing_rate"]?.value).toBe(93);
    expect(Object.keys(latest!.snapshot.values)).toHaveLength(30);
    // The week before is derived from the reported change where the report gives one.
    expect(latest?.previous?.values["smart_hd.installs"]).toMatchObject({ value: 45_839 });
    expect(latest?.previous?.values["smart_hd.installs"]?.sample).toBeUndefined();
    // The API says which previous values are demo data, so nobody presents a difference from them as fact.
    const week = presentWeek(defaultCatalogue, latest!);
    expect(week.indicators.find((i) => i.id === "smart_hd.installs")).toMatchObject({ previous: 45_839 });
    expect(week.indicators.find((i) => i.id === "smart_hd.installs")?.previousSample).toBeUndefined();
    expect(week.indicators.find((i) => i.id === "dvc.online_filing_rate")?.previousSample).toBe(true);
    const [post] = await deps.posts.listPublished(5);
    expect(post?.title).toMatch(/tuần 5 tháng 8\/2024/i);
  });

  it("changes nothing when run again", async () => {
    const versionBefore = await deps.snapshots.publishedVersion();
    const again = await seedDemo(deps);
    expect(again).toEqual({ weeksPublished: [], historyWeeks: [], postsPublished: [] });
    expect(await deps.snapshots.publishedVersion()).toBe(versionBefore);
    expect(await deps.posts.listPublished(5)).toHaveLength(1);
  });
});
