/**
 * The simulator's notion of "now". Every platform rule (token expiry, CS window, night window, caps,
 * article processing, rate-limit window) reads this clock, so tests can move time instead of waiting.
 */
export class SimClock {
  private offsetMs = 0;
  private frozenAt: number | null = null;

  constructor(private readonly source: () => number = Date.now) {}

  now(): number {
    return this.frozenAt ?? this.source() + this.offsetMs;
  }

  get frozen(): boolean {
    return this.frozenAt !== null;
  }

  set(at: number): void {
    if (this.frozenAt !== null) this.frozenAt = at;
    else this.offsetMs = at - this.source();
  }

  advance(ms: number): void {
    this.set(this.now() + ms);
  }

  freeze(on: boolean): void {
    if (on && this.frozenAt === null) this.frozenAt = this.now();
    if (!on && this.frozenAt !== null) {
      // Keep "now" continuous when thawing: time resumes from where it stood.
      this.offsetMs = this.frozenAt - this.source();
      this.frozenAt = null;
    }
  }

  reset(): void {
    this.offsetMs = 0;
    this.frozenAt = null;
  }
}
