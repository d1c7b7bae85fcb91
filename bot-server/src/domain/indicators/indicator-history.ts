import type { Catalogue, IndicatorHistoryResponse } from "@cds/shared";
import type { SnapshotRepository } from "./ports";

/**
 * One indicator across every published week, oldest first (the published revision of each week, so a
 * corrected figure shows as corrected). Weeks whose report lacked the indicator have no point. Undefined
 * for an id that is not in the catalogue.
 */
export async function indicatorHistory(
  deps: { snapshots: SnapshotRepository; catalogue: Catalogue },
  id: string,
): Promise<IndicatorHistoryResponse | undefined> {
  const def = deps.catalogue.byId.get(id);
  if (!def) return undefined;
  const published = await deps.snapshots.listPublished();
  const points = published.flatMap((s) => {
    const v = s.values[id];
    if (!v) return [];
    return [
      {
        period: s.period,
        value: v.value,
        ...(v.qualifier && { qualifier: v.qualifier }),
        ...(v.change !== undefined && { change: v.change }),
        ...(v.sample && { sample: true }),
      },
    ];
  });
  const { group, label, shortLabel, unit, unitLabel, source, definition } = def;
  return { indicator: { id, group, label, shortLabel, unit, unitLabel, source, definition }, points };
}
