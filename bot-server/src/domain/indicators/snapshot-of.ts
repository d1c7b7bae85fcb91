import { snapshotSchema, type Snapshot } from "@cds/shared";
import type { NewRevision, Publication } from "./ports";

/**
 * Revision `revision` of `week` as the domain sees it, validated: published when it has a publication.
 * Every snapshot store (Redis, the tests' in-memory one) builds what it returns with this.
 */
export function snapshotOf(week: string, revision: number, body: NewRevision, publication?: Publication): Snapshot {
  return snapshotSchema.parse({
    ...body,
    ...publication,
    id: week,
    revision,
    status: publication ? "published" : "draft",
  });
}
