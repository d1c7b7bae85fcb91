import { describe, expect, it } from "vitest";
import { parseJsonKeepingBigIntegers } from "./json";

describe("parseJsonKeepingBigIntegers", () => {
  it("keeps 16+ digit integers as exact strings", () => {
    const v = parseJsonKeepingBigIntegers(
      '{"user_id":2512523625412515123,"n":[9007199254740993,-1234567890123456789]}',
    ) as {
      user_id: string;
      n: string[];
    };
    expect(v.user_id).toBe("2512523625412515123");
    expect(v.n).toEqual(["9007199254740993", "-1234567890123456789"]);
  });

  it("leaves small numbers, decimals, exponents and strings alone", () => {
    expect(
      parseJsonKeepingBigIntegers(
        '{"a":12,"b":1.5,"c":1234567890123456.5,"d":1e21,"e":"2512523625412515123","f":"x\\"12345678901234567"}',
      ),
    ).toEqual({
      a: 12,
      b: 1.5,
      c: 1234567890123456.5,
      d: 1e21,
      e: "2512523625412515123",
      f: 'x"12345678901234567',
    });
  });

  it("still rejects invalid JSON", () => {
    expect(() => parseJsonKeepingBigIntegers("{nope")).toThrow();
  });
});
