import { describe, expect, it } from "vitest";
import {
  formatQualified,
  formatSignedChange,
  formatViCompact,
  formatViNumber,
  formatViPercent,
  MINUS,
  parseViNumber,
} from "./numbers";

describe("parseViNumber", () => {
  it.each<[string, number]>([
    ["45.929", 45929],
    ["1.231", 1231],
    ["3036", 3036],
    ["01", 1],
    ["0", 0],
    ["7", 7],
    ["94,5", 94.5],
    ["1.231,75", 1231.75],
    ["1.200.000", 1200000],
    ["1,2 triệu", 1200000],
    ["1,15 triệu", 1150000],
    ["1,2triệu", 1200000],
    ["1,2 TRIỆU", 1200000],
    ["1,2 trieu", 1200000],
    ["2 nghìn", 2000],
    ["2 ngàn", 2000],
    ["2,5 nghìn", 2500],
    ["3 tỷ", 3_000_000_000],
    ["1,5 tỉ", 1_500_000_000],
    ["93%", 93],
    ["93 %", 93],
    ["94,5%", 94.5],
    ["100%", 100],
    ["  83.974 ", 83974],
    ["+90", 90],
    ["-1.231", -1231],
    [`${MINUS}1.231`, -1231],
    ["1,2 triệu".normalize("NFD"), 1200000],
  ])("%j → %d", (text, expected) => {
    expect(parseViNumber(text)).toBe(expected);
  });

  it.each([
    "",
    "   ",
    "abc",
    "12abc",
    "1.2",
    "1.23",
    "1.2345",
    "1..231",
    "1.231.",
    ".5",
    "1,2,3",
    "1,",
    "45 929",
    "2 con",
    "1,2 triệu%",
    "%",
    "--5",
    "99999999999999999999",
    "NaN",
    "Infinity",
  ])("rejects %j", (text) => {
    expect(parseViNumber(text)).toBeUndefined();
  });
});

describe("formatViNumber", () => {
  it.each<[number, { decimals?: number } | undefined, string]>([
    [45929, undefined, "45.929"],
    [3036, undefined, "3.036"],
    [1231, undefined, "1.231"],
    [1200000, undefined, "1.200.000"],
    [0, undefined, "0"],
    [7, undefined, "7"],
    [94.5, undefined, "94,5"],
    [94.567, undefined, "94,57"],
    [94.5, { decimals: 2 }, "94,50"],
    [93, { decimals: 1 }, "93,0"],
    [1231.4, { decimals: 0 }, "1.231"],
    [-1231, undefined, `${MINUS}1.231`],
    [-0, undefined, "0"],
  ])("%d %j → %s", (n, options, expected) => {
    expect(formatViNumber(n, options)).toBe(expected);
  });

  it("round-trips through parseViNumber", () => {
    for (const n of [0, 1, 12, 999, 1000, 45929, 1234567, 94.5, 0.25, -1231])
      expect(parseViNumber(formatViNumber(n))).toBe(n);
  });

  it("refuses what is not a number", () => {
    expect(() => formatViNumber(Number.NaN)).toThrow(RangeError);
    expect(() => formatViNumber(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe("formatViPercent", () => {
  it.each<[number, string]>([
    [93, "93%"],
    [94.5, "94,5%"],
    [100, "100%"],
    [0, "0%"],
    [22.25, "22,25%"],
  ])("%d → %s", (n, expected) => {
    expect(formatViPercent(n)).toBe(expected);
  });
});

describe("formatSignedChange", () => {
  it.each<[number, string]>([
    [90, "+90"],
    [1231, "+1.231"],
    [-1231, `${MINUS}1.231`],
    [-5, `${MINUS}5`],
    [0, "0"],
    [2.5, "+2,5"],
  ])("%d → %s", (n, expected) => {
    expect(formatSignedChange(n)).toBe(expected);
  });
});

describe("formatViCompact and formatQualified", () => {
  it.each<[number, string]>([
    [1200000, "1,2 triệu"],
    [1250000, "1,25 triệu"],
    [1000000, "1 triệu"],
    [1234567, "1.234.567"],
    [2000000000, "2 tỷ"],
    [1500000000, "1,5 tỷ"],
    [83974, "83.974"],
    [999999, "999.999"],
  ])("compact %d → %s", (n, expected) => {
    expect(formatViCompact(n)).toBe(expected);
  });

  it.each<[number, "more_than" | undefined, "percent" | "count" | undefined, string]>([
    [1200000, "more_than", undefined, "trên 1,2 triệu"],
    [1200000, undefined, undefined, "1.200.000"],
    [83974, undefined, "count", "83.974"],
    [5000, "more_than", "count", "trên 5.000"],
    [93, undefined, "percent", "93%"],
    [90, "more_than", "percent", "trên 90%"],
  ])("%d %s %s → %s", (value, qualifier, unit, expected) => {
    expect(formatQualified(value, qualifier, { unit })).toBe(expected);
  });
});
