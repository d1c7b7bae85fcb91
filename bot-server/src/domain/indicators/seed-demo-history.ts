import { createHash } from "node:crypto";
import { earlierValue, weekBefore, type Catalogue, type IndicatorValue, type Snapshot } from "@cds/shared";
import type { SnapshotRepository } from "./ports";
import { SnapshotError } from "./snapshot-error";

export interface DemoHistoryResult {
  /** Weeks (their `to` dates) this run created, newest first. */
  created: string[];
  /** Weeks that already existed and were left alone. */
  present: string[];
}

const DEMO_BY = "demo";

/**
 * Published weeks before the founding week, so a local stack has a trend to draw. Only values a person can
 * defend are stated as fact: a value whose following week's report states its change (45.929 with "+90"
 * means 45.839 the week before). Every other value is made up, plausibly and deterministically, and flagged
 * `sample: true`; the API then says so for the value and for its week. Idempotent: weeks that exist (any
 * revision) are left alone, and two concurrent seeders create each week once.
 */
export async function seedDemoHistory(
  deps: { snapshots: SnapshotRepository; catalogue: Catalogue; now: () => Date },
  founding: Snapshot,
  options: { weeks?: number } = {},
): Promise<DemoHistoryResult> {
  if (founding.status !== "published")
    throw new SnapshotError("not_published", "Tuần gốc phải được công bố trước khi tạo dữ liệu minh họa");
  const weeks = options.weeks ?? 8;
  const result: DemoHistoryResult = { created: [], present: [] };
  let following = founding.values;
  for (let k = 1; k < weeks; k++) {
    const values = demoWeek(deps.catalogue, founding.values, following, k);
    following = values;
    const period = weekBefore(founding.period, k);
    if (await deps.snapshots.get(period.to)) {
      result.present.push(period.to);
      continue;
    }
    const derived = Object.entries(values)
      .filter(([, v]) => !v.sample)
      .map(([id]) => id);
    const at = deps.now().toISOString();
    try {
      await deps.snapshots.addRevision(
        {
          period,
          values,
          createdAt: at,
          createdBy: DEMO_BY,
          note:
            "Dữ liệu minh họa cho bản chạy thử, không phải báo cáo thật. " +
            (derived.length
              ? `Chỉ ${derived.join(", ")} được suy ra từ mức tăng báo cáo tuần sau nêu; các số khác là giả định.`
              : "Mọi số liệu là giả định."),
        },
        { expectedHead: 0, publish: { publishedAt: at, publishedBy: DEMO_BY } },
      );
      result.created.push(period.to);
    } catch (err) {
      if (!(err instanceof SnapshotError && err.code === "conflict")) throw err;
      result.present.push(period.to);
    }
  }
  return result;
}

/**
 * Week k before the founding week, from the week after it (`following`). A stated change gives the exact
 * earlier value; everything else is sample data shaped by the indicator's kind.
 */
function demoWeek(
  catalogue: Catalogue,
  founding: Record<string, IndicatorValue>,
  following: Record<string, IndicatorValue>,
  k: number,
): Record<string, IndicatorValue> {
  const values: Record<string, IndicatorValue> = {};
  for (const def of catalogue.indicators) {
    const next = following[def.id];
    const base = founding[def.id];
    if (!next || !base) continue;
    values[def.id] = earlierValue(def, base, next, unit(def.id, k));
  }
  keepSums(catalogue, values);
  return values;
}

/**
 * A total stays the sum of its parts (18.842 + 10.080 = 28.922): the first part that is a stock absorbs the
 * difference, so totals, which may be derived, are never bent to fit made-up parts.
 */
function keepSums(catalogue: Catalogue, values: Record<string, IndicatorValue>): void {
  for (const def of catalogue.indicators) {
    const total = values[def.id];
    if (!total) continue;
    for (const rel of def.relations) {
      if (rel.type !== "sum_of") continue;
      const adjust = rel.ids.find((id) => catalogue.byId.get(id)?.kind === "stock" && values[id]?.sample);
      if (!adjust || !rel.ids.every((id) => values[id])) continue;
      const others = rel.ids.filter((id) => id !== adjust).reduce((sum, id) => sum + values[id]!.value, 0);
      if (total.value - others >= 0) values[adjust] = { value: total.value - others, sample: true };
    }
  }
}

/** A number in [0, 1) fixed by indicator and week, so every run makes the same demo data. */
function unit(id: string, k: number): number {
  return createHash("sha256").update(`${id}:${k}`).digest().readUInt32BE(0) / 2 ** 32;
}
