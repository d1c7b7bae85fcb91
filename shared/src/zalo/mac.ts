import { createHash, timingSafeEqual } from "node:crypto";

/**
 * The webhook signature of Zalo's official Java SDK (MacUtils.buildMac): a plain SHA-256, not an HMAC,
 * of app id + raw body + the body's `timestamp` field + the OA secret key, sent as `mac=<hex>`.
 * `rawBody` must be the exact bytes received: re-serialised JSON does not match.
 */
export function webhookMac(appId: string, rawBody: string | Buffer, timestamp: string, oaSecretKey: string): string {
  return createHash("sha256")
    .update(appId)
    .update(rawBody)
    .update(timestamp)
    .update(oaSecretKey)
    .digest("hex");
}

export function webhookSignatureHeader(appId: string, rawBody: string | Buffer, timestamp: string, oaSecretKey: string): string {
  return `mac=${webhookMac(appId, rawBody, timestamp, oaSecretKey)}`;
}

/** Constant-time check of an `X-ZEvent-Signature` header value. */
export function verifyWebhookSignature(
  header: string | undefined,
  appId: string,
  rawBody: string | Buffer,
  timestamp: string,
  oaSecretKey: string,
): boolean {
  if (!header) return false;
  const given = header.trim().replace(/^mac=/i, "").toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(given)) return false;
  const expected = webhookMac(appId, rawBody, timestamp, oaSecretKey);
  return timingSafeEqual(Buffer.from(given, "hex"), Buffer.from(expected, "hex"));
}
