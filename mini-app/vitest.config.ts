import { defineConfig } from "vitest/config";

/**
 * The mini app's unit tests (`npx vitest run --config mini-app/vitest.config.ts`). They cover plain modules
 * only (no DOM, no build-time constants), so the root configuration can run them too.
 */
export default defineConfig({
  root: import.meta.dirname,
  test: { include: ["src/**/*.test.ts"] },
});
