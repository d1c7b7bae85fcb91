import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { verifyWebhookSignature, webhookMac } from "@cds/shared";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  control,
  csText,
  oaPost,
  SANDBOX_CREDENTIALS,
  seed,
  setClock,
  tokenPair,
  userEvent,
  useSimulator,
} from "./helpers";

/** An independent bot-server stand-in: keeps the exact bytes and headers it received. */
interface Received {
  raw: Buffer;
  signature: string | undefined;
  contentType: string | undefined;
  numRetry: string | undefined;
}

let receiver: Server;
let receiverUrl: string;
let received: Received[] = [];
let answerStatus = 200;
/** Milliseconds the stand-in waits before answering (a slow bot server). */
let answerDelayMs = 0;
const sim = useSimulator();

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({
        raw: Buffer.concat(chunks),
        signature: req.headers["x-zevent-signature"] as string | undefined,
        contentType: req.headers["content-type"],
        numRetry: req.headers["num_retry"] as string | undefined,
      });
      const status = answerStatus;
      if (answerDelayMs > 0) setTimeout(() => res.writeHead(status).end(), answerDelayMs);
      else res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/zalo`;
});
afterAll(() => new Promise((resolve) => receiver.close(resolve)));
beforeEach(() => {
  received = [];
  answerStatus = 200;
  answerDelayMs = 0;
  sim.setWebhookUrl(receiverUrl);
});

function verify(r: Received, secret = SANDBOX_CREDENTIALS.oaSecretKey): boolean {
  const timestamp = (JSON.parse(r.raw.toString("utf8")) as { timestamp: string }).timestamp;
  return verifyWebhookSignature(r.signature, SANDBOX_CREDENTIALS.appId, r.raw, timestamp, secret);
}

describe("signature", () => {
  it("matches the published test vector (ZALO-PLATFORM C.2a)", () => {
    const raw =
      '{"app_id":"360846524940903967","sender":{"id":"246845883529197922"},"user_id_by_app":"552177279717587730","recipient":{"id":"388613280878808645"},"event_name":"user_send_text","message":{"text":"chi so","msg_id":"96d3cdf3af150460909"},"timestamp":"1724986800000"}';
    expect(webhookMac("360846524940903967", raw, "1724986800000", "OaSecretKeyExample123")).toBe(
      "d1d2fcf846da19564e754c292245af476fcb02a5e0e5fab1ff88d2a7c70fec37",
    );
  });

  it("signs the exact bytes it posts, with the OA secret key", async () => {
    answerStatus = 202;
    const answer = await userEvent(sim, {
      event_name: "user_send_text",
      user_id: "246845883529197922",
      text: "chỉ số tuần này",
      msg_id: "96d3cdf3af150460909",
      timestamp: "1724986800000",
    });
    expect(answer.status).toBe(200);
    expect(answer.body.status).toBe(202);
    expect(received).toHaveLength(1);
    const r = received[0]!;
    expect(r.contentType).toBe("application/json");
    expect(r.signature).toMatch(/^mac=[0-9a-f]{64}$/);
    expect(verify(r)).toBe(true);
    expect(verify(r, SANDBOX_CREDENTIALS.appSecret)).toBe(false);
    // Any change to the bytes breaks it: re-serialising with other spacing is not the signed body.
    const respaced = Buffer.from(JSON.stringify(JSON.parse(r.raw.toString("utf8")), null, 1));
    expect(verify({ ...r, raw: respaced })).toBe(false);

    const payload = JSON.parse(r.raw.toString("utf8")) as Record<string, unknown>;
    expect(answer.body.payload).toEqual(payload);
    expect(Object.keys(payload)).toEqual([
      "app_id",
      "sender",
      "user_id_by_app",
      "recipient",
      "event_name",
      "message",
      "timestamp",
    ]);
    expect(payload).toMatchObject({
      app_id: SANDBOX_CREDENTIALS.appId,
      sender: { id: "246845883529197922" },
      recipient: { id: SANDBOX_CREDENTIALS.oaId },
      event_name: "user_send_text",
      message: { text: "chỉ số tuần này", msg_id: "96d3cdf3af150460909" },
      timestamp: "1724986800000",
    });
    expect(payload.user_id_by_app).toMatch(/^\d{19}$/);
  });

  it("can forge or omit the signature", async () => {
    await userEvent(sim, {
      event_name: "user_send_text",
      user_id: "246845883529197922",
      text: "x",
      signature: "forged",
    });
    await userEvent(sim, {
      event_name: "user_send_text",
      user_id: "246845883529197922",
      text: "x",
      signature: "missing",
    });
    expect(received).toHaveLength(2);
    expect(received[0]!.signature).toMatch(/^mac=[0-9a-f]{64}$/);
    expect(verify(received[0]!)).toBe(false);
    expect(received[1]!.signature).toBeUndefined();
    expect(verify(received[1]!)).toBe(false);
  });
});

describe("event payloads and state", () => {
  it("follow / unfollow carry Zalo's follow shape and flip the follower flag", async () => {
    const user = "552177279717587731";
    const follow = await userEvent(sim, { event_name: "follow", user_id: user });
    expect(follow.body.status).toBe(200);
    const payload = JSON.parse(received[0]!.raw.toString("utf8")) as Record<string, unknown>;
    expect(Object.keys(payload)).toEqual([
      "oa_id",
      "follower",
      "user_id_by_app",
      "event_name",
      "source",
      "app_id",
      "timestamp",
    ]);
    expect(payload).toMatchObject({
      oa_id: SANDBOX_CREDENTIALS.oaId,
      follower: { id: user },
      event_name: "follow",
      app_id: SANDBOX_CREDENTIALS.appId,
    });
    expect(verify(received[0]!)).toBe(true);
    expect((await control<{ is_follower: boolean }>(sim, "GET", `/followers/${user}`)).body.is_follower).toBe(true);

    await userEvent(sim, { event_name: "unfollow", user_id: user });
    expect((await control<{ is_follower: boolean }>(sim, "GET", `/followers/${user}`)).body.is_follower).toBe(false);
    expect(JSON.parse(received[1]!.raw.toString("utf8"))).toMatchObject({
      event_name: "unfollow",
      follower: { id: user },
    });
  });

  it("emits other user events in their documented shapes", async () => {
    const user = "552177279717587732";
    await userEvent(sim, { event_name: "user_send_image", user_id: user, attachment_url: "https://example.org/p.jpg" });
    await userEvent(sim, { event_name: "user_click_chatnow", user_id: user });
    await userEvent(sim, { event_name: "user_seen_message", user_id: user, msg_id: "abc123" });
    const [image, chatnow, seen] = received.map((r) => JSON.parse(r.raw.toString("utf8")) as Record<string, unknown>);
    expect(image).toMatchObject({
      event_name: "user_send_image",
      sender: { id: user },
      message: { attachments: [{ type: "image", payload: { url: "https://example.org/p.jpg" } }] },
    });
    expect(chatnow).toMatchObject({ event_name: "user_click_chatnow", user_id: user, oa_id: SANDBOX_CREDENTIALS.oaId });
    expect(seen).toMatchObject({
      sender: { id: SANDBOX_CREDENTIALS.oaId },
      recipient: { id: user },
      message: { msg_ids: ["abc123"] },
    });
    expect(received.every((r) => verify(r))).toBe(true);
  });

  it("relays the bot server's status and answers 502 when it cannot deliver", async () => {
    answerStatus = 500;
    expect((await userEvent(sim, { event_name: "follow", user_id: "552177279717587733" })).body.status).toBe(500);

    await control(sim, "POST", "/config", { webhookUrl: null });
    const noUrl = await userEvent(sim, { event_name: "follow", user_id: "552177279717587733" });
    expect(noUrl.status).toBe(502);
    expect(noUrl.body.message).toMatch(/no webhook URL/);

    const dead = createServer();
    await new Promise<void>((resolve) => dead.listen(0, "127.0.0.1", resolve));
    const deadPort = (dead.address() as AddressInfo).port;
    await new Promise((resolve) => dead.close(resolve));
    sim.setWebhookUrl(`http://127.0.0.1:${deadPort}/webhooks/zalo`);
    const unreachable = await userEvent(sim, {
      event_name: "user_send_text",
      user_id: "552177279717587733",
      text: "hi",
    });
    expect(unreachable.status).toBe(502);
    expect(unreachable.body.error).toBe("webhook_unreachable");
  });

  it("rejects malformed event requests with 400", async () => {
    const bad = [
      { event_name: "user_dance", user_id: "552177279717587734" },
      { event_name: "user_send_text", user_id: 552177279717587734, text: "x" },
      { event_name: "user_send_text", user_id: "552177279717587734" },
      { event_name: "follow", user_id: "552177279717587734", signature: "maybe" },
      { event_name: "follow", user_id: "552177279717587734", timestamp: 1724986800000 },
      { event_name: "follow", user_id: "7300000000000099999" },
    ];
    for (const body of bad) expect((await userEvent(sim, body)).status, JSON.stringify(body)).toBe(400);
    expect(received).toHaveLength(0);
  });
});

describe("OA message echoes", () => {
  it("are off by default and signed oa_send_text events when enabled", async () => {
    const [user] = (await seed(sim, { count: 1, active_within_days: 1 })).sample_ids;
    const token = (await tokenPair(sim)).access;
    expect((await oaPost(sim, token, "/v3.0/oa/message/cs", csText(user!, "một"))).body.error).toBe(0);

    await control(sim, "POST", "/config", { echoOaMessages: true });
    const sent = await oaPost<{ message_id: string }>(sim, token, "/v3.0/oa/message/cs", csText(user!, "hai"));
    await expect.poll(() => received.length).toBe(1);
    const echo = JSON.parse(received[0]!.raw.toString("utf8")) as Record<string, unknown>;
    expect(echo).toMatchObject({
      event_name: "oa_send_text",
      sender: { id: SANDBOX_CREDENTIALS.oaId },
      recipient: { id: user },
      message: { text: "hai", msg_id: sent.body.data!.message_id },
    });
    expect(verify(received[0]!)).toBe(true);
    // The simulator delivers in order: an echo of "một", sent before echoes were on, would have come first.
    expect(received).toHaveLength(1);
  });
});

interface WebhookState {
  disabled: boolean;
  sent: number;
  failed: number;
  retried: number;
  pending_retries: Array<{ num_retry: number; due_at: string }>;
  attempts: Array<{ num_retry: number; status: number | null; error?: string }>;
}

async function webhookState(): Promise<WebhookState> {
  return (await control<{ webhook: WebhookState }>(sim, "GET", "/state")).body.webhook;
}

/** Zalo's ladder (ZALO-PLATFORM C.1): 30 s, 5 min, 15 min, 30 min, 1 h. */
const LADDER_MS = [30_000, 5 * 60_000, 15 * 60_000, 30 * 60_000, 60 * 60_000];

describe("retries as Zalo makes them", () => {
  it("retries a server that is down along the ladder with num_retry, then disables the webhook", async () => {
    await setClock(sim, { freeze: true });
    const dead = createServer();
    await new Promise<void>((resolve) => dead.listen(0, "127.0.0.1", resolve));
    const deadPort = (dead.address() as AddressInfo).port;
    await new Promise((resolve) => dead.close(resolve));
    sim.setWebhookUrl(`http://127.0.0.1:${deadPort}/webhooks/zalo`);

    const first = await userEvent(sim, { event_name: "user_send_text", user_id: "552177279717587740", text: "chi so" });
    expect(first.status).toBe(502);
    for (const [n, delay] of LADDER_MS.entries()) {
      const before = await webhookState();
      expect(before.pending_retries).toEqual([expect.objectContaining({ num_retry: n + 1 })]);
      // One millisecond early: the retry has not fired. The attempt count is the event that proves it.
      await setClock(sim, { advanceMs: delay - 1 });
      expect((await webhookState()).attempts).toHaveLength(n + 1);
      await setClock(sim, { advanceMs: 1 });
      await expect.poll(async () => (await webhookState()).attempts.length).toBe(n + 2);
    }
    await expect.poll(async () => (await webhookState()).disabled).toBe(true);
    const state = await webhookState();
    expect(state.attempts.map((a) => a.num_retry)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(state.attempts.every((a) => a.status === null)).toBe(true);
    expect(state.pending_retries).toEqual([]);

    const refused = await userEvent(sim, { event_name: "follow", user_id: "552177279717587740" });
    expect(refused.status).toBe(502);
    expect(refused.body.message).toMatch(/disabled/);
    // Saving the URL again in the console re-enables it.
    sim.setWebhookUrl(receiverUrl);
    expect((await userEvent(sim, { event_name: "follow", user_id: "552177279717587740" })).body.status).toBe(200);
  });

  it("counts an answer slower than 2 s or other than 200 as failed, and retries the same bytes", async () => {
    await setClock(sim, { freeze: true });
    answerDelayMs = 2_500;
    const slow = await userEvent(sim, { event_name: "user_send_text", user_id: "552177279717587741", text: "chậm" });
    expect(slow.status).toBe(502);
    expect(slow.body.message).toMatch(/within 2000 ms/);
    answerDelayMs = 0;
    answerStatus = 500;
    await setClock(sim, { advanceMs: 30_000 });
    await expect.poll(() => received.length).toBe(2);
    answerStatus = 200;
    await setClock(sim, { advanceMs: 5 * 60_000 });
    await expect.poll(() => received.length).toBe(3);
    expect(received.map((r) => r.numRetry)).toEqual([undefined, "1", "2"]);
    expect(new Set(received.map((r) => r.raw.toString("utf8"))).size).toBe(1);
    expect(new Set(received.map((r) => r.signature)).size).toBe(1);
    await expect.poll(async () => (await webhookState()).sent).toBe(1);
    const state = await webhookState();
    expect(state).toMatchObject({ disabled: false, pending_retries: [] });
    expect(state.attempts.map((a) => a.status)).toEqual([null, 500, 200]);
    // Delivered: nothing more comes, however much time passes; a marker event after it proves it.
    await setClock(sim, { advanceMs: 3 * 3600_000 });
    await userEvent(sim, { event_name: "follow", user_id: "552177279717587742" });
    expect(received).toHaveLength(4);
    expect(JSON.parse(received[3]!.raw.toString("utf8"))).toMatchObject({ event_name: "follow" });
  });

  it("delivers a batch concurrently and out of order, each event signed", async () => {
    const events = Array.from({ length: 20 }, (_, n) => ({
      event_name: "user_send_text",
      user_id: "552177279717587743",
      text: `tin ${n}`,
      msg_id: `batch${n}`,
    }));
    const answer = await control<{ delivery_order: number[]; results: Array<{ status: number }> }>(
      sim,
      "POST",
      "/events/batch",
      { events, concurrency: 8 },
    );
    expect(answer.status).toBe(200);
    expect([...answer.body.delivery_order].sort((a, b) => a - b)).toEqual(events.map((_, n) => n));
    expect(answer.body.delivery_order).not.toEqual(events.map((_, n) => n));
    expect(answer.body.results.every((r) => r.status === 200)).toBe(true);
    expect(received).toHaveLength(20);
    expect(received.every((r) => verify(r))).toBe(true);
    const texts = received.map(
      (r) => (JSON.parse(r.raw.toString("utf8")) as { message: { text: string } }).message.text,
    );
    expect(new Set(texts).size).toBe(20);
    expect(texts).not.toEqual(events.map((e) => e.text));
  });
});
