import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBotServer, type RunningBotServer } from "../../bot-server/src/server";
import { createFollowerRegistry } from "../../bot-server/src/store/follower-registry";
import { eventually } from "../harness/eventually";
import { startZaloSandbox, type ZaloSandbox } from "../harness/sandbox";
import { addUser, signIn, type Client } from "../admin/helpers";
import { daytimeOffsetMs } from "../harness/daytime";

interface OutboxEntry {
  kind: string;
  user_id?: string;
  text?: string;
  recipients?: number;
  recipients_by_city?: Record<string, number>;
}

/**
 * A weekly post from approval to followers in sandbox mode: scheduled by an approver, started by its job at
 * its time, broadcast once (delivered after Zalo's review), and the CS digest to each eligible subscriber
 * once; the send's report matches what the simulator received.
 */
/** The department's own account, in the test group. */
const TESTER = "5599000000000000001";

describe("the weekly send, end to end", () => {
  let s: ZaloSandbox;
  let server: RunningBotServer;
  let editor: Client;
  let approver: Client;
  const subscribersActive: string[] = [];
  const subscribersSilent: string[] = [];
  const followersOnly: string[] = [];
  // Nothing goes out at night: the server's Zalo clock and the simulator's are moved to the morning then.
  const offsetMs = daytimeOffsetMs();
  const now = () => Date.now() + offsetMs;

  beforeAll(async () => {
    s = await startZaloSandbox("weekly-send", { articleProcessingMs: 0 }, { TEST_GROUP_USER_IDS: TESTER });
    if (offsetMs > 0) await s.simJson("/__sim/clock", { body: { advanceMs: offsetMs } });
    server = await startBotServer(s.config, "all", s.logger, { zaloClock: now });
    s.sim.setWebhookUrl(`${server.url}/webhooks/zalo`);
    await addUser(server, "editor", ["editor"]);
    await addUser(server, "approver", ["approver"]);
    editor = await signIn(server.url!, "editor");
    approver = await signIn(server.url!, "approver");
    // Followers Zalo knows, and the registry as the webhooks would have built it.
    const seed = async (body: object) =>
      (await s.simJson<{ sample_ids: string[] }>("/__sim/followers", { body })).sample_ids;
    subscribersActive.push(...(await seed({ count: 8, active_within_days: 1, city: "10" })));
    subscribersSilent.push(...(await seed({ count: 3, city: "10" })));
    followersOnly.push(...(await seed({ count: 4, active_within_days: 1, city: "9" })));
    const registry = createFollowerRegistry(s.redis, s.keys);
    for (const id of [...subscribersActive, ...subscribersSilent, ...followersOnly]) {
      const f = await s.simJson<{ last_interaction_ms: string }>(`/__sim/followers/${id}`);
      const at = Number(f.last_interaction_ms);
      await registry.apply([
        { userId: id, op: "follow", atMs: at },
        { userId: id, op: "interact", atMs: at },
        ...(followersOnly.includes(id) ? [] : [{ userId: id, op: "subscribe" as const }]),
      ]);
    }
  });
  afterAll(async () => {
    await server.close();
    await s.close();
  });

  it("goes out once at its time: the digest to each active subscriber, the broadcast after review, a report that matches", async () => {
    const created = await editor.call("POST", "/api/v1/admin/posts", {
      title: "Chuyển đổi số Hải Dương tuần 5",
      summary: "93% hồ sơ nộp trực tuyến",
      body: "Nội dung bản tin tuần.",
    });
    const id = String(created.body.id);
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 9)]);
    const cover = await editor.call("POST", `/api/v1/admin/posts/${id}/cover?version=1`, jpeg);
    expect(cover.status, JSON.stringify({ created: created.body, cover: cover.body })).toBe(200);
    expect((await editor.call("POST", `/api/v1/admin/posts/${id}/submit`, {})).status).toBe(200);
    expect((await approver.call("POST", `/api/v1/admin/posts/${id}/approve`, {})).status).toBe(200);

    const plan = await approver.call("GET", `/api/v1/admin/posts/${id}/plan`);
    expect(plan.body.plan).toMatchObject({
      broadcast: { included: true, cities: "10" },
      digest: { recipients: 8, free: 8, billable: 0 },
    });
    expect((plan.body.plan as { notReached: Array<{ reason: string; count: number }> }).notReached).toEqual([
      expect.objectContaining({ reason: "silent_over_cs_window", count: 3 }),
    ]);

    const at = new Date(now() + 1_500).toISOString();
    const scheduled = await approver.call("POST", `/api/v1/admin/posts/${id}/schedule`, { at });
    expect(scheduled.status, JSON.stringify(scheduled.body)).toBe(200);
    expect(scheduled.body.post).toMatchObject({ status: "scheduled" });
    // Not before its time: a marker message answered now proves the queue runs while the post waits.
    const progress = async () =>
      (await approver.call("GET", `/api/v1/admin/posts/${id}/send`)).body as {
        send: { state: string };
        sent: number;
        failed: number;
        skipped: number;
        remaining: number;
      };

    const done = await eventually(progress, (p) => p.send.state === "done", 30_000);
    expect(done).toMatchObject({ sent: 8, failed: 0, skipped: 0, remaining: 0 });
    const post = await editor.call("GET", `/api/v1/admin/posts/${id}`);
    expect(post.body.post).toMatchObject({ status: "sent" });

    const outbox = await s.simJson<OutboxEntry[]>("/__sim/outbox");
    const digests = outbox.filter((e) => e.kind === "cs" && e.text?.startsWith("Chuyển đổi số Hải Dương tuần 5"));
    expect(digests.map((e) => e.user_id).sort()).toEqual([...subscribersActive].sort());
    expect(outbox.filter((e) => e.kind === "broadcast")).toEqual([]);
    // Zalo's review ends: the broadcast reaches the followers in Hải Dương.
    await s.simJson("/__sim/clock", { body: { advanceMs: 30 * 60_000 } });
    const broadcasts = (await s.simJson<OutboxEntry[]>("/__sim/outbox")).filter((e) => e.kind === "broadcast");
    expect(broadcasts).toEqual([expect.objectContaining({ recipients: 11, recipients_by_city: { "10": 11 } })]);

    // Nothing twice: the public news shows it, and scheduling it again is refused.
    expect(
      (
        await approver.call("POST", `/api/v1/admin/posts/${id}/schedule`, {
          at: new Date(now() + 60_000).toISOString(),
        })
      ).status,
    ).toBe(409);
    expect((await fetch(`${server.url}/api/v1/posts/${id}`)).status).toBe(200);
  }, 60_000);

  it("sends a draft to the test group at once, exactly as followers will get it, and moves a send asked for at night to 06:00", async () => {
    const created = await editor.call("POST", "/api/v1/admin/posts", {
      title: "Bản tin đêm",
      summary: "Tóm tắt",
      body: "Nội dung",
    });
    const id = String(created.body.id);
    // The tester wrote to the OA today, so a CS message reaches them.
    await s.simJson("/__sim/events", { body: { event_name: "user_send_text", user_id: TESTER, text: "xin chào" } });
    const tested = await editor.call("POST", `/api/v1/admin/posts/${id}/test-send`, {});
    expect(tested.body.results).toEqual([{ userId: TESTER, outcome: "sent" }]);
    const toTester = await s.simJson<OutboxEntry[]>(`/__sim/outbox?user_id=${TESTER}`);
    expect(toTester.filter((e) => e.text === "Bản tin đêm\n\nTóm tắt")).toHaveLength(1);
    await editor.call("POST", `/api/v1/admin/posts/${id}/submit`, {});
    await approver.call("POST", `/api/v1/admin/posts/${id}/approve`, {});
    const tonight = new Date(now() + 2 * 24 * 3600_000);
    const local = new Intl.DateTimeFormat("en-CA", {
      timeZone: "Asia/Ho_Chi_Minh",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    }).format(tonight);
    const res = await approver.call("POST", `/api/v1/admin/posts/${id}/schedule`, { at: `${local}T23:30:00+07:00` });
    expect(res.status).toBe(200);
    const send = res.body.send as { scheduledFor: string; plan: { warnings: string[] } };
    expect(new Date(send.scheduledFor).getTime()).toBe(Date.parse(`${local}T23:30:00+07:00`) + 6.5 * 3600_000);
    expect(send.plan.warnings).toEqual([expect.stringMatching(/ban đêm/)]);
    expect((await approver.call("DELETE", `/api/v1/admin/posts/${id}/schedule`, {})).body.post).toMatchObject({
      status: "approved",
    });
  });
});
