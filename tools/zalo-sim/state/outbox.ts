/** Everything the OA sent, in order: what tests count to prove "nothing lost, nothing twice". */
export interface CsOutboxEntry {
  seq: number;
  kind: "cs";
  message_id: string;
  user_id: string;
  text?: string;
  attachment?: unknown;
  /** reply (free, within 48 h), sub_quota (package allowance) or purchase_quota (billed to the Cloud Account). */
  quota_type: string;
  at: string;
}

export interface BroadcastOutboxEntry {
  seq: number;
  kind: "broadcast";
  message_id: string;
  target: Record<string, string>;
  article_id: string;
  article_ids: string[];
  /** Followers that matched the target and received it, in all and by city code. */
  recipients: number;
  recipients_by_city: Record<string, number>;
  /** Followers that matched the target but were over their monthly or daily cap. */
  skipped_cap: number;
  /** When the OA made the call; `at` is when moderation ended and it was delivered. */
  submitted_at: string;
  at: string;
}

export type OutboxEntry = CsOutboxEntry | BroadcastOutboxEntry;
type NewEntry = Omit<CsOutboxEntry, "seq"> | Omit<BroadcastOutboxEntry, "seq">;

export class Outbox {
  private entries: OutboxEntry[] = [];
  /** Each user's CS messages: a benchmark polls one user's replies while a million digests pile up. */
  private byUser = new Map<string, CsOutboxEntry[]>();
  /** Keeps counting across DELETE so `since` cursors held by tests stay meaningful. */
  private nextSeq = 0;

  reset(): void {
    this.clear();
    this.nextSeq = 0;
  }

  clear(): void {
    this.entries = [];
    this.byUser = new Map();
  }

  add(entry: NewEntry): OutboxEntry {
    const full = { ...entry, seq: this.nextSeq++ } as OutboxEntry;
    this.entries.push(full);
    if (full.kind === "cs") {
      const mine = this.byUser.get(full.user_id);
      if (mine) mine.push(full);
      else this.byUser.set(full.user_id, [full]);
    }
    return full;
  }

  query(filter: { since?: number; userId?: string }): OutboxEntry[] {
    const from: OutboxEntry[] = filter.userId === undefined ? this.entries : (this.byUser.get(filter.userId) ?? []);
    return filter.since === undefined ? [...from] : from.filter((e) => e.seq >= filter.since!);
  }

  get count(): number {
    return this.entries.length;
  }
}
