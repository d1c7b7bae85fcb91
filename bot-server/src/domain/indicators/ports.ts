import type { IndicatorValue, Period, Snapshot } from "@cds/shared";

/** What the indicators domain needs of storage: implemented by store/snapshot-repository.ts. */

/** What a new revision holds; its number, status and publication are the store's to assign. */
export interface NewRevision {
  period: Period;
  values: Record<string, IndicatorValue>;
  createdAt: string;
  createdBy: string;
  reportSha256?: string;
  note?: string;
}

export interface Publication {
  publishedAt: string;
  publishedBy: string;
}

export interface SnapshotRepository {
  /**
   * Adds revision head+1 of the period's week (revision 1 of a new week). With `expectedHead`, refuses with
   * a "conflict" SnapshotError when another revision was added since the caller read the week; with
   * `publish`, the revision is published in the same atomic step.
   */
  addRevision(input: NewRevision, options?: { expectedHead?: number; publish?: Publication }): Promise<Snapshot>;
  /** Publishes a draft revision; refuses one already published or older than the revision the public sees. */
  publish(week: string, revision: number, publication: Publication): Promise<void>;
  /** One revision of a week; the latest when `revision` is omitted. */
  get(week: string, revision?: number): Promise<Snapshot | undefined>;
  /** Every revision of a week, oldest first. */
  revisions(week: string): Promise<Snapshot[]>;
  /** The revision of a week the public sees, if any was published. */
  getPublished(week: string): Promise<Snapshot | undefined>;
  /** Weeks (their `to` dates) with a published revision, oldest first; `last` keeps only the newest ones. */
  publishedWeeks(options?: { last?: number }): Promise<string[]>;
  /** The published revision of every published week, oldest first. */
  listPublished(): Promise<Snapshot[]>;
  /** Every week with a snapshot, drafts included, oldest first. */
  weeks(): Promise<string[]>;
  /** The week (its `to` date) whose period starts on `from`. */
  weekStartingOn(from: string): Promise<string | undefined>;
  /** Bumped by every publish and correction, in the same atomic step: caches compare it to know they are stale. */
  publishedVersion(): Promise<number>;
}
