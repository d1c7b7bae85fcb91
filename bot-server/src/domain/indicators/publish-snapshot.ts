import type { Snapshot } from "@cds/shared";
import type { SnapshotRepository } from "./ports";
import { SnapshotError, snapshotRefusal } from "./snapshot-error";

/**
 * Publishes one draft revision of a week. The caller names the revision (the one the approver looked at),
 * so a draft imported meanwhile is never published unseen. Refuses an empty snapshot, a revision already
 * published, and a revision older than the one the public already sees.
 */
export async function publishSnapshot(
  deps: { snapshots: SnapshotRepository; now: () => Date },
  input: { week: string; revision: number; by: string },
): Promise<Snapshot> {
  const by = input.by.trim();
  if (!by) throw new SnapshotError("invalid", "Thiếu người công bố");
  const draft = await deps.snapshots.get(input.week, input.revision);
  if (!draft) throw snapshotRefusal.noRevision(input.week, input.revision);
  if (draft.status === "published") throw snapshotRefusal.alreadyPublished(input.week, input.revision);
  if (Object.keys(draft.values).length === 0)
    throw new SnapshotError("empty", `Tuần ${input.week} không có số liệu nào, không thể công bố`);

  const publication = { publishedAt: deps.now().toISOString(), publishedBy: by };
  await deps.snapshots.publish(input.week, input.revision, publication);
  return { ...draft, ...publication, status: "published" };
}
