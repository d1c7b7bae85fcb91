import type { StoredReport } from "./report";

/** Where uploaded reports are kept: implemented by store/report-repository.ts. */

export interface ReportRepository {
  /** Stores the report unless one with the same content exists; true when it was new. */
  addIfAbsent(report: StoredReport): Promise<boolean>;
  get(sha256: string): Promise<StoredReport | undefined>;
  listNewestFirst(limit: number): Promise<string[]>;
}
