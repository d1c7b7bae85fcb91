import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../../bot-server/src/logger";
import { createZaloClient } from "../../bot-server/src/zalo/client";
import { createTokenManager, TOKEN_ALARM, ZaloNotAuthorizedError } from "../../bot-server/src/zalo/tokens";
import { startZaloSandbox, type ZaloSandbox } from "../harness/sandbox";

interface Stats {
  requests: Record<string, number>;
}

const refreshCalls = async (s: ZaloSandbox) =>
  (await s.simJson<Stats>("/__sim/stats")).requests["POST /v4/oa/access_token"] ?? 0;

describe("Zalo token lifecycle against the simulator", () => {
  let s: ZaloSandbox;
  afterEach(async () => {
    await s?.close();
  });

  it.each([
    ["-216 (token invalid)", "invalid"],
    ["-220 (token expired)", "expired"],
  ] as const)(
    "50 concurrent calls that all see %s cause exactly one refresh, across two processes' managers",
    async (_label, how) => {
      s = await startZaloSandbox(`tok-50-${how}`);
      await s.simJson("/__sim/followers", { body: { count: 3, active_within_days: 1 } });
      const before = await refreshCalls(s);
      const stored = (await s.store.read())!;
      // Zalo no longer accepts the stored access token: revoked (-216) or expired (-220).
      if (how === "invalid") await s.store.overwrite({ ...stored, accessToken: "revoked-by-zalo" });
      else await s.simJson("/__sim/faults", { body: { expireAccessTokens: true } });

      // A second manager stands in for another process: it shares only Redis with the first.
      const other = createTokenManager({
        store: s.store,
        oauth: s.zalo.oauth,
        logger: createLogger("silent"),
        refreshTokenTtlSeconds: 90 * 86400,
      });
      const otherClient = createZaloClient({ apiBase: s.config.zaloApiBase, tokens: other });
      const calls = Array.from({ length: 50 }, (_, i) =>
        (i % 2 ? s.zalo.client : otherClient).getList({ offset: 0, count: 10 }),
      );
      const results = await Promise.all(calls);
      expect(results.every((r) => r.total === 3)).toBe(true);
      expect((await refreshCalls(s)) - before).toBe(1);
      const after = (await s.store.read())!;
      expect(after.generation).toBe(stored.generation + 1);
      expect(after.refreshToken).not.toBe(stored.refreshToken);
    },
  );

  it("refreshes ahead of expiry, storing the rotated refresh token before use", async () => {
    s = await startZaloSandbox("tok-ahead");
    const first = await s.store.read();
    // 21 hours later the 25-hour token is due for its proactive refresh.
    const clock = { now: first!.obtainedAt + 21 * 3600_000 };
    const manager = createTokenManager({
      store: s.store,
      oauth: s.zalo.oauth,
      logger: createLogger("silent"),
      refreshTokenTtlSeconds: 90 * 86400,
      now: () => clock.now,
    });
    await manager.refreshIfDue();
    const second = await s.store.read();
    expect(second!.generation).toBe(first!.generation + 1);
    const tokens = await s.simJson<{ refresh_tokens: Array<{ token: string }> } | Record<string, unknown>>(
      "/__sim/tokens",
    );
    expect(JSON.stringify(tokens)).not.toContain(first!.refreshToken);
    // Not due again right after.
    await manager.refreshIfDue();
    expect((await s.store.read())!.generation).toBe(second!.generation);
  });

  it("a dead refresh token raises an alarm with the re-authorisation steps, and a new authorisation clears it", async () => {
    s = await startZaloSandbox("tok-dead");
    const stored = await s.store.read();
    // Someone else spends the refresh token: Zalo kills the old one (and its access token).
    await s.zalo.oauth.refresh(stored!.refreshToken);
    await expect(s.zalo.client.getList({ offset: 0, count: 1 })).rejects.toBeInstanceOf(ZaloNotAuthorizedError);
    const alarms = await s.store.alarms();
    expect(alarms[TOKEN_ALARM]?.message).toMatch(/re-authorises|refresh token/);
    expect(alarms[TOKEN_ALARM]?.steps.join("\n")).toContain("npm run zalo:authorize");
    // The stored pair was not replaced by anything half-made.
    expect(await s.store.read()).toEqual(stored);
    await s.authorize();
    expect(await s.store.alarms()).toEqual({});
    expect((await s.zalo.client.getList({ offset: 0, count: 1 })).total).toBeGreaterThanOrEqual(0);
  });
});
