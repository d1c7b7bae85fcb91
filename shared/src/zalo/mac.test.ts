import { describe, expect, it } from "vitest";
import { matchWebhookSignature, verifyWebhookSignature, webhookMac, webhookSignatureHeader } from "./mac";

// ZALO-PLATFORM.md C.2a: computed from the official Java SDK's formula.
const appId = "360846524940903967";
const secret = "OaSecretKeyExample123";
const body =
  '{"app_id":"360846524940903967","sender":{"id":"246845883529197922"},"user_id_by_app":"552177279717587730","recipient":{"id":"388613280878808645"},"event_name":"user_send_text","message":{"text":"chi so","msg_id":"96d3cdf3af150460909"},"timestamp":"1724986800000"}';
const expected = "d1d2fcf846da19564e754c292245af476fcb02a5e0e5fab1ff88d2a7c70fec37";

describe("webhook mac", () => {
  it("matches the reference test vector", () => {
    expect(webhookMac(appId, body, "1724986800000", secret)).toBe(expected);
    expect(webhookSignatureHeader(appId, Buffer.from(body), "1724986800000", secret)).toBe(`mac=${expected}`);
  });

  it("verifies the header with or without the mac= prefix and in any case", () => {
    expect(verifyWebhookSignature(`mac=${expected}`, appId, body, "1724986800000", secret)).toBe(true);
    expect(verifyWebhookSignature(expected.toUpperCase(), appId, body, "1724986800000", secret)).toBe(true);
  });

  it("rejects a changed body, timestamp, secret, or a malformed header", () => {
    const reserialised = JSON.stringify(JSON.parse(body), null, 1);
    expect(verifyWebhookSignature(`mac=${expected}`, appId, reserialised, "1724986800000", secret)).toBe(false);
    expect(verifyWebhookSignature(`mac=${expected}`, appId, body, "1724986800001", secret)).toBe(false);
    expect(verifyWebhookSignature(`mac=${expected}`, appId, body, "1724986800000", "other")).toBe(false);
    expect(verifyWebhookSignature(undefined, appId, body, "1724986800000", secret)).toBe(false);
    expect(verifyWebhookSignature("mac=zz", appId, body, "1724986800000", secret)).toBe(false);
  });

  it("names the documented variant a signature was made with, or none", () => {
    const variants = [
      { name: "sdk", firstTerm: appId, timestamp: "1724986800000", secret },
      { name: "oa_id", firstTerm: "388613280878808645", timestamp: "1724986800000", secret },
      { name: "no_first_term", firstTerm: "", timestamp: "1724986800000", secret },
    ];
    expect(matchWebhookSignature(`mac=${expected}`, body, variants)).toBe("sdk");
    const byOaId = webhookSignatureHeader("388613280878808645", body, "1724986800000", secret);
    expect(matchWebhookSignature(byOaId, body, variants)).toBe("oa_id");
    expect(matchWebhookSignature(webhookSignatureHeader("", body, "1724986800000", secret), body, variants)).toBe(
      "no_first_term",
    );
    expect(
      matchWebhookSignature(webhookSignatureHeader(appId, body, "1724986800000", "guess"), body, variants),
    ).toBeUndefined();
    expect(matchWebhookSignature("mac=12", body, variants)).toBeUndefined();
  });
});
