import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "./config";
import { createLogger } from "./logger";
import { startBotServer, type RunningBotServer } from "./server";
import { findFreePort } from "../../tools/redis/find-free-port";
import { redisEnv, uniquePrefix } from "../../test/harness/redis";

describe("bot server HTTP basics", () => {
  let server: RunningBotServer;
  let base: string;

  beforeAll(async () => {
    const config = parseConfig({
      ...redisEnv(),
      PORT: String(await findFreePort()),
      KEY_PREFIX: uniquePrefix("server"),
    });
    server = await startBotServer(config, "all", createLogger("silent"));
    base = server.url!;
  });
  afterAll(() => server.close());

  it("answers liveness and readiness", async () => {
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: "ready", redis: true, workers: { running: true } });
  });

  it("echoes a sane request id and replaces an unsafe one", async () => {
    const kept = await fetch(`${base}/healthz`, { headers: { "X-Request-Id": "client-abc-12345" } });
    expect(kept.headers.get("x-request-id")).toBe("client-abc-12345");
    const replaced = await fetch(`${base}/healthz`, { headers: { "X-Request-Id": "<script>" } });
    expect(replaced.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("serves Prometheus metrics that count requests by route", async () => {
    await fetch(`${base}/healthz`);
    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    const text = await res.text();
    expect(text).toMatch(/http_requests_total\{method="GET",route="\/healthz",status="200"\} \d+/);
    expect(text).toContain("process_resident_memory_bytes");
    expect(text).toMatch(/queue_jobs\{queue="inbound",state="waiting"\} \d+/);
  });

  it("answers unknown paths with a JSON 404, not an HTML page", async () => {
    const res = await fetch(`${base}/nope`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: "not_found" });
  });
});

describe("readiness when Redis is gone", () => {
  it("answers 503 once Redis cannot be reached", async () => {
    const config = parseConfig({
      ...redisEnv(),
      PORT: String(await findFreePort()),
      KEY_PREFIX: uniquePrefix("ready"),
    });
    const server = await startBotServer(config, "api", createLogger("silent"));
    try {
      server.redis.disconnect();
      const res = await fetch(`${server.url}/readyz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ status: "not_ready", redis: false });
    } finally {
      await server.close().catch(() => {});
    }
  });
});
