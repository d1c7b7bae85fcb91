/**
 * Why a snapshot operation was refused. `message` is Vietnamese and safe to show an editor; `code` is for
 * callers (the console maps it to an HTTP status).
 */
export type SnapshotErrorCode =
  "not_found" | "invalid" | "empty" | "already_published" | "superseded" | "not_published" | "unchanged" | "conflict";

export class SnapshotError extends Error {
  override name = "SnapshotError";
  constructor(
    readonly code: SnapshotErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The refusals of the snapshot repository's contract, worded once: every implementation (the Redis store,
 * the tests' in-memory one) and the domain's own checks throw these.
 */
export const snapshotRefusal = {
  invalidWeek: (week: string) => new SnapshotError("invalid", `Mã tuần "${week}" không đúng dạng YYYY-MM-DD`),
  staleHead: (week: string, head: number) =>
    new SnapshotError("conflict", `Tuần ${week} vừa có phiên bản ${head} mới, hãy tải lại rồi thử lại`),
  noRevision: (week: string, revision: number) =>
    new SnapshotError("not_found", `Không có phiên bản ${revision} của tuần ${week}`),
  alreadyPublished: (week: string, revision: number) =>
    new SnapshotError("already_published", `Phiên bản ${revision} của tuần ${week} đã được công bố`),
  superseded: (week: string, revision: number) =>
    new SnapshotError(
      "superseded",
      `Phiên bản ${revision} của tuần ${week} cũ hơn phiên bản đang công bố, không thể công bố`,
    ),
};

/** A week is named by its last day, YYYY-MM-DD; it becomes part of a key, so anything else is refused. */
export const WEEK_ID = /^\d{4}-\d{2}-\d{2}$/;

export function checkWeek(week: string): void {
  if (!WEEK_ID.test(week)) throw snapshotRefusal.invalidWeek(week);
}
