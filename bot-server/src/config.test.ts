import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "./config";

describe("configuration", () => {
  it("defaults to sandbox mode with the documented values", () => {
    const c = parseConfig({});
    expect(c.zalo).toBeUndefined();
    expect(c.port).toBe(3000);
    expect(c.simPort).toBe(3001);
    expect(c.dataDir).toBe("./data");
    expect(c.zaloRateLimitPerMinute).toBe(4000);
    expect(c.keyPrefix).toBe("cds");
  });

  it("names every wrong variable and what it expects", () => {
    const run = () =>
      parseConfig({ PORT: "70000", REDIS_URL: "http://x", KEY_PREFIX: "Bad Prefix!", ZALO_OA_PACKAGE: "gold" });
    expect(run).toThrow(ConfigError);
    try {
      run();
    } catch (err) {
      const msg = (err as Error).message;
      for (const name of ["PORT", "REDIS_URL", "KEY_PREFIX", "ZALO_OA_PACKAGE"]) expect(msg).toContain(name);
      expect(msg).toContain("redis://");
    }
  });

  it("refuses a partial set of Zalo credentials, naming the missing ones", () => {
    expect(() => parseConfig({ ZALO_APP_ID: "1", ZALO_APP_SECRET: "s" })).toThrow(
      /ZALO_OA_ID, ZALO_OA_SECRET_KEY: missing/,
    );
  });

  it("uses real credentials when all are given; blank values count as unset", () => {
    const c = parseConfig({
      ZALO_APP_ID: "1",
      ZALO_APP_SECRET: "s",
      ZALO_OA_ID: "2",
      ZALO_OA_SECRET_KEY: "k",
      REDIS_URL: " ",
    });
    expect(c.zalo).toEqual({ appId: "1", appSecret: "s", oaId: "2", oaSecretKey: "k" });
    expect(c.redis).toBeUndefined();
  });
});
