import type { Redis } from "../store/redis";
import type { Lane, SendBudgetLike } from "./client";
import { luaScript } from "../store/lua";

/**
 * One token bucket in Redis shared by every process that calls Zalo (DESIGN decision 6). The refill rate
 * is set so that no 60-second window, fixed or sliding, can exceed the app's limit: burst + rate × 60 s ≤
 * limit. Bulk callers may only take tokens above a small reserve, which is what keeps chatbot replies
 * (priority lane) from ever queueing behind a fan-out. Time comes from the Redis server, not the callers.
 */
const TAKE_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local rate = tonumber(ARGV[1])
local capacity = tonumber(ARGV[2])
local floor = tonumber(ARGV[3])
local b = redis.call('HMGET', KEYS[1], 't', 'ts')
local tokens = tonumber(b[1]) or capacity
local ts = tonumber(b[2]) or now
if now > ts then tokens = math.min(capacity, tokens + (now - ts) * rate) end
if tokens - 1 >= floor then
  redis.call('HSET', KEYS[1], 't', tostring(tokens - 1), 'ts', tostring(now))
  redis.call('PEXPIRE', KEYS[1], 120000)
  return 0
end
redis.call('HSET', KEYS[1], 't', tostring(tokens), 'ts', tostring(now))
redis.call('PEXPIRE', KEYS[1], 120000)
return math.ceil((floor + 1 - tokens) / rate)`;
const take = luaScript<number>("send_budget_take", TAKE_SCRIPT, 1);

export interface SendBudgetOptions {
  redis: Redis;
  key: string;
  perMinute: number;
  /** Largest burst; also bounds how far above the steady rate a minute can go. */
  burst?: number;
}

export function createSendBudget(
  o: SendBudgetOptions,
): SendBudgetLike & { ratePerSecond: number; tryAcquire(lane: Lane): Promise<number> } {
  const burst = Math.max(1, Math.min(o.burst ?? 20, Math.floor(o.perMinute / 20)));
  const reserve = Math.max(0, Math.ceil(burst / 2) - 1);
  const ratePerMs = (o.perMinute - burst) / 60_000;
  if (ratePerMs <= 0) throw new Error(`send budget of ${o.perMinute}/min is too small`);
  /** Takes a token if the lane may: 0, or how many milliseconds until one may be there. */
  const tryAcquire = async (lane: Lane) =>
    Number(await take(o.redis, [o.key], [ratePerMs, burst, lane === "priority" ? 0 : reserve]));
  // The callers of this process wait in line, per lane, and only the first asks Redis: dozens of lanes
  // polling the bucket each would cost Redis thousands of calls a second for 67 tokens.
  const lines: Record<Lane, Array<{ go: () => void; fail: (err: unknown) => void }>> = { priority: [], bulk: [] };
  const polling: Record<Lane, boolean> = { priority: false, bulk: false };
  const serve = async (lane: Lane) => {
    polling[lane] = true;
    const line = lines[lane];
    try {
      while (line.length > 0) {
        let waitMs: number;
        try {
          waitMs = await tryAcquire(lane);
        } catch (err) {
          line.shift()!.fail(err);
          continue;
        }
        if (waitMs <= 0) line.shift()!.go();
        // A little jitter keeps the processes waiting on the bucket from retrying in lock-step.
        else await new Promise((r) => setTimeout(r, Math.min(waitMs, 250) + Math.random() * 3));
      }
    } finally {
      polling[lane] = false;
    }
  };
  return {
    ratePerSecond: ratePerMs * 1000,
    tryAcquire,
    acquire(lane: Lane) {
      return new Promise<void>((go, fail) => {
        lines[lane].push({ go, fail });
        if (!polling[lane]) void serve(lane);
      });
    },
  };
}
