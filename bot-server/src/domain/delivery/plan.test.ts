import { DEFAULT_PLATFORM_LIMITS } from "@cds/shared";
import { describe, expect, it } from "vitest";
import { materialChanges, outsideNight, planDelivery, type PlanInput } from "./plan";

const at = (iso: string) => Date.parse(iso);
const base: PlanInput = {
  requestedAt: at("2026-12-04T09:00:00+07:00"),
  limits: DEFAULT_PLATFORM_LIMITS,
  oaPackage: "premium",
  cities: "10",
  citiesLabel: "Hải Dương (10)",
  audience: {
    following: 1_200_000,
    subscribed: 60_000,
    subscribedFree: 20_000,
    subscribedBillable: 15_000,
    subscribedSilent: 25_000,
  },
  broadcastsSent: { month: 2, day: 0 },
  billedMessagePriceVnd: 55,
  hasCover: true,
};

describe("the delivery plan", () => {
  it("broadcasts to the province and sends the digest to subscribers active within 7 days, with the cost of the billed ones", () => {
    const plan = planDelivery(base);
    expect(plan).toMatchObject({
      startsAt: "2026-12-04T02:00:00.000Z",
      warnings: [],
      broadcast: { included: true, cities: "10", where: "Hải Dương (10)", estimatedReach: 1_200_000 },
      digest: { recipients: 35_000, free: 20_000, billable: 15_000, estimatedCostVnd: 825_000 },
    });
    expect(plan.notReached).toEqual([expect.objectContaining({ reason: "silent_over_cs_window", count: 25_000 })]);
  });

  it("leaves the broadcast out when the month's cap or today's is used, and says who is not reached", () => {
    const capped = planDelivery({ ...base, broadcastsSent: { month: 6, day: 0 } });
    expect(capped.broadcast).toMatchObject({
      included: false,
      estimatedReach: 0,
      reason: expect.stringMatching(/6\/6/),
    });
    expect(capped.notReached.map((n) => n.reason)).toEqual([
      "broadcast_not_sent",
      "not_subscribed",
      "silent_over_cs_window",
    ]);
    expect(capped.notReached.find((n) => n.reason === "not_subscribed")?.count).toBe(1_140_000);
    expect(planDelivery({ ...base, broadcastsSent: { month: 1, day: 1 } }).broadcast.reason).toMatch(
      /một tin mỗi ngày/,
    );
    expect(planDelivery({ ...base, oaPackage: "basic", broadcastsSent: { month: 1, day: 0 } }).broadcast.included).toBe(
      false,
    );
    expect(planDelivery({ ...base, hasCover: false }).broadcast.reason).toMatch(/ảnh bìa/);
  });

  it("moves a time at night to 06:00, with a warning, and counts today's broadcast for the day it starts", () => {
    const late = planDelivery({
      ...base,
      requestedAt: at("2026-12-04T23:30:00+07:00"),
      broadcastsSent: { month: 2, day: 1 },
    });
    expect(late.startsAt).toBe(new Date(at("2026-12-05T06:00:00+07:00")).toISOString());
    expect(late.warnings).toEqual([expect.stringMatching(/ban đêm/)]);
    // Yesterday's broadcast does not stop this morning's.
    expect(late.broadcast.included).toBe(true);
    expect(outsideNight(at("2026-12-05T05:59:00+07:00"), DEFAULT_PLATFORM_LIMITS)).toBe(
      at("2026-12-05T06:00:00+07:00"),
    );
    expect(outsideNight(at("2026-12-05T22:00:00+07:00"), DEFAULT_PLATFORM_LIMITS)).toBe(
      at("2026-12-06T06:00:00+07:00"),
    );
    expect(outsideNight(at("2026-12-05T21:59:00+07:00"), DEFAULT_PLATFORM_LIMITS)).toBe(
      at("2026-12-05T21:59:00+07:00"),
    );
    // A broadcast sent late on the last day of a month does not count against the 1st's.
    const newMonth = planDelivery({
      ...base,
      requestedAt: at("2026-12-31T23:00:00+07:00"),
      broadcastsSent: { month: 6, day: 1 },
    });
    expect(newMonth.broadcast.included).toBe(true);
  });

  it("says what changed materially between the approved plan and the plan at send time", () => {
    const approved = planDelivery(base);
    expect(materialChanges(approved, planDelivery(base))).toEqual([]);
    expect(materialChanges(approved, planDelivery({ ...base, broadcastsSent: { month: 6, day: 0 } }))).toEqual([
      expect.stringMatching(/quảng bá không còn gửi được/),
    ]);
    const halved = { ...base.audience, subscribedFree: 10_000, subscribedBillable: 7_500 };
    expect(materialChanges(approved, planDelivery({ ...base, audience: halved }))).toEqual([
      expect.stringMatching(/35\.000 xuống 17\.500/),
    ]);
    expect(
      materialChanges(approved, planDelivery({ ...base, audience: { ...base.audience, subscribedFree: 30_000 } })),
    ).toEqual([]);
  });
});
