import { describe, expect, it } from "vitest";
import {
  catalogueSchema,
  indicatorHistoryResponseSchema,
  indicatorsResponseSchema,
  postListResponseSchema,
  postResponseSchema,
  snapshotListResponseSchema,
} from "@cds/shared";
import {
  FAKE_POSTS,
  fakeCatalogue,
  fakeHistory,
  fakeIndicators,
  fakePostList,
  fakeSnapshots,
  fakeWeeks,
} from "./fake-data";

describe("fake data", () => {
  const weeks = fakeWeeks(6);

  it("has the API's shapes", () => {
    catalogueSchema.parse(fakeCatalogue());
    indicatorsResponseSchema.parse(fakeIndicators(weeks));
    snapshotListResponseSchema.parse(fakeSnapshots(weeks));
    postListResponseSchema.parse(fakePostList());
    for (const post of FAKE_POSTS) postResponseSchema.parse(post);
    for (const def of fakeCatalogue().indicators) indicatorHistoryResponseSchema.parse(fakeHistory(weeks, def.id));
  });

  it("presents the founding week as the report states it, against a previous week", () => {
    const week = fakeIndicators(weeks);
    expect(week.period).toEqual({ from: "2024-08-24", to: "2024-08-30", label: "Tuần 5 tháng 8/2024" });
    expect(week.indicators).toHaveLength(30);
    expect(week.sample).toBeUndefined();
    expect(week.indicators.find((i) => i.id === "smart_hd.installs")).toMatchObject({
      value: 45_929,
      change: 90,
      previous: 45_839,
    });
    expect(week.indicators.find((i) => i.id === "media.zalo_oa_followers")).toMatchObject({
      value: 1_200_000,
      qualifier: "more_than",
    });
  });

  it("derives what a stated change fixes and flags the rest of the history as sample", () => {
    const points = fakeHistory(weeks, "smart_hd.installs")?.points ?? [];
    expect(points).toHaveLength(6);
    expect(points.at(-1)).toMatchObject({ value: 45_929, change: 90 });
    expect(points.at(-2)).toEqual(expect.objectContaining({ value: 45_839 }));
    expect(points.at(-2)?.sample).toBeUndefined();
    expect(points.at(-3)?.sample).toBe(true);
    expect(fakeHistory(weeks, "nope.nope")).toBeUndefined();
    expect(fakeSnapshots(weeks).snapshots.map((s) => s.sample ?? false)).toEqual([false, true, true, true, true, true]);
  });
});
