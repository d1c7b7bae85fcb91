import type { SnapshotRepository } from "./ports";
import { withPreviousWeek, type PublishedWeek } from "./present-week";

/** The newest published week and the one before it; undefined until something is published. */
export async function latestPublished(deps: { snapshots: SnapshotRepository }): Promise<PublishedWeek | undefined> {
  const weeks = await deps.snapshots.publishedWeeks({ last: 2 });
  const latest = weeks.at(-1);
  if (!latest) return undefined;
  const before = weeks.length > 1 ? weeks[0] : undefined;
  const [snapshot, previous] = await Promise.all([
    deps.snapshots.getPublished(latest),
    before ? deps.snapshots.getPublished(before) : undefined,
  ]);
  return snapshot && withPreviousWeek(snapshot, previous);
}
