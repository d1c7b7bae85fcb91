const WINDOW_MS = 60_000;

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remain: number;
}

/**
 * One per-app bucket with a fixed one-minute window that opens at the first request after the previous
 * window ended (by the simulator clock). Counting is synchronous, so under a frozen clock limit+N calls
 * get exactly N refusals whatever the concurrency.
 */
export class RateLimiter {
  private windowStart = Number.NEGATIVE_INFINITY;
  private used = 0;

  take(now: number, limit: number): RateDecision {
    // A clock moved backwards also starts a new window rather than holding the old one for hours.
    if (now >= this.windowStart + WINDOW_MS || now < this.windowStart) {
      this.windowStart = now;
      this.used = 0;
    }
    this.used += 1;
    return { allowed: this.used <= limit, limit, remain: Math.max(0, limit - this.used) };
  }

  /** Headers for answers that did not consume the bucket (e.g. an injected -32 burst). */
  peek(now: number, limit: number): RateDecision {
    const used = now >= this.windowStart + WINDOW_MS || now < this.windowStart ? 0 : this.used;
    return { allowed: used < limit, limit, remain: Math.max(0, limit - used) };
  }

  reset(): void {
    this.windowStart = Number.NEGATIVE_INFINITY;
    this.used = 0;
  }
}
