import { describe, expect, it } from "vitest";
import { isWithinNightWindow, localDayKey, localMonthKey, localParts, startOfLocalDay } from "./zone";

const TZ = "Asia/Ho_Chi_Minh"; // UTC+7, no daylight saving

describe("time zone helpers", () => {
  it("reads local calendar fields", () => {
    expect(localParts(Date.parse("2024-08-30T17:30:00Z"), TZ)).toEqual({
      year: 2024,
      month: 8,
      day: 31,
      hour: 0,
      minute: 30,
    });
    expect(localDayKey(Date.parse("2024-08-31T16:59:59Z"), TZ)).toBe("2024-08-31");
    expect(localMonthKey(Date.parse("2024-08-31T17:00:00Z"), TZ)).toBe("2024-09");
  });

  it.each([
    ["2024-08-30T14:59:00Z", false], // 21:59 local
    ["2024-08-30T15:00:00Z", true], // 22:00
    ["2024-08-30T22:59:00Z", true], // 05:59
    ["2024-08-30T23:00:00Z", false], // 06:00
    ["2024-08-30T05:00:00Z", false], // 12:00
  ])("night window 22–06 at %s is %s", (iso, night) => {
    expect(isWithinNightWindow(Date.parse(iso), TZ, 22, 6)).toBe(night);
  });

  it("handles a window that does not wrap midnight", () => {
    expect(isWithinNightWindow(Date.parse("2024-08-30T03:00:00Z"), TZ, 9, 12)).toBe(true);
    expect(isWithinNightWindow(Date.parse("2024-08-30T06:00:00Z"), TZ, 9, 12)).toBe(false);
  });
});

describe("startOfLocalDay", () => {
  it("finds local midnight in Ho Chi Minh City and in a zone with daylight saving", () => {
    expect(new Date(startOfLocalDay(Date.parse("2024-08-30T20:00:00Z"), TZ)).toISOString()).toBe(
      "2024-08-30T17:00:00.000Z",
    );
    expect(new Date(startOfLocalDay(Date.parse("2024-08-30T16:59:00Z"), TZ)).toISOString()).toBe(
      "2024-08-29T17:00:00.000Z",
    );
    expect(new Date(startOfLocalDay(Date.parse("2024-07-01T12:00:00Z"), "Europe/Paris")).toISOString()).toBe(
      "2024-06-30T22:00:00.000Z",
    );
  });
});
