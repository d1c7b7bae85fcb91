import { describe, expect, it } from "vitest";
import { SimClock } from "./clock";

describe("the simulator's clock", () => {
  it("stands still while frozen, moves only when told, and resumes from where it stood", () => {
    let real = 1_000_000;
    const clock = new SimClock(() => real);
    clock.set(5_000_000);
    real += 10;
    expect(clock.now()).toBe(5_000_010);
    clock.freeze(true);
    real += 60_000;
    expect(clock.now()).toBe(5_000_010);
    clock.advance(90_000);
    expect(clock.now()).toBe(5_090_010);
    clock.freeze(false);
    expect(clock.now()).toBe(5_090_010);
    real += 5;
    expect(clock.now()).toBe(5_090_015);
    clock.reset();
    expect(clock.now()).toBe(real);
  });
});
