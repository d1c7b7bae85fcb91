import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { verifyWebhookSignature, webhookMac } from "@cds/shared";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { control, csText, oaPost, SANDBOX_CREDENTIALS, seed, tokenPair, userEvent, useSimulator } from "./helpers";

/** An independent bot-server stand-in: keeps the exact bytes and headers it received. */
interface Received {
  raw: Buffer;
  signature: string | undefined;
  contentType: string | undefined;
}

let receiver: Server;
let receiverUrl: string;
let received: Received[] = [];
let answerStatus = 200;
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
      });
      res.writeHead(answerStatus).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/zalo`;
});
afterAll(() => new Promise((resolve) => receiver.close(resolve)));
beforeEach(() => {
  received = [];
  answerStatus = 200;
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
    expect(Object.keys(payload)).toEqual(["app_id", "sender", "user_id_by_app", "recipient", "event_name", "message", "timestamp"]);
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
    await userEvent(sim, { event_name: "user_send_text", user_id: "246845883529197922", text: "x", signature: "forged" });
    await userEvent(sim, { event_name: "user_send_text", user_id: "246845883529197922", text: "x", signature: "missing" });
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
    expect(Object.keys(payload)).toEqual(["oa_id", "follower", "user_id_by_app", "event_name", "source", "app_id", "timestamp"]);
    expect(payload).toMatchObject({ oa_id: SANDBOX_CREDENTIALS.oaId, follower: { id: user }, event_name: "follow", app_id: SANDBOX_CREDENTIALS.appId });
    expect(verify(received[0]!)).toBe(true);
    expect((await control<{ is_follower: boolean }>(sim, "GET", `/followers/${user}`)).body.is_follower).toBe(true);

    await userEvent(sim, { event_name: "unfollow", user_id: user });
    expect((await control<{ is_follower: boolean }>(sim, "GET", `/followers/${user}`)).body.is_follower).toBe(false);
    expect(JSON.parse(received[1]!.raw.toString("utf8"))).toMatchObject({ event_name: "unfollow", follower: { id: user } });
  });

  it("emits other user events in their documented shapes", async () => {
    const user = "552177279717587732";
    await userEvent(sim, { event_name: "user_send_image", user_id: user, attachment_url: "https://example.org/p.jpg" });
    await userEvent(sim, { event_name: "user_click_chatnow", user_id: user });
    await userEvent(sim, { event_name: "user_seen_message", user_id: user, msg_id: "abc123" });
    const [image, chatnow, seen] = received.map((r) => JSON.parse(r.raw.toString("utf8")) as Record<string, unknown>);
    expect(image).toMatchObject({ event_name: "user_send_image", sender: { id: user }, message: { attachments: [{ type: "image", payload: { url: "https://example.org/p.jpg" } }] } });
    expect(chatnow).toMatchObject({ event_name: "user_click_chatnow", user_id: user, oa_id: SANDBOX_CREDENTIALS.oaId });
    expect(seen).toMatchObject({ sender: { id: SANDBOX_CREDENTIALS.oaId }, recipient: { id: user }, message: { msg_ids: ["abc123"] } });
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
    const unreachable = await userEvent(sim, { event_name: "user_send_text", user_id: "552177279717587733", text: "hi" });
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
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(received).toHaveLength(0);

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
  });
});
