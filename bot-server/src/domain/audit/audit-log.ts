/**
 * The audit log: who did what, when, from where, to what. Append-only: nothing in the application edits or
 * deletes an entry (the store is a Redis stream; no route or command removes from it).
 */
export interface AuditEntry {
  id: string;
  at: string;
  actor: string;
  address: string;
  action: string;
  /** What was acted on, "post:<id>", "user:<name>", "report:<sha>"… */
  target: string;
  /** What changed, when it says more than the action. */
  details?: Record<string, unknown>;
}

export type NewAuditEntry = Omit<AuditEntry, "id" | "at">;

export interface AuditFilter {
  actor?: string;
  target?: string;
  /** ISO times, inclusive. */
  from?: string;
  to?: string;
}

export interface AuditLog {
  append(entry: NewAuditEntry): Promise<void>;
  /** Newest first; `before` is the id of the last entry of the previous page. */
  list(
    filter: AuditFilter,
    page: { limit: number; before?: string },
  ): Promise<{ entries: AuditEntry[]; next?: string }>;
}
