import { defineConfig } from "vitest/config";

/** Tests beside the code that need a real Redis (or start redis-server themselves): integration, not unit. */
const NEEDS_REDIS = [
  "bot-server/src/server.test.ts",
  "bot-server/src/store/follower-registry.test.ts",
  "bot-server/src/store/lua.test.ts",
  "bot-server/src/store/webhook-dedupe.test.ts",
  "bot-server/src/zalo/send-budget.test.ts",
  "tools/backup/redis-backup.test.ts",
  "tools/import-report/cli.test.ts",
  "tools/redis/private-redis.test.ts",
  "tools/users.test.ts",
];
/** Tests under test/ that are pure functions of their fixtures. */
const PURE_UNDER_TEST = [
  "test/bot/chatbot-eval.test.ts",
  "test/bot/other-province.test.ts",
  "test/contract/memory.test.ts",
  "test/harness/daytime.test.ts",
];
const REDIS_FOR_THE_RUN = ["test/harness/global-setup.ts"];

/**
 * Three projects, all run by `npm test`: `unit` (no Redis, no browser: `npm run test:unit` on a laptop in
 * seconds), `integration` (a real Redis, the Zalo simulator, child processes) and `e2e` (the system
 * Chromium). Each project that needs Redis starts its own private redis-server unless REDIS_URL is set.
 */
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: more workers only adds contention with Redis and the simulator.
    maxWorkers: 2,
    minWorkers: 1,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: [
            "shared/src/**/*.test.ts",
            "mini-app/src/**/*.test.ts",
            "bot-server/src/**/*.test.ts",
            "tools/**/*.test.ts",
            ...PURE_UNDER_TEST,
          ],
          exclude: ["**/node_modules/**", ...NEEDS_REDIS],
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["test/**/*.test.ts", ...NEEDS_REDIS],
          exclude: ["**/node_modules/**", "test/e2e/**", ...PURE_UNDER_TEST],
          globalSetup: REDIS_FOR_THE_RUN,
        },
      },
      { extends: true, test: { name: "e2e", include: ["test/e2e/**/*.test.ts"], globalSetup: REDIS_FOR_THE_RUN } },
    ],
  },
});
