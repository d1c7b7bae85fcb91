import { describe, expect, it } from "vitest";
import {
  formatPeriodRange,
  formatViDate,
  formatWeekLabel,
  isoDate,
  parseViDate,
  parseWeekLabel,
  weekOfMonth,
} from "./dates";

describe("parseViDate", () => {
  it.each<[string, number | undefined, string | undefined]>([
    ["30/8/2024", undefined, "2024-08-30"],
    ["02/9/2024", undefined, "2024-09-02"],
    ["1/1/2025", undefined, "2025-01-01"],
    ["30-8-2024", undefined, "2024-08-30"],
    ["30.8.2024", undefined, "2024-08-30"],
    ["23/8", 2024, "2024-08-23"],
    ["23/8", undefined, undefined],
    ["31/2/2024", undefined, undefined],
    ["29/2/2024", undefined, "2024-02-29"],
    ["29/2/2023", undefined, undefined],
    ["8/30/2024", undefined, undefined],
    ["30/8/24", undefined, undefined],
    ["hôm nay", undefined, undefined],
  ])("%j (year %s) → %s", (text, year, expected) => {
    expect(parseViDate(text, year)).toBe(expected);
  });

  it("isoDate rejects days that do not exist", () => {
    expect(isoDate(2024, 13, 1)).toBeUndefined();
    expect(isoDate(2024, 4, 31)).toBeUndefined();
    expect(isoDate(2024, 4, 30)).toBe("2024-04-30");
  });
});

describe("formatViDate", () => {
  it.each<[string | Date, string]>([
    ["2024-08-30", "30/8/2024"],
    ["2024-09-06", "6/9/2024"],
    ["2024-12-31", "31/12/2024"],
    // 17:30 UTC on 30/8 is already 31/8 in Hà Nội / Hải Dương (UTC+7).
    [new Date("2024-08-30T17:30:00Z"), "31/8/2024"],
    [new Date("2024-08-30T16:59:59Z"), "30/8/2024"],
  ])("%s → %s", (input, expected) => {
    expect(formatViDate(input)).toBe(expected);
  });

  it("formats an instant in another zone when asked", () => {
    expect(formatViDate(new Date("2024-08-30T17:30:00Z"), "UTC")).toBe("30/8/2024");
  });

  it("refuses a malformed date", () => {
    expect(() => formatViDate("2024-02-30")).toThrow(RangeError);
    expect(() => formatViDate("30/8/2024")).toThrow(RangeError);
  });
});

describe("formatPeriodRange", () => {
  it.each<[string, string, string]>([
    ["2024-08-24", "2024-08-30", "24/8–30/8/2024"],
    ["2024-08-31", "2024-09-06", "31/8–6/9/2024"],
    ["2024-12-28", "2025-01-03", "28/12/2024–3/1/2025"],
    ["2024-08-30", "2024-08-30", "30/8/2024"],
  ])("%s → %s is %s", (from, to, expected) => {
    expect(formatPeriodRange({ from, to })).toBe(expected);
  });
});

describe("week labels", () => {
  it("formats the report's week name", () => {
    expect(formatWeekLabel({ week: 5, month: 8, year: 2024 })).toBe("Tuần 5 tháng 8/2024");
  });

  it.each<[string, { week: number; month: number; year: number } | undefined]>([
    ["BÁO CÁO TUẦN 5 THÁNG 8 NĂM 2024", { week: 5, month: 8, year: 2024 }],
    ["Tuần 5 tháng 8/2024", { week: 5, month: 8, year: 2024 }],
    ["tuan 1 thang 9 nam 2024", { week: 1, month: 9, year: 2024 }],
    ["Báo cáo tuần 2 tháng 10 năm 2024 của Sở", { week: 2, month: 10, year: 2024 }],
    ["Tuần 7 tháng 8/2024", undefined],
    ["Tuần 1 tháng 13/2024", undefined],
    ["báo cáo tháng 8 năm 2024", undefined],
  ])("reads %j", (text, expected) => {
    expect(parseWeekLabel(text)).toEqual(expected);
  });

  it.each<[string, string]>([
    ["2024-08-30", "Tuần 5 tháng 8/2024"],
    ["2024-09-06", "Tuần 1 tháng 9/2024"],
    ["2024-08-23", "Tuần 4 tháng 8/2024"],
    ["2024-08-02", "Tuần 1 tháng 8/2024"],
  ])("the week ending %s is %s", (to, label) => {
    expect(formatWeekLabel(weekOfMonth(to))).toBe(label);
  });
});
