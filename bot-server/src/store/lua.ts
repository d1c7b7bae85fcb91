import type { Redis } from "./redis";

/**
 * A Lua script sent once and then run by its SHA (EVALSHA): ioredis' `defineCommand` loads it on a connection
 * the first time and again after a NOSCRIPT (a restarted or failed-over Redis). Calling `EVAL` every time
 * sends the whole script with each of the fan-out's millions of claims.
 *
 * `keys` are the script's KEYS (their count fixed when the script always takes the same keys, else sent with
 * each call); `args` its ARGV; `R` what the script returns.
 */
type Argument = string | number | Buffer;

export interface LuaScript<R> {
  (redis: Redis, keys: readonly string[], args: readonly Argument[]): Promise<R>;
}

type Defined = Record<string, (...argv: Argument[]) => Promise<unknown>>;

export function luaScript<R>(name: string, lua: string, numberOfKeys?: number): LuaScript<R> {
  const command = `cds_${name}`;
  return async (redis, keys, args) => {
    if (numberOfKeys !== undefined && keys.length !== numberOfKeys) throw new Error(`${name} takes ${numberOfKeys} keys, got ${keys.length}`);
    const connection = redis as unknown as Defined;
    if (typeof connection[command] !== "function") redis.defineCommand(command, numberOfKeys === undefined ? { lua } : { numberOfKeys, lua });
    const run = connection[command] as (...argv: Argument[]) => Promise<unknown>;
    const result = numberOfKeys === undefined ? run.call(redis, keys.length, ...keys, ...args) : run.call(redis, ...keys, ...args);
    return (await result) as R;
  };
}
