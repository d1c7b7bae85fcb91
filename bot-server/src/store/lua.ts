import { createHash } from "node:crypto";
import type { Redis } from "./redis";

type Argument = string | number | Buffer;

/**
 * A Lua script run by its SHA (EVALSHA); when Redis does not know it (first use, a restarted or failed-over
 * Redis: NOSCRIPT), it is sent once with EVAL, which also loads it. Sending it with `EVAL` every time would
 * send the whole script with each of the fan-out's millions of claims. (ioredis' `defineCommand` does the
 * same, but a command defined on a connection after its auto-pipeline started a batch is missing from that
 * batch: "pipeline[functionName] is not a function". EVALSHA and EVAL are ordinary commands.)
 *
 * `keys` are the script's KEYS (their count checked when the script always takes the same keys); `args` its
 * ARGV; `R` what the script returns.
 */
export interface LuaScript<R> {
  (redis: Redis, keys: readonly string[], args: readonly Argument[]): Promise<R>;
}

const isNoScript = (err: unknown) => err instanceof Error && err.message.startsWith("NOSCRIPT");

export function luaScript<R>(name: string, lua: string, numberOfKeys?: number): LuaScript<R> {
  const sha = createHash("sha1").update(lua).digest("hex");
  return async (redis, keys, args) => {
    if (numberOfKeys !== undefined && keys.length !== numberOfKeys)
      throw new Error(`${name} takes ${numberOfKeys} keys, got ${keys.length}`);
    try {
      return (await redis.evalsha(sha, keys.length, ...keys, ...args)) as R;
    } catch (err) {
      if (!isNoScript(err)) throw err;
      return (await redis.eval(lua, keys.length, ...keys, ...args)) as R;
    }
  };
}
