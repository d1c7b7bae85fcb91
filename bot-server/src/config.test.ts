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

  it("points at one Redis, a Sentinel group or a Cluster, with credentials and TLS, and waits for a replica behind the last two", () => {
    expect(parseConfig({ REDIS_URL: "redis://h:6380/0" })).toMatchObject({
      redis: { kind: "url", url: "redis://h:6380/0" },
      redisDurability: { replicas: 0, timeoutMs: 1000 },
    });
    expect(
      parseConfig({
        REDIS_SENTINELS: "rediss://:sentinel%20pw@10.0.0.1:26380, 10.0.0.2",
        REDIS_SENTINEL_NAME: "cds",
        REDIS_PASSWORD: "data-pw",
        REDIS_TLS: "true",
      }),
    ).toMatchObject({
      redis: {
        kind: "sentinel",
        sentinels: [
          { host: "10.0.0.1", port: 26380 },
          { host: "10.0.0.2", port: 26379 },
        ],
        name: "cds",
        sentinelPassword: "sentinel pw",
        sentinelTls: true,
        password: "data-pw",
        tls: true,
      },
      redisDurability: { replicas: 1 },
    });
    expect(
      parseConfig({ REDIS_CLUSTER_NODES: "rediss://app:pw@[::1]:7000,127.0.0.1:7001", REDIS_WAIT_REPLICAS: "2" }),
    ).toMatchObject({
      redis: {
        kind: "cluster",
        nodes: [
          { host: "::1", port: 7000 },
          { host: "127.0.0.1", port: 7001 },
        ],
        username: "app",
        password: "pw",
        tls: true,
      },
      redisDurability: { replicas: 2 },
    });
  });

  it("refuses two Redis settings at once, a Sentinel group without its name, and a node without a port", () => {
    expect(() => parseConfig({ REDIS_URL: "redis://h", REDIS_CLUSTER_NODES: "h:7000" })).toThrow(
      /REDIS_URL, REDIS_CLUSTER_NODES: set only one/,
    );
    expect(() => parseConfig({ REDIS_SENTINELS: "h:26379" })).toThrow(/REDIS_SENTINEL_NAME: set both/);
    expect(() => parseConfig({ REDIS_CLUSTER_NODES: "h:notaport" })).toThrow(/REDIS_CLUSTER_NODES: "h:notaport"/);
    expect(() => parseConfig({ REDIS_CLUSTER_NODES: " , " })).toThrow(/list at least one node/);
    expect(() => parseConfig({ REDIS_TLS: "yes" })).toThrow(/REDIS_TLS: must be true or false/);
  });
});
