import { holdsSample, type SnapshotListResponse } from "@cds/shared";
import type { SnapshotRepository } from "./ports";
import { withPreviousWeek, type PublishedWeek } from "./present-week";

/** Every published week, newest first, saying which ones hold demo values. */
export async function listPublishedWeeks(deps: { snapshots: SnapshotRepository }): Promise<SnapshotListResponse> {
  const published = await deps.snapshots.listPublished();
  return {
    snapshots: published.toReversed().map((s) => ({
      period: s.period,
      revision: s.revision,
      publishedAt: s.publishedAt ?? s.createdAt,
      ...(holdsSample(s.values) && { sample: true }),
    })),
  };
}

/**
 * One published week by either end of its period (`date` is the `to` date that keys it, or its `from`
 * date), with the published week before it. Undefined when no published week matches.
 */
export async function findPublishedWeek(
  deps: { snapshots: SnapshotRepository },
  date: string,
): Promise<PublishedWeek | undefined> {
  const weeks = await deps.snapshots.publishedWeeks();
  const week = weeks.includes(date) ? date : await deps.snapshots.weekStartingOn(date);
  const i = week === undefined ? -1 : weeks.indexOf(week);
  if (i < 0) return undefined;
  const before = i > 0 ? weeks[i - 1] : undefined;
  const [snapshot, previous] = await Promise.all([
    deps.snapshots.getPublished(weeks[i]!),
    before ? deps.snapshots.getPublished(before) : undefined,
  ]);
  return snapshot && withPreviousWeek(snapshot, previous);
}
