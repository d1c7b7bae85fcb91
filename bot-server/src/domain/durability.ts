/**
 * Writes that must survive the loss of the store's primary (a recipient's in-flight mark, a broadcast's
 * intent) before the Zalo call they guard: `replicated` returns once a replica holds everything written so
 * far, or throws (the job is retried later and nothing is called).
 */
export interface Durability {
  replicated(what: string): Promise<void>;
}
