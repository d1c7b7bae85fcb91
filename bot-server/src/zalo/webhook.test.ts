import { describe, expect, it } from "vitest";
import { webhookSignatureHeader } from "@cds/shared";
import { checkWebhook, type WebhookVerifier } from "./webhook";

const appId = "360846524940903967";
const secret = "OaSecretKeyExample123";
const now = 1_724_986_800_000;
const oaId = "388613280878808645";
const appSecret = "AppSecretExample456";
const verifier: WebhookVerifier = {
  appId,
  oaId,
  oaSecretKey: secret,
  appSecret,
  maxAgeMs: 3_600_000,
  maxFutureMs: 300_000,
  now: () => now,
};

function signed(payload: object, ts = String(now)) {
  const raw = Buffer.from(JSON.stringify({ ...payload, app_id: appId, timestamp: ts }));
  return { raw, sig: webhookSignatureHeader(appId, raw, ts, secret) };
}

describe("checkWebhook", () => {
  it("accepts a signed text message and keys it by msg_id", () => {
    const { raw, sig } = signed({
      event_name: "user_send_text",
      sender: { id: "246845883529197922" },
      recipient: { id: "1" },
      message: { text: "chi so", msg_id: "abc" },
    });
    const r = checkWebhook(raw, sig, verifier);
    expect(r).toEqual({
      ok: true,
      variant: "app_id+body_ts+oa_secret",
      dedupeKey: "m:abc",
      event: {
        type: "text",
        userId: "246845883529197922",
        at: now,
        eventName: "user_send_text",
        text: "chi so",
        msgId: "abc",
      },
    });
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

  it("answers 400 for a body that is not JSON, 401 for one that cannot be verified", () => {
    expect(checkWebhook(Buffer.from("{nope"), "mac=x", verifier)).toMatchObject({ ok: false, status: 400 });
    expect(checkWebhook(Buffer.from('{"hello":1}'), "mac=x", verifier)).toMatchObject({ ok: false, status: 401 });
  });

  it("acknowledges signed events it cannot use, with the reason: unknown names and shapes included", () => {
    const cases: Array<[object, string]> = [
      [
        {
          event_name: "oa_send_text",
          sender: { id: "1" },
          recipient: { id: "42" },
          message: { text: "hi", msg_id: "m" },
        },
        "echo_or_receipt",
      ],
      [
        { event_name: "user_seen_message", sender: { id: "1" }, recipient: { id: "42" }, message: { msg_ids: ["m"] } },
        "echo_or_receipt",
      ],
      [
        { event_name: "user_reacted_message", sender: { id: "42" }, message: { react_icon: "/-heart", msg_id: "m" } },
        "not_an_interaction",
      ],
      [
        { event_name: "user_send_group_text", sender: { id: "42" }, message: { text: "hi", msg_id: "g" } },
        "not_an_interaction",
      ],
      [{ event_name: "user_teleported", sender: { id: "42" } }, "unknown_event"],
      [{ event_name: 42, sender: { id: "42" } }, "unusable_shape"],
      [{ sender: { id: "42" } }, "unusable_shape"],
      [{ event_name: "user_send_text", message: { text: "hi", msg_id: "x0" } }, "no_user"],
      [
        { event_name: "user_send_text", sender: { id: "not-a-number" }, message: { text: "hi", msg_id: "x1" } },
        "unusable_user_id",
      ],
      [
        {
          event_name: "user_send_text",
          sender: { id: "123456789012345678901234" },
          message: { text: "hi", msg_id: "x2" },
        },
        "unusable_user_id",
      ],
    ];
    for (const [payload, reason] of cases) {
      const { raw, sig } = signed(payload);
      expect(checkWebhook(raw, sig, verifier), JSON.stringify(payload)).toMatchObject({ ok: true, ignored: reason });
    }
  });

  it("keeps an unquoted 19-digit user id exact: the reply goes to that user, not a neighbour", () => {
    const ts = String(now);
    const raw = Buffer.from(
      `{"app_id":"${appId}","sender":{"id":7300000000000000001},"recipient":{"id":1},"event_name":"user_send_text","message":{"text":"chi so","msg_id":"n1"},"timestamp":"${ts}"}`,
    );
    const r = checkWebhook(raw, webhookSignatureHeader(appId, raw, ts, secret), verifier);
    expect(r).toMatchObject({ ok: true, event: { userId: "7300000000000000001" } });
  });

  it("accepts every documented reading of the signature formula, and names the one that matched", () => {
    const payload = { event_name: "follow", follower: { id: "42" } };
    const ts = String(now);
    const raw = Buffer.from(JSON.stringify({ ...payload, app_id: appId, timestamp: ts }));
    const readings: Array<[string, string, string, string, Record<string, string>?]> = [
      ["app_id+body_ts+oa_secret", appId, ts, secret],
      ["oa_id+body_ts+oa_secret", oaId, ts, secret],
      ["app_id+body_ts+app_secret", appId, ts, appSecret],
      ["no_id+body_ts+oa_secret", "", ts, secret],
    ];
    for (const [name, first, t, key] of readings) {
      expect(checkWebhook(raw, webhookSignatureHeader(first, raw, t, key), verifier), name).toMatchObject({
        ok: true,
        variant: name,
      });
    }
    // The timestamp from the X-ZEvent-Timestamp header instead of the body (the body has none here).
    const headerOnly = Buffer.from(JSON.stringify({ ...payload, app_id: appId }));
    expect(checkWebhook(headerOnly, webhookSignatureHeader(appId, headerOnly, ts, secret), verifier, ts)).toMatchObject(
      {
        ok: true,
        variant: "app_id+header_ts+oa_secret",
        event: { type: "follow", at: now },
      },
    );
    expect(checkWebhook(raw, webhookSignatureHeader(appId, raw, ts, "a-guess"), verifier)).toMatchObject({
      ok: false,
      status: 401,
    });
  });

  it("turns the other interactions Zalo lists into interactions", () => {
    const { raw, sig } = signed({ event_name: "user_send_sticker", sender: { id: "42" }, message: { msg_id: "s1" } });
    expect(checkWebhook(raw, sig, verifier)).toMatchObject({
      ok: true,
      event: { type: "interaction", userId: "42", eventName: "user_send_sticker" },
    });
    const chat = signed({ event_name: "user_click_chatnow", oa_id: oaId, user_id: "43" });
    expect(checkWebhook(chat.raw, chat.sig, verifier)).toMatchObject({
      ok: true,
      event: { type: "interaction", userId: "43" },
    });
  });
});
