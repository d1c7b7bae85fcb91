/** Probes until `ok` holds or `ms` pass, and returns the last value: the caller asserts on it. */
export async function eventually<T>(probe: () => Promise<T>, ok: (v: T) => boolean, ms = 8_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (ok(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** What the simulator's `/__sim/outbox` lists for each message the OA sent. */
export interface OutboxEntry {
  kind: string;
  user_id?: string;
  text?: string;
}
