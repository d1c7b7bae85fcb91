import { describe, expect, it } from "vitest";
import type { WebhookDedupe } from "../store/webhook-dedupe";
import type { QueuePayload } from "./definitions";
import { createInboundIntake } from "./inbound-intake";
import type { Producers } from "./producers";

const payload = (userId: string): QueuePayload<"inbound"> => ({
  event: { type: "follow", userId, at: 1, eventName: "follow" },
  receivedAt: 1,
});

function fakes(opts: { failAdd?: boolean } = {}) {
  const seen = new Set<string>();
  const calls = { claims: 0, adds: [] as number[], released: [] as string[], confirmed: [] as string[] };
  const dedupe: WebhookDedupe = {
    async claimMany(keys) {
      calls.claims++;
      return keys.map((k) => (seen.has(k) ? false : (seen.add(k), true)));
    },
    async confirmMany(keys) {
      calls.confirmed.push(...keys);
    },
    async releaseMany(keys) {
      calls.released.push(...keys);
      for (const k of keys) seen.delete(k);
    },
  };
  const producers = {
    async addBulk(_name: string, items: unknown[]) {
      if (opts.failAdd) throw new Error("redis down");
      calls.adds.push(items.length);
      return [];
    },
  } as unknown as Producers;
  return { intake: createInboundIntake({ dedupe, producers }), calls };
}

describe("inbound intake", () => {
  it("claims and enqueues events that arrive together in one round trip each, duplicates included", async () => {
    const { intake, calls } = fakes();
    const outcomes = await Promise.all([
      intake.accept("a", payload("1")),
      intake.accept("b", payload("2")),
      intake.accept("a", payload("1")),
    ]);
    expect(outcomes).toEqual(["accepted", "accepted", "duplicate"]);
    expect(calls.claims).toBe(1);
    expect(calls.adds).toEqual([2]);
    expect(calls.confirmed).toEqual(["a", "b"]);
    expect(await intake.accept("b", payload("2"))).toBe("duplicate");
  });

  it("fails the callers and releases their claims when the queue cannot take the events", async () => {
    const { intake, calls } = fakes({ failAdd: true });
    await expect(intake.accept("x", payload("1"))).rejects.toThrow("redis down");
    expect(calls.released).toEqual(["x"]);
    expect(calls.confirmed).toEqual([]);
  });
});
