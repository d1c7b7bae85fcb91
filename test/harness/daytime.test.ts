import { describe, expect, it } from "vitest";
import { daytimeOffsetMs } from "./daytime";

const at = (iso: string) => Date.parse(iso);

describe("a daytime clock for sending tests", () => {
  it("leaves the day alone and moves the night to 08:00 in Vietnam", () => {
    expect(daytimeOffsetMs(at("2026-12-02T10:00:00+07:00"))).toBe(0);
    expect(at("2026-12-02T23:30:00+07:00") + daytimeOffsetMs(at("2026-12-02T23:30:00+07:00"))).toBe(
      at("2026-12-03T08:00:00+07:00"),
    );
    expect(at("2026-12-03T02:00:00+07:00") + daytimeOffsetMs(at("2026-12-03T02:00:00+07:00"))).toBe(
      at("2026-12-03T08:00:00+07:00"),
    );
  });
});
