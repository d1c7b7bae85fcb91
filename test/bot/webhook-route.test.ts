import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webhookSignatureHeader } from "@cds/shared";
import { startBotServer, type RunningBotServer } from "../../bot-server/src/server";
import { createChatRepository } from "../../bot-server/src/store/chat-repository";
import { createFollowerRegistry } from "../../bot-server/src/store/follower-registry";
import { eventually, type OutboxEntry } from "../harness/eventually";
import { queueDrained } from "../harness/queues";
import { startZaloSandbox, type ZaloSandbox } from "../harness/sandbox";

describe("POST /webhooks/zalo on a running bot server", () => {
  let s: ZaloSandbox;
  let server: RunningBotServer;
  let hook: string;
  let follower: string;
  const outbox = () => s.simJson<OutboxEntry[]>("/__sim/outbox");
  const registry = () => createFollowerRegistry(s.redis, s.keys);

  beforeAll(async () => {
    s = await startZaloSandbox("webhook");
    server = await startBotServer(s.config, "all", s.logger);
    hook = `${server.url}/webhooks/zalo`;
    s.sim.setWebhookUrl(hook);
    const seeded = await s.simJson<{ sample_ids: string[] }>("/__sim/followers", {
      body: { count: 5, active_within_days: 1 },
    });
    follower = seeded.sample_ids[0]!;
  });
  afterAll(async () => {
    await server.close();
    await s.close();
  });

  it("follow and unfollow, signed by the simulator, change the registry", async () => {
    const id = "5512345678901234567";
    expect(
      (await s.simJson<{ status: number }>("/__sim/events", { body: { event_name: "follow", user_id: id } })).status,
    ).toBe(200);
    const followed = await eventually(
      () => registry().get(id),
      (r) => r?.following === true,
    );
    expect(followed?.following).toBe(true);
    expect(
      (await s.simJson<{ status: number }>("/__sim/events", { body: { event_name: "unfollow", user_id: id } })).status,
    ).toBe(200);
    const unfollowed = await eventually(
      () => registry().get(id),
      (r) => r?.following === false,
    );
    expect(unfollowed?.following).toBe(false);
  });

  it("keeps a departed user departed when an older follow arrives after the unfollow", async () => {
    const id = "5512345678901234568";
    // Whole seconds, so the interaction time (kept in seconds) shows when the late follow was processed.
    const t0 = Math.floor(Date.now() / 1000) * 1000 - 10_000;
    const send = async (event_name: string, at: number) =>
      expect(
        (
          await s.simJson<{ status: number }>("/__sim/events", {
            body: { event_name, user_id: id, timestamp: String(at) },
          })
        ).status,
      ).toBe(200);
    const welcomes = () => s.simJson<OutboxEntry[]>(`/__sim/outbox?user_id=${id}`);
    await send("follow", t0);
    expect(await eventually(welcomes, (o) => o.length === 1)).toHaveLength(1);
    await send("unfollow", t0 + 2_000);
    await eventually(
      () => registry().get(id),
      (r) => r?.following === false,
    );
    // The simulator takes the late follow as current (it follows again there): only the server must not.
    await send("follow", t0 + 1_000);
    const after = await eventually(
      () => registry().get(id),
      (r) => r?.lastInteractionAt === t0 / 1000 + 1,
    );
    expect(after).toMatchObject({ following: false, followChangedAtMs: t0 + 2_000, lastInteractionAt: t0 / 1000 + 1 });
    await queueDrained(s.config, "inbound");
    expect(await welcomes()).toHaveLength(1);
  });

  it("answers a signed message with a consultation message, and a forged one with 401 and nothing", async () => {
    const before = (await outbox()).length;
    const forged = await s.simJson<{ status: number }>("/__sim/events", {
      body: { event_name: "user_send_text", user_id: follower, text: "giúp", signature: "forged" },
    });
    expect(forged.status).toBe(401);
    const missing = await s.simJson<{ status: number }>("/__sim/events", {
      body: { event_name: "user_send_text", user_id: follower, text: "giúp", signature: "missing" },
    });
    expect(missing.status).toBe(401);
    const ok = await s.simJson<{ status: number }>("/__sim/events", {
      body: { event_name: "user_send_text", user_id: follower, text: "giúp" },
    });
    expect(ok.status).toBe(200);
    const after = await eventually(outbox, (o) => o.length > before);
    const sent = after.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ kind: "cs", user_id: follower });
  });

  it("processes a retried event once", async () => {
    const before = (await outbox()).length;
    const body = { event_name: "user_send_text", user_id: follower, text: "menu", msg_id: "retrymsg1" };
    const first = await s.simJson<{ status: number }>("/__sim/events", { body });
    const second = await s.simJson<{ status: number }>("/__sim/events", { body });
    expect([first.status, second.status]).toEqual([200, 200]);
    await eventually(outbox, (o) => o.length > before);
    await queueDrained(s.config, "inbound");
    expect((await outbox()).length - before).toBe(1);
  });

  it("refuses bad input with clear 4xx answers, never 5xx", async () => {
    const post = (body: string | Buffer, headers: Record<string, string> = {}) =>
      fetch(hook, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
    expect((await post("{nope")).status).toBe(400);
    // JSON without a timestamp cannot be verified: 401, like a bad signature.
    expect((await post('{"hello":1}')).status).toBe(401);
    expect((await post(Buffer.alloc(70 * 1024, 32))).status).toBe(413);
    const probe = await post("{}");
    expect(probe.status).toBe(200);
    const c = s.config.zalo!;
    const raw = JSON.stringify({
      app_id: c.appId,
      event_name: "oa_send_text",
      sender: { id: c.oaId },
      recipient: { id: follower },
      message: { text: "x", msg_id: "e1" },
      timestamp: String(Date.now()),
    });
    const echo = await post(raw, {
      "x-zevent-signature": webhookSignatureHeader(c.appId, raw, JSON.parse(raw).timestamp, c.oaSecretKey),
    });
    expect(echo.status).toBe(200);
    expect(await echo.json()).toMatchObject({ ignored: "echo_or_receipt" });
  });

  /** Posts an event signed as Zalo signs it, with the given fields and timestamp. */
  const postSigned = (fields: Record<string, unknown>, at = Date.now()) => {
    const c = s.config.zalo!;
    const raw = JSON.stringify({ app_id: c.appId, ...fields, timestamp: String(at) });
    return fetch(hook, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-zevent-signature": webhookSignatureHeader(c.appId, raw, String(at), c.oaSecretKey),
      },
      body: raw,
    });
  };
  const metric = async (outcome: string) => {
    const text = await (await fetch(`${server.url}/metrics`)).text();
    const line = text.split("\n").find((l) => l.startsWith(`webhook_events_total{outcome="${outcome}"}`));
    return line ? Number(line.split(" ").at(-1)) : 0;
  };

  it("counts every rejected delivery, an oversized body included", async () => {
    const before413 = await metric("rejected:413");
    const before401 = await metric("rejected:401");
    const big = await fetch(hook, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: Buffer.alloc(70 * 1024, 32),
    });
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ error: "payload_too_large" });
    for (let n = 0; n < 30; n++) {
      const forged = await s.simJson<{ status: number }>("/__sim/events", {
        body: { event_name: "follow", user_id: follower, signature: "forged" },
      });
      expect(forged.status).toBe(401);
    }
    expect(await metric("rejected:413")).toBe(before413 + 1);
    expect(await metric("rejected:401")).toBe(before401 + 30);
  });

  it("answers 200 to a signed event it cannot use, and counts it by reason", async () => {
    const unknownBefore = await metric("ignored:unknown_event");
    const shapeBefore = await metric("ignored:unusable_shape");
    const unknown = await postSigned({ event_name: "user_teleported_to_oa", sender: { id: follower } });
    expect(unknown.status).toBe(200);
    expect(await unknown.json()).toEqual({ ok: true, ignored: "unknown_event" });
    const shapeless = await postSigned({ event_name: { nested: true }, sender: "nobody" });
    expect(shapeless.status).toBe(200);
    expect(await metric("ignored:unknown_event")).toBe(unknownBefore + 1);
    expect(await metric("ignored:unusable_shape")).toBe(shapeBefore + 1);
  });

  it("does not take a reaction or a read receipt for an interaction", async () => {
    const id = "5512345678901234569";
    const at = Math.floor(Date.now() / 1000) * 1000 - 60_000;
    expect((await postSigned({ event_name: "follow", oa_id: s.config.zalo!.oaId, follower: { id } }, at)).status).toBe(
      200,
    );
    await eventually(
      () => registry().get(id),
      (r) => r?.lastInteractionAt === at / 1000,
    );
    const reaction = await postSigned({
      event_name: "user_reacted_message",
      sender: { id },
      recipient: { id: s.config.zalo!.oaId },
      message: { react_icon: "/-heart", msg_id: "r1" },
    });
    expect(await reaction.json()).toEqual({ ok: true, ignored: "not_an_interaction" });
    const seen = await postSigned({
      event_name: "user_seen_message",
      sender: { id: s.config.zalo!.oaId },
      recipient: { id },
      message: { msg_ids: ["r1"] },
    });
    expect(await seen.json()).toEqual({ ok: true, ignored: "echo_or_receipt" });
    // A later message is processed; until it is, the interaction time is still the follow's.
    expect((await registry().get(id))?.lastInteractionAt).toBe(at / 1000);
  });

  it("keeps ids exact when every id field arrives as a bare JSON number: the reply goes to that follower, not a neighbour", async () => {
    const seeded = await s.simJson<{ sample_ids: string[] }>("/__sim/followers", {
      body: { count: 2, active_within_days: 1 },
    });
    // Synthetic ids are consecutive: read as a double, 73…06 becomes 73…00, another citizen.
    const target = seeded.sample_ids[1]!;
    const c = s.config.zalo!;
    const at = Date.now();
    const raw = `{"app_id":${c.appId},"sender":{"id":${target}},"user_id_by_app":5500000000000000123,"recipient":{"id":${c.oaId}},"event_name":"user_send_text","message":{"text":"chi so","msg_id":9612345678901234567},"timestamp":${at}}`;
    expect(String(Number(target))).not.toBe(target);
    const res = await fetch(hook, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-zevent-signature": webhookSignatureHeader(c.appId, raw, String(at), c.oaSecretKey),
      },
      body: raw,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    const replies = await eventually(
      () => s.simJson<OutboxEntry[]>(`/__sim/outbox?user_id=${target}`),
      (o) => o.length === 1,
    );
    expect(replies).toEqual([expect.objectContaining({ kind: "cs", user_id: target })]);
    expect(await createChatRepository(s.redis, s.keys).wasAnswered("9612345678901234567")).toBe(true);
  });

  it("accepts Zalo's late retries (a day and a half old) and refuses older replays", async () => {
    const hoursAgo = (h: number) => Date.now() - h * 3600_000;
    const late = await postSigned(
      { event_name: "user_send_sticker", sender: { id: follower }, message: { msg_id: "late1" } },
      hoursAgo(40),
    );
    expect(late.status).toBe(200);
    expect(await late.json()).toEqual({ ok: true });
    const replay = await postSigned(
      { event_name: "user_send_sticker", sender: { id: follower }, message: { msg_id: "late2" } },
      hoursAgo(49),
    );
    expect(replay.status).toBe(400);
  });
});
