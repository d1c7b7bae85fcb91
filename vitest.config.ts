import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["shared/src/**/*.test.ts", "mini-app/src/**/*.test.ts", "bot-server/src/**/*.test.ts", "tools/**/*.test.ts", "test/**/*.test.ts"],
    globalSetup: ["test/harness/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: more workers only adds contention with Redis and the simulator.
    maxWorkers: 2,
    minWorkers: 1,
  },
});
