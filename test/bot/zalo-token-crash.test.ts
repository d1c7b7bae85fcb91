import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storedTokensSchema } from "../../bot-server/src/store/token-store";
import { startZaloSandbox, type ZaloSandbox } from "../harness/sandbox";

interface Listing {
  refresh_tokens: Array<{ refresh_token: string }>;
  access_tokens: Array<{ access_token: string; expired: boolean }>;
}

describe("a refresh killed at any moment", () => {
  let s: ZaloSandbox;
  beforeAll(async () => {
    s = await startZaloSandbox("tok-crash");
  });
  afterAll(() => s.close());

  it("always leaves one complete pair stored: both tokens alive, or both spent by the same refresh", async () => {
    const outcomes = { consistent: 0, spentInWindow: 0 };
    for (let round = 0; round < 8; round++) {
      const child = spawn(
        process.execPath,
        [
          "--import",
          "tsx",
          "test/bot/fixtures/refresh-forever.ts",
          JSON.stringify(s.config.redis),
          s.config.keyPrefix,
          s.sim.url,
          s.config.zalo!.appId,
          s.config.zalo!.appSecret,
        ],
        { stdio: ["ignore", "pipe", "inherit"] },
      );
      await new Promise<void>((r) => child.stdout!.once("data", () => r()));
      await new Promise((r) => setTimeout(r, 50 + Math.random() * 350));
      child.kill("SIGKILL");
      await new Promise((r) => child.once("exit", r));

      const raw = await s.redis.get(s.keys.zaloTokens);
      const stored = storedTokensSchema.parse(JSON.parse(raw!));
      const listing = await s.simJson<Listing>("/__sim/tokens");
      const refreshAlive = listing.refresh_tokens.some((t) => t.refresh_token === stored.refreshToken);
      const accessAlive = listing.access_tokens.some((t) => t.access_token === stored.accessToken && !t.expired);
      // Never half of each: an alive refresh token with a dead access token (or the reverse) would be a mix.
      expect(refreshAlive).toBe(accessAlive);
      if (refreshAlive) outcomes.consistent++;
      else {
        // Killed between Zalo's answer and the store: the old pair, spent. A person re-authorises.
        outcomes.spentInWindow++;
        await s.authorize();
      }
    }
    // The window between Zalo's answer and the store is a few milliseconds: most kills land outside it.
    expect(outcomes.consistent).toBeGreaterThan(0);
    // The children did refresh (the test is about refreshes being killed, not idle processes).
    const stats = await s.simJson<{ requests: Record<string, number> }>("/__sim/stats");
    expect(stats.requests["POST /v4/oa/access_token"] ?? 0).toBeGreaterThan(8);
  });
});
