/**
 * Log lines for rejected webhook deliveries, per address: every rejection is counted in /metrics, but one
 * address's flood of forged or broken requests writes at most one line per window, saying how many it
 * stands for. Nothing is refused on the address alone: behind a proxy, Zalo and an attacker can share one.
 */
export interface RejectionLog {
  /** Records one rejection; returns how many rejections a log line should report now (0: stay quiet). */
  record(address: string, now: number): number;
}

export function rejectionLog(o: { windowMs: number; maxAddresses: number }): RejectionLog {
  const byAddress = new Map<string, { loggedAt: number; unlogged: number }>();
  return {
    record(address, now) {
      let e = byAddress.get(address);
      if (!e) {
        // Bounded memory: a spray from many addresses resets the table instead of growing it.
        if (byAddress.size >= o.maxAddresses) byAddress.clear();
        e = { loggedAt: -Infinity, unlogged: 0 };
        byAddress.set(address, e);
      }
      e.unlogged += 1;
      if (now - e.loggedAt < o.windowMs) return 0;
      const report = e.unlogged;
      e.loggedAt = now;
      e.unlogged = 0;
      return report;
    },
  };
}
