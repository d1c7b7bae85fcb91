import { describe, expect, it } from "vitest";
import type { ApiIndicator } from "@cds/shared";
import {
  changeOf,
  dateTimeText,
  dayText,
  figureText,
  formatFigure,
  paragraphs,
  periodText,
  previousFromHistory,
  previousFromSnapshots,
} from "./format";

const indicator = (over: Partial<ApiIndicator>): ApiIndicator => ({
  id: "x.y",
  group: "dvc",
  label: "L",
  shortLabel: "S",
  unit: "count",
  unitLabel: "tài khoản",
  value: 0,
  source: "src",
  definition: "def",
  ...over,
});

describe("figures", () => {
  it("writes numbers the Vietnamese way, keeping a lower bound's words", () => {
    expect(formatFigure(indicator({ value: 45_929 }))).toEqual({ value: "45.929", unit: "tài khoản" });
    expect(formatFigure(indicator({ unit: "percent", unitLabel: "%", value: 94.5 }))).toEqual({
      value: "94,5%",
      unit: "",
    });
    expect(figureText(indicator({ value: 1_200_000, qualifier: "more_than" }))).toBe("trên 1,2 triệu tài khoản");
    expect(figureText(indicator({ unit: "percent", unitLabel: "%", value: 93 }))).toBe("93%");
  });
});

describe("changeOf", () => {
  it("prefers the change the report states", () => {
    const c = changeOf(indicator({ value: 45_929, change: 90, previous: 45_000 }));
    expect(c).toEqual({ text: "+90", direction: "up", spoken: "Tăng 90 tài khoản so với tuần trước", stated: true });
  });

  it("computes the difference with the previous week otherwise, in percentage points for rates", () => {
    const c = changeOf(indicator({ unit: "percent", unitLabel: "%", value: 94.5, previous: 93.2 }));
    expect(c).toMatchObject({
      text: "+1,3 điểm %",
      direction: "up",
      stated: false,
      spoken: "Tăng 1,3 điểm phần trăm so với tuần trước",
    });
    expect(changeOf(indicator({ value: 28_922, previous: 30_153 }))).toMatchObject({
      text: "−1.231",
      direction: "down",
    });
    expect(changeOf(indicator({ value: 7, previous: 7 }))).toMatchObject({
      text: "0",
      direction: "flat",
      spoken: "Không đổi so với tuần trước",
    });
  });

  it("has none for a lower bound or without a previous week", () => {
    expect(changeOf(indicator({ value: 1_200_000, qualifier: "more_than", previous: 1_200_000 }))).toBeUndefined();
    expect(changeOf(indicator({ value: 5 }))).toBeUndefined();
  });
});

describe("previous week", () => {
  const period = (to: string) => ({ from: to, to, label: "Tuần" });
  it("is unknown until known, then real or sample", () => {
    expect(previousFromHistory(undefined)).toBe("unknown");
    const indicatorMeta = {
      id: "x.y",
      group: "dvc" as const,
      label: "L",
      shortLabel: "S",
      unit: "count" as const,
      unitLabel: "",
      source: "",
      definition: "",
    };
    expect(
      previousFromHistory({
        indicator: indicatorMeta,
        points: [
          { period: period("2024-08-23"), value: 1, sample: true },
          { period: period("2024-08-30"), value: 2 },
        ],
      }),
    ).toBe("sample");
    expect(
      previousFromHistory({ indicator: indicatorMeta, points: [{ period: period("2024-08-30"), value: 2 }] }),
    ).toBe("real");
    const list = {
      snapshots: [
        { period: period("2024-08-30"), revision: 1, publishedAt: "" },
        { period: period("2024-08-23"), revision: 1, publishedAt: "", sample: true },
      ],
    };
    expect(previousFromSnapshots(list, "2024-08-30")).toBe("sample");
    expect(previousFromSnapshots(list, undefined)).toBe("unknown");
    expect(previousFromSnapshots(undefined, "2024-08-30")).toBe("unknown");
  });
});

describe("dates", () => {
  it("names the period as the report does", () => {
    expect(periodText({ from: "2024-08-24", to: "2024-08-30", label: "Tuần 5 tháng 8/2024" })).toBe(
      "Tuần 5 tháng 8/2024, 24/8–30/8/2024",
    );
  });

  it("shows instants in Asia/Ho_Chi_Minh whatever the device's zone", () => {
    expect(dayText("2024-08-30T18:30:00Z")).toBe("31/8/2024");
    expect(dateTimeText("2024-08-30T10:05:00Z")).toBe("17:05 ngày 30/8/2024");
  });
});

describe("paragraphs", () => {
  it("splits on blank lines and keeps markup as text", () => {
    expect(paragraphs("Một.\r\n\r\nHai <b>đậm</b>\ndòng\n  \n\nBa")).toEqual(["Một.", "Hai <b>đậm</b>\ndòng", "Ba"]);
  });
});
