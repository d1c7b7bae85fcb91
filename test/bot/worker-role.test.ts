import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBotServer, type RunningBotServer } from "../../bot-server/src/server";
import { findFreePort } from "../../tools/redis/find-free-port";
import { eventually, type OutboxEntry } from "../harness/eventually";
import { startZaloSandbox, type ZaloSandbox } from "../harness/sandbox";

/** API and workers as separate processes: the worker-only one is observable on its own port. */
describe("a worker-only process", () => {
  let s: ZaloSandbox;
  let api: RunningBotServer;
  let worker: RunningBotServer;

  beforeAll(async () => {
    s = await startZaloSandbox("worker-role");
    api = await startBotServer(s.config, "api", s.logger);
    worker = await startBotServer({ ...s.config, workerMetricsPort: await findFreePort() }, "worker", s.logger);
    s.sim.setWebhookUrl(`${api.url}/webhooks/zalo`);
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
    await s.close();
  });

  it("serves /readyz and /metrics, with each queue's job durations, on WORKER_METRICS_PORT", async () => {
    expect(worker.url).toBeUndefined();
    const ready = await fetch(`${worker.metricsUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: "ready", workers: { running: true } });
    expect((await fetch(`${api.url}/metrics`)).status).toBe(200);

    const [user] = (
      await s.simJson<{ sample_ids: string[] }>("/__sim/followers", { body: { count: 1, active_within_days: 1 } })
    ).sample_ids;
    await s.simJson("/__sim/events", {
      body: { event_name: "user_send_text", user_id: user, text: "menu", msg_id: "workerrole1" },
    });
    await eventually(
      () => s.simJson<OutboxEntry[]>(`/__sim/outbox?user_id=${user}`),
      (o) => o.length > 0,
    );
    const metrics = await eventually(
      async () => (await fetch(`${worker.metricsUrl}/metrics`)).text(),
      (text) => /queue_job_duration_seconds_count\{queue="inbound",outcome="completed"\} [1-9]/.test(text),
    );
    expect(metrics).toMatch(/queue_job_duration_seconds_count\{queue="inbound",outcome="completed"\} [1-9]/);
    expect(metrics).toContain("# TYPE queue_job_retries_total counter");
    expect(metrics).toContain("# TYPE queue_job_failures_total counter");
  });
});
