import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { defaultCatalogue } from "@cds/shared";
import { publishFounding } from "../../../../test/api/helpers";
import { createMemoryStore, type MemoryStore } from "../../../../test/harness/memory-store";
import { indicatorHistory } from "./indicator-history";
import { listPublishedWeeks } from "./published-weeks";
import { seedDemoHistory } from "./seed-demo-history";

let store: MemoryStore;
beforeEach(() => {
  store = createMemoryStore();
});
afterEach(() => store.close());

const deps = () => ({ snapshots: store.snapshots, catalogue: defaultCatalogue, now: store.clock.now });

describe("demo history", () => {
  it("derives the week before from the changes the report states, and flags every other value as sample", async () => {
    const founding = await publishFounding(store);
    const result = await seedDemoHistory(deps(), founding);
    expect(result.created).toEqual([
      "2024-08-23",
      "2024-08-16",
      "2024-08-09",
      "2024-08-02",
      "2024-07-26",
      "2024-07-19",
      "2024-07-12",
    ]);

    const before = (await store.snapshots.getPublished("2024-08-23"))!;
    expect(before.period).toEqual({ from: "2024-08-17", to: "2024-08-23", label: "Tuần 4 tháng 8/2024" });
    expect(before.values["smart_hd.installs"]).toEqual({ value: 45_839 });
    expect(before.values["vbdlis.cases_total"]).toEqual({ value: 27_691 });
    expect(before.values["vbdlis.tax_cases_total"]).toEqual({ value: 9504 });
    const defended = new Set(["smart_hd.installs", "vbdlis.cases_total", "vbdlis.tax_cases_total"]);
    for (const [id, v] of Object.entries(before.values)) if (!defended.has(id)) expect(v.sample, id).toBe(true);
    expect(Object.keys(before.values)).toHaveLength(30);
    expect(before.note).toMatch(/minh họa/);

    for (const week of result.created.slice(1)) {
      const s = (await store.snapshots.getPublished(week))!;
      for (const [id, v] of Object.entries(s.values)) expect(v.sample, `${week} ${id}`).toBe(true);
    }
  });

  it("makes plausible sample values: totals are sums of their parts, rates stay within 0–100, totals grow", async () => {
    const founding = await publishFounding(store);
    await seedDemoHistory(deps(), founding);
    const weeks = await store.snapshots.listPublished();
    expect(weeks).toHaveLength(8);
    for (const s of weeks) {
      const v = (id: string) => s.values[id]!.value;
      expect(v("vbdlis.cases_in_progress") + v("vbdlis.cases_returned")).toBe(v("vbdlis.cases_total"));
      expect(v("infosec.approved") + v("infosec.pending") + v("infosec.to_supplement")).toBe(v("infosec.dossiers"));
      for (const d of defaultCatalogue.indicators.filter((d) => d.unit === "percent")) {
        expect(v(d.id)).toBeGreaterThanOrEqual(0);
        expect(v(d.id)).toBeLessThanOrEqual(100);
      }
      expect(s.values["media.zalo_oa_followers"]?.qualifier).toBe("more_than");
    }
    const installs = weeks.map((s) => s.values["smart_hd.installs"]!.value);
    expect([...installs].sort((a, b) => a - b)).toEqual(installs);
  });

  it("says which weeks hold sample values, and is idempotent", async () => {
    const founding = await publishFounding(store);
    await seedDemoHistory(deps(), founding);
    const again = await seedDemoHistory(deps(), founding);
    expect(again.created).toEqual([]);
    expect(again.present).toHaveLength(7);
    expect((await store.snapshots.revisions("2024-08-23")).length).toBe(1);

    const list = await listPublishedWeeks({ snapshots: store.snapshots });
    expect(list.snapshots.map((s) => s.sample ?? false)).toEqual([false, true, true, true, true, true, true, true]);
    const history = await indicatorHistory(
      { snapshots: store.snapshots, catalogue: defaultCatalogue },
      "smart_hd.installs",
    );
    expect(history?.points.slice(-2)).toEqual([
      { period: { from: "2024-08-17", to: "2024-08-23", label: "Tuần 4 tháng 8/2024" }, value: 45_839 },
      { period: { from: "2024-08-24", to: "2024-08-30", label: "Tuần 5 tháng 8/2024" }, value: 45_929, change: 90 },
    ]);
  });

  it("creates each week once when two seeders race", async () => {
    const founding = await publishFounding(store);
    const [a, b] = await Promise.all([seedDemoHistory(deps(), founding), seedDemoHistory(deps(), founding)]);
    expect(a.created.length + b.created.length).toBe(7);
    for (const week of await store.snapshots.weeks()) expect(await store.snapshots.revisions(week)).toHaveLength(1);
  });
});
