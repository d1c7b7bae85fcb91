import { describe, expect, it } from "vitest";
import { rejectionLog } from "./webhook-rejections";

describe("rejected webhook log lines", () => {
  it("are one per address and window, each saying how many rejections it stands for", () => {
    const log = rejectionLog({ windowMs: 10_000, maxAddresses: 100 });
    const lines: number[] = [];
    for (let t = 0; t < 25_000; t += 100) {
      const n = log.record("203.0.113.9", t);
      if (n > 0) lines.push(n);
    }
    // 250 rejections in 25 s: a line at 0 s, 10 s and 20 s.
    expect(lines).toEqual([1, 100, 100]);
    expect(log.record("198.51.100.7", 25_000)).toBe(1);
  });

  it("keeps a bounded table under a spray from many addresses", () => {
    const log = rejectionLog({ windowMs: 10_000, maxAddresses: 10 });
    for (let n = 0; n < 1000; n++) expect(log.record(`10.0.${n >> 8}.${n & 255}`, 0)).toBe(1);
  });
});
