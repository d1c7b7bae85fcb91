import { createConnection } from "node:net";
import { webhookSignatureHeader } from "@cds/shared";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBotServer, type RunningBotServer } from "../../bot-server/src/server";
import { keyspace } from "../../bot-server/src/store/keys";
import { createRedis } from "../../bot-server/src/store/redis";
import { createTokenStore } from "../../bot-server/src/store/token-store";
import { authorizeWithSimulator } from "../../tools/stack/sandbox-env";
import { startPrivateRedis, type PrivateRedis } from "../../tools/redis/private-redis";
import { eventually } from "../harness/eventually";
import { sandboxConfig, startZaloSandbox, type ZaloSandbox } from "../harness/sandbox";

/**
 * The bot server while its Redis is down: every answer a clear 503 (never a 500 or a hang), one JSON log
 * line now and then (no stack, nothing outside the log), /metrics still answering, /readyz saying what is
 * down, and everything back when Redis is.
 */
describe("a bot server whose Redis goes away", () => {
  let s: ZaloSandbox;
  let redis: PrivateRedis;
  let server: RunningBotServer;
  const lines: string[] = [];
  let follower: string;

  beforeAll(async () => {
    s = await startZaloSandbox("outage");
    redis = await startPrivateRedis();
    const logger = pino({ level: "info" }, { write: (line: string) => void lines.push(line) });
    const config = await sandboxConfig(s.sim, "outage-srv", {
      REDIS_URL: redis.url,
      HTTP_REQUEST_TIMEOUT_MS: "1500",
      HTTP_HEADERS_TIMEOUT_MS: "1000",
    });
    server = await startBotServer(config, "all", logger);
    // The server's Zalo tokens live in its own Redis: authorise it there, as an OA admin would.
    const conn = createRedis(config.redis!, "outage-auth");
    await authorizeWithSimulator(s.sim, s.zalo.oauth, createTokenStore(conn, keyspace(config.keyPrefix)));
    conn.disconnect();
    follower = (
      await s.simJson<{ sample_ids: string[] }>("/__sim/followers", { body: { count: 1, active_within_days: 1 } })
    ).sample_ids[0]!;
  });
  afterAll(async () => {
    await server?.close();
    await redis?.stop();
    await s?.close();
  });

  const signedEvent = (text: string) => {
    const c = s.config.zalo!;
    const at = String(Date.now());
    const raw = JSON.stringify({
      app_id: c.appId,
      sender: { id: follower },
      recipient: { id: c.oaId },
      event_name: "user_send_text",
      message: { text, msg_id: `outage-${text}-${at}` },
      timestamp: at,
    });
    return fetch(`${server.url}/webhooks/zalo`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-zevent-signature": webhookSignatureHeader(c.appId, raw, at, c.oaSecretKey),
      },
      body: raw,
    });
  };

  it("answers 503 with Retry-After everywhere, logs a few JSON lines, and recovers when Redis is back", async () => {
    expect((await signedEvent("chi so")).status).toBe(200);
    const port = redis.port;
    process.kill(redis.pid, "SIGKILL");
    await eventually(
      async () => (await fetch(`${server.url}/readyz`)).status,
      (status) => status === 503,
    );

    const before = lines.length;
    const answers = await Promise.all(Array.from({ length: 50 }, (_, n) => signedEvent(`burst${n}`)));
    expect(new Set(answers.map((a) => a.status))).toEqual(new Set([503]));
    expect(answers[0]!.headers.get("retry-after")).toBe("5");
    const token = (await s.simJson<{ access_token: string }>("/__sim/miniapp-token", { body: { user_id: follower } }))
      .access_token;
    const me = await fetch(`${server.url}/api/v1/me/subscription`, { headers: { "X-Zalo-Access-Token": token } });
    expect(me.status).toBe(503);
    const ready = await fetch(`${server.url}/readyz`);
    expect(await ready.json()).toMatchObject({ status: "not_ready", down: ["redis"] });
    // /metrics answers without the figures it cannot read (a hang would fail by the test's timeout).
    const metrics = await fetch(`${server.url}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain("http_requests_total");

    const during = lines.slice(before);
    // Throttled: a handful of lines for 52 failures, each one JSON line, none with a stack.
    expect(during.length, during.map((l) => (JSON.parse(l) as { msg: string }).msg).join("\n")).toBeLessThan(15);
    for (const line of during) {
      const parsed = JSON.parse(line) as { level: number; err?: { stack?: string } };
      expect(parsed.level).toBeLessThan(50);
      expect(parsed.err?.stack).toBeUndefined();
    }

    redis = await startPrivateRedis({ port });
    await eventually(
      async () => (await fetch(`${server.url}/readyz`)).status,
      (status) => status === 200,
      15_000,
    );
    expect((await signedEvent("menu")).status).toBe(200);
  });

  it("closes a socket whose request announced a body and stalled", async () => {
    const { hostname, port } = new URL(server.url!);
    const socket = createConnection({ host: hostname, port: Number(port) });
    await new Promise<void>((r) => socket.once("connect", () => r()));
    socket.write(
      'POST /webhooks/zalo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 60000\r\n\r\n{"a":',
    );
    const closed = await new Promise<string>((resolve) => {
      let answer = "";
      socket.on("data", (d) => (answer += d.toString()));
      socket.once("close", () => resolve(answer));
    });
    expect(closed).toMatch(/^HTTP\/1\.1 408/);
  });

  it("keeps query strings out of the logs", async () => {
    const before = lines.length;
    await fetch(`${server.url}/api/v1/nothing-here?access_token=SECRET-IN-QUERY`);
    await eventually(
      async () => lines.length,
      (n) => n > before,
    );
    expect(lines.slice(before).join("")).not.toContain("SECRET-IN-QUERY");
  });
});
