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
