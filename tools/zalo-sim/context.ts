import {
  initialSettings,
  SANDBOX_CREDENTIALS,
  type SimCredentials,
  type SimSettings,
  type SimulatorOptions,
} from "./config";
import { SimClock } from "./clock";
import { Faults } from "./faults";
import { RateLimiter } from "./rate-limit";
import { settleBroadcastReviews } from "./broadcast-delivery";
import { ArticleStore } from "./state/articles";
import { BroadcastStore } from "./state/broadcasts";
import { ConversationStore } from "./state/conversations";
import { FollowerStore } from "./state/followers";
import { Outbox } from "./state/outbox";
import { TokenStore } from "./state/tokens";
import { UploadStore } from "./state/uploads";
import { WebhookSender } from "./webhook-sender";

export class SimStats {
  requests = new Map<string, number>();
  rateLimited = 0;
  timeoutsHeld = 0;
  errors5xx = 0;

  count(method: string, path: string): void {
    const key = `${method} ${path}`;
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
  }

  reset(): void {
    this.requests.clear();
    this.rateLimited = 0;
    this.timeoutsHeld = 0;
    this.errors5xx = 0;
  }
}

/** Everything a route may touch; one per simulator instance, so several can run in one process. */
export interface SimContext {
  readonly credentials: SimCredentials;
  settings: SimSettings;
  readonly clock: SimClock;
  readonly followers: FollowerStore;
  readonly tokens: TokenStore;
  readonly articles: ArticleStore;
  readonly broadcasts: BroadcastStore;
  /** CS messages paid from the package allowance this local month (yyyymm). */
  readonly allowance: { month: number; used: number };
  readonly uploads: UploadStore;
  readonly outbox: Outbox;
  readonly conversations: ConversationStore;
  readonly faults: Faults;
  readonly rateLimiter: RateLimiter;
  readonly stats: SimStats;
  readonly webhook: WebhookSender;
  log(line: object): void;
  /** A real-time delay that close() cancels (latency faults). */
  sleep(ms: number): Promise<void>;
  /** Moves what runs on the simulator's clock: broadcast reviews that ended, webhook retries that are due. */
  tick(): void;
  /** Clears all state; settings go back to the creation options, the webhook URL is kept. */
  reset(): void;
  /** Stops timers and in-flight webhook deliveries. */
  shutdown(): void;
}

export function createContext(options: SimulatorOptions): SimContext {
  const credentials: SimCredentials = { ...SANDBOX_CREDENTIALS, ...options.credentials };
  const timers = new Set<NodeJS.Timeout>();
  const logger = options.logger;
  const ctx: SimContext = {
    credentials,
    settings: initialSettings(options),
    clock: new SimClock(options.now),
    followers: new FollowerStore(),
    tokens: new TokenStore(),
    articles: new ArticleStore(),
    broadcasts: new BroadcastStore(),
    allowance: { month: 0, used: 0 },
    uploads: new UploadStore(),
    outbox: new Outbox(),
    conversations: new ConversationStore(),
    faults: new Faults(),
    rateLimiter: new RateLimiter(),
    stats: new SimStats(),
    webhook: new WebhookSender(
      credentials,
      options.webhookUrl ?? null,
      () => ctx.clock.now(),
      (line) => ctx.log(line),
    ),
    log(line) {
      logger?.({ at: new Date().toISOString(), component: "zalo-sim", ...line });
    },
    sleep(ms) {
      return new Promise((resolve) => {
        const t = setTimeout(() => {
          timers.delete(t);
          resolve();
        }, ms);
        timers.add(t);
      });
    },
    tick() {
      settleBroadcastReviews(ctx);
      ctx.webhook.tick();
    },
    reset() {
      ctx.settings = initialSettings(options);
      ctx.broadcasts.reset();
      ctx.allowance.month = 0;
      ctx.allowance.used = 0;
      ctx.webhook.reset();
      ctx.clock.reset();
      ctx.followers.reset();
      ctx.tokens.reset();
      ctx.articles.reset();
      ctx.uploads.reset();
      ctx.outbox.reset();
      ctx.conversations.reset();
      ctx.faults.clear();
      ctx.rateLimiter.reset();
      ctx.stats.reset();
    },
    shutdown() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      ctx.webhook.abortAll();
    },
  };
  return ctx;
}
