import type { SignInThrottle } from "../domain/accounts/ports";
import type { Keyspace } from "./keys";
import type { Redis } from "./redis";

/**
 * Failed sign-ins in Redis, so the limit holds however many API processes answer: per account (5 in 15
 * minutes) against guessing one person's password, per address (20 in 15 minutes) against trying many
 * accounts from one place. A success clears the account's count, not the address's.
 */
export function createSignInThrottle(
  redis: Redis,
  keys: Keyspace,
  o = { windowSeconds: 15 * 60, perAccount: 5, perAddress: 20 },
): SignInThrottle {
  const account = (u: string) => keys.signInFailures(`u:${u}`);
  const address = (a: string) => keys.signInFailures(`a:${a}`);
  return {
    async retryAfter(username, addr) {
      const replies =
        (await redis
          .multi()
          .get(account(username))
          .get(address(addr))
          .ttl(account(username))
          .ttl(address(addr))
          .exec()) ?? [];
      const [a, b, ta, tb] = replies.map(([err, value]) => {
        if (err) throw err;
        return Number(value ?? 0);
      }) as [number, number, number, number];
      const overAccount = a >= o.perAccount;
      const overAddress = b >= o.perAddress;
      if (!overAccount && !overAddress) return 0;
      return Math.max(overAccount ? ta : 0, overAddress ? tb : 0, 1);
    },
    async recordFailure(username, addr) {
      await redis
        .multi()
        .incr(account(username))
        .expire(account(username), o.windowSeconds, "NX")
        .incr(address(addr))
        .expire(address(addr), o.windowSeconds, "NX")
        .exec();
    },
    async clearAccount(username) {
      await redis.del(account(username));
    },
  };
}
