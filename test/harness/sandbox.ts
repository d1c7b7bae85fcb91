import { parseConfig, type Config } from "../../bot-server/src/config";
import { createLogger } from "../../bot-server/src/logger";
import { keyspace } from "../../bot-server/src/store/keys";
import { createRedis } from "../../bot-server/src/store/redis";
import { createZalo } from "../../bot-server/src/zalo";
import { createSimulator, type RunningSimulator, type SimulatorOptions } from "../../tools/zalo-sim/server";
import { authorizeWithSimulator, sandboxEnv } from "../../tools/stack/sandbox-env";
import { findFreePort } from "../../tools/redis/find-free-port";
import { dropPrefix, redisEnv, uniquePrefix } from "./redis";

/**
 * Configuration of a bot server wired to a simulator, on the test run's Redis under its own prefix (or on
 * the Redis that `env` names).
 */
export async function sandboxConfig(
  sim: RunningSimulator,
  label: string,
  env: Record<string, string> = {},
): Promise<Config> {
  const ownRedis = Object.keys(env).some((k) => k.startsWith("REDIS_"));
  return parseConfig({
    ...(ownRedis ? {} : redisEnv()),
    KEY_PREFIX: uniquePrefix(label),
    PORT: String(await findFreePort()),
    LOG_LEVEL: "silent",
    ...sandboxEnv(sim.url),
    ...env,
  });
}

/** A simulator, and the Zalo side of the server against it, authorised once as an OA admin would. */
export async function startZaloSandbox(
  label: string,
  simOptions: SimulatorOptions = {},
  env: Record<string, string> = {},
) {
  const sim = await createSimulator({ port: 0, ...simOptions });
  const config = await sandboxConfig(sim, label, env);
  const redis = createRedis(config.redis!, `test-${label}`);
  const keys = keyspace(config.keyPrefix);
  const logger = createLogger("silent");
  const zalo = createZalo(config, config.zalo!, redis, keys, logger);
  const store = zalo.store;
  const authorize = () => authorizeWithSimulator(sim, zalo.oauth, store);
  await authorize();
  return {
    sim,
    config,
    redis,
    keys,
    zalo,
    store,
    logger,
    authorize,
    async simJson<T>(path: string, init?: { method?: string; body?: unknown }): Promise<T> {
      const res = await fetch(`${sim.url}${path}`, {
        method: init?.method ?? (init?.body ? "POST" : "GET"),
        headers: init?.body ? { "content-type": "application/json" } : {},
        body: init?.body ? JSON.stringify(init.body) : undefined,
      });
      return (await res.json()) as T;
    },
    async close() {
      await dropPrefix(redis, config.keyPrefix);
      redis.disconnect();
      await sim.close();
    },
  };
}

export type ZaloSandbox = Awaited<ReturnType<typeof startZaloSandbox>>;
