import type { NextFunction, Request, Response } from "express";

/** Injected failures; they apply to every non-control request whose path starts with `match` (all when null). */
export interface FaultSettings {
  latencyMs: number;
  errorRate5xx: number;
  timeoutRate: number;
  /** The next n OA API calls answer -32 regardless of the real bucket. */
  rateLimitBurst: number;
  /** Share of broadcasts that moderation rejects when their review ends (0–1). */
  broadcastRejectRate: number;
  /** The request is carried out, then its answer held this long: the caller cannot know it succeeded. */
  answerDelayMs: number;
  match: string | null;
}

const NONE: FaultSettings = {
  latencyMs: 0,
  errorRate5xx: 0,
  timeoutRate: 0,
  rateLimitBurst: 0,
  broadcastRejectRate: 0,
  answerDelayMs: 0,
  match: null,
};

export class Faults {
  settings: FaultSettings = { ...NONE };

  /** Merges: a POST changes the fields it names and leaves the others as they were. */
  set(update: Partial<FaultSettings>): FaultSettings {
    this.settings = { ...this.settings, ...update };
    return this.settings;
  }

  clear(): void {
    this.settings = { ...NONE };
  }

  matches(path: string): boolean {
    return this.settings.match === null || path.startsWith(this.settings.match);
  }

  consumeBurst(path: string): boolean {
    if (this.settings.rateLimitBurst <= 0 || !this.matches(path)) return false;
    this.settings.rateLimitBurst -= 1;
    return true;
  }
}

export interface FaultHooks {
  /** A real-time delay that close() can cancel. */
  sleep(ms: number): Promise<void>;
  onTimeoutHeld(): void;
  on5xx(): void;
}

/**
 * Latency, held requests, held answers and gateway 5xx, in that order. A 5xx is an HTML page from the "gateway", as a
 * load balancer in front of Zalo would send: the client must not assume every answer is JSON.
 */
export function faultMiddleware(faults: Faults, hooks: FaultHooks) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const s = faults.settings;
    if (!faults.matches(req.path)) return next();
    if (s.latencyMs > 0) await hooks.sleep(s.latencyMs);
    if (s.timeoutRate > 0 && Math.random() < s.timeoutRate) {
      // Never answered: the socket stays open until the client gives up or close() destroys it.
      hooks.onTimeoutHeld();
      return;
    }
    if (s.answerDelayMs > 0) {
      const end = res.end.bind(res) as (...args: unknown[]) => Response;
      const delay = s.answerDelayMs;
      res.end = ((...args: unknown[]) => {
        void hooks.sleep(delay).then(() => end(...args));
        return res;
      }) as typeof res.end;
    }
    if (s.errorRate5xx > 0 && Math.random() < s.errorRate5xx) {
      hooks.on5xx();
      res.status(503).type("html").send("<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>");
      return;
    }
    next();
  };
}
