import { indicatorValueSchema, type Catalogue, type IndicatorValue, type Snapshot } from "@cds/shared";
import type { SnapshotRepository } from "./ports";
import { SnapshotError } from "./snapshot-error";

export interface Correction {
  week: string;
  /** Indicator id → its corrected value (replacing the whole value), or null to withdraw the figure. */
  changes: Record<string, IndicatorValue | null>;
  /** Why the figures changed; shown with the revision. */
  note: string;
  by: string;
}

const MAX_ATTEMPTS = 10;

/**
 * Corrects a published week: the published revision with `changes` applied becomes revision n+1, published
 * at once by the corrector; every earlier revision stays readable.
 *
 * Published immediately (not as a draft) because a correction exists to replace a figure the public is
 * already reading, and creating and publishing in one atomic step leaves no window in which another
 * correction could publish in between. Who may correct (an approver) is the console's rule. For a
 * two-person correction, import a new draft of the week and publish it instead.
 *
 * Concurrent corrections compose: each is applied to the latest revision, retrying when another revision
 * landed between read and write, so no correction is silently based on a stale revision.
 */
export async function correctSnapshot(
  deps: { snapshots: SnapshotRepository; catalogue: Catalogue; now: () => Date },
  input: Correction,
): Promise<Snapshot> {
  const note = input.note.trim();
  const by = input.by.trim();
  if (!note) throw new SnapshotError("invalid", "Cần ghi lý do đính chính");
  if (!by) throw new SnapshotError("invalid", "Thiếu người đính chính");
  const ids = Object.keys(input.changes);
  if (ids.length === 0) throw new SnapshotError("unchanged", "Không có số liệu nào được đính chính");
  for (const id of ids) {
    if (!deps.catalogue.byId.has(id)) throw new SnapshotError("invalid", `Không có chỉ số "${id}" trong danh mục`);
    const value = input.changes[id];
    if (value !== null && !indicatorValueSchema.safeParse(value).success)
      throw new SnapshotError("invalid", `Giá trị của "${id}" không hợp lệ`);
  }

  for (let attempt = 1; ; attempt++) {
    const [head, base] = await Promise.all([deps.snapshots.get(input.week), deps.snapshots.getPublished(input.week)]);
    if (!head || !base)
      throw new SnapshotError("not_published", `Tuần ${input.week} chưa được công bố, không có gì để đính chính`);
    const values = applyChanges(base.values, input.changes);
    if (Object.keys(values).length === 0)
      throw new SnapshotError("empty", "Sau đính chính tuần này không còn số liệu nào");
    if (sameValues(values, base.values))
      throw new SnapshotError("unchanged", "Số liệu đính chính giống hệt số liệu đang công bố");
    const at = deps.now().toISOString();
    try {
      return await deps.snapshots.addRevision(
        { period: base.period, values, createdAt: at, createdBy: by, reportSha256: base.reportSha256, note },
        { expectedHead: head.revision, publish: { publishedAt: at, publishedBy: by } },
      );
    } catch (err) {
      if (!(err instanceof SnapshotError && err.code === "conflict" && attempt < MAX_ATTEMPTS)) throw err;
      // A random pause spreads racing correctors apart so each retry is likely to find the week quiet.
      await new Promise((r) => setTimeout(r, Math.random() * 10 * attempt));
    }
  }
}

function applyChanges(
  values: Record<string, IndicatorValue>,
  changes: Record<string, IndicatorValue | null>,
): Record<string, IndicatorValue> {
  const next = { ...values };
  for (const [id, value] of Object.entries(changes)) {
    if (value === null) delete next[id];
    else next[id] = value;
  }
  return next;
}

function sameValues(a: Record<string, IndicatorValue>, b: Record<string, IndicatorValue>): boolean {
  const ids = Object.keys(a);
  if (ids.length !== Object.keys(b).length) return false;
  const comparable = (v: IndicatorValue | undefined) => v && [v.value, v.qualifier, v.change, v.sample ?? false];
  return ids.every((id) => JSON.stringify(comparable(a[id])) === JSON.stringify(comparable(b[id])));
}
