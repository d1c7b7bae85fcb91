import { describe, expect, it } from "vitest";
import { webhookSignatureHeader } from "@cds/shared";
import { checkWebhook, type WebhookVerifier } from "./webhook";

const appId = "360846524940903967";
const secret = "OaSecretKeyExample123";
const now = 1_724_986_800_000;
const verifier: WebhookVerifier = { appId, oaSecretKey: secret, maxAgeMs: 3_600_000, maxFutureMs: 300_000, now: () => now };

function signed(payload: object, ts = String(now)) {
  const raw = Buffer.from(JSON.stringify({ ...payload, app_id: appId, timestamp: ts }));
  return { raw, sig: webhookSignatureHeader(appId, raw, ts, secret) };
}

describe("checkWebhook", () => {
  it("accepts a signed text message and keys it by msg_id", () => {
    const { raw, sig } = signed({ event_name: "user_send_text", sender: { id: "246845883529197922" }, recipient: { id: "1" }, message: { text: "chi so", msg_id: "abc" } });
    const r = checkWebhook(raw, sig, verifier);
    expect(r).toEqual({ ok: true, dedupeKey: "m:abc", event: { type: "text", userId: "246845883529197922", at: now, eventName: "user_send_text", text: "chi so", msgId: "abc" } });
  });

  it("reads the follower of follow/unfollow events and keys them by event, user and time", () => {
    const { raw, sig } = signed({ event_name: "unfollow", oa_id: "1", follower: { id: "42" }, source: "oa_profile" });
    const r = checkWebhook(raw, sig, verifier);
    expect(r).toMatchObject({ ok: true, dedupeKey: `e:unfollow:42:${now}`, event: { type: "unfollow", userId: "42" } });
  });

  it("refuses a forged or missing signature with 401", () => {
    const { raw } = signed({ event_name: "follow", follower: { id: "42" } });
    expect(checkWebhook(raw, "mac=" + "0".repeat(64), verifier)).toMatchObject({ ok: false, status: 401 });
    expect(checkWebhook(raw, undefined, verifier)).toMatchObject({ ok: false, status: 401 });
  });

  it("refuses a body changed after signing", () => {
    const { raw, sig } = signed({ event_name: "follow", follower: { id: "42" } });
    const tampered = Buffer.from(raw.toString().replace('"42"', '"43"'));
    expect(checkWebhook(tampered, sig, verifier)).toMatchObject({ ok: false, status: 401 });
  });

  it("refuses stale and future timestamps even when signed", () => {
    const old = signed({ event_name: "follow", follower: { id: "42" } }, String(now - 3_600_001));
    expect(checkWebhook(old.raw, old.sig, verifier)).toMatchObject({ ok: false, status: 400 });
    const future = signed({ event_name: "follow", follower: { id: "42" } }, String(now + 300_001));
    expect(checkWebhook(future.raw, future.sig, verifier)).toMatchObject({ ok: false, status: 400 });
  });

  it("answers 400 for malformed JSON and for JSON that is not an event", () => {
    expect(checkWebhook(Buffer.from("{nope"), "mac=x", verifier)).toMatchObject({ ok: false, status: 400 });
    expect(checkWebhook(Buffer.from('{"hello":1}'), "mac=x", verifier)).toMatchObject({ ok: false, status: 400 });
  });

  it("ignores the OA's own echoes and receipts once verified", () => {
    const { raw, sig } = signed({ event_name: "oa_send_text", sender: { id: "1" }, recipient: { id: "42" }, message: { text: "hi", msg_id: "m" } });
    expect(checkWebhook(raw, sig, verifier)).toEqual({ ok: true, ignored: "oa_send_text" });
  });

  it("acknowledges, without processing, signed events whose user id no registry can hold", () => {
    for (const id of ["not-a-number", "123456789012345678901234"]) {
      const { raw, sig } = signed({ event_name: "user_send_text", sender: { id }, message: { text: "hi", msg_id: "x1" } });
      expect(checkWebhook(raw, sig, verifier)).toEqual({ ok: true, ignored: "user_send_text with an unusable user id" });
    }
  });

  it("turns other user events into interactions", () => {
    const { raw, sig } = signed({ event_name: "user_send_sticker", sender: { id: "42" }, message: { msg_id: "s1" } });
    expect(checkWebhook(raw, sig, verifier)).toMatchObject({ ok: true, event: { type: "interaction", userId: "42", eventName: "user_send_sticker" } });
  });
});
