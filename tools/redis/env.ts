/**
 * The environment without its Redis settings: a tool that starts its own Redis adds that one's, and an
 * inherited REDIS_CLUSTER_NODES beside it would name a second Redis (refused by the configuration).
 */
export function withoutRedisSettings(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([k]) => !k.startsWith("REDIS_")));
}
