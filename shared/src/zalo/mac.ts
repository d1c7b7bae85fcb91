import { createHash, timingSafeEqual } from "node:crypto";

/**
 * The webhook signature of Zalo's official Java SDK (MacUtils.buildMac): a plain SHA-256, not an HMAC,
 * of app id + raw body + the body's `timestamp` field + the OA secret key, sent as `mac=<hex>`.
 * `rawBody` must be the exact bytes received: re-serialised JSON does not match.
 */
export function webhookMac(appId: string, rawBody: string | Buffer, timestamp: string, oaSecretKey: string): string {
  return createHash("sha256").update(appId).update(rawBody).update(timestamp).update(oaSecretKey).digest("hex");
}

export function webhookSignatureHeader(
  appId: string,
  rawBody: string | Buffer,
  timestamp: string,
  oaSecretKey: string,
): string {
  return `mac=${webhookMac(appId, rawBody, timestamp, oaSecretKey)}`;
}

function parseMacHeader(header: string | undefined): Buffer | undefined {
  if (!header) return undefined;
  const given = header.trim().replace(/^mac=/i, "").toLowerCase();
  return /^[0-9a-f]{64}$/.test(given) ? Buffer.from(given, "hex") : undefined;
}

/** Constant-time check of an `X-ZEvent-Signature` header value. */
export function verifyWebhookSignature(
  header: string | undefined,
  appId: string,
  rawBody: string | Buffer,
  timestamp: string,
  oaSecretKey: string,
): boolean {
  const given = parseMacHeader(header);
  return (
    given !== undefined &&
    timingSafeEqual(given, Buffer.from(webhookMac(appId, rawBody, timestamp, oaSecretKey), "hex"))
  );
}

/** One reading of the signature formula: its first term, timestamp and secret. */
export interface MacVariant {
  name: string;
  firstTerm: string;
  timestamp: string;
  secret: string;
}

/**
 * The name of the first variant whose mac matches the header, or undefined. Sources disagree on the
 * secret, the first term and where the timestamp comes from (ZALO-PLATFORM C.2, H.1); a server that
 * meets the real platform for the first time checks each documented reading and records which one Zalo uses.
 */
export function matchWebhookSignature(
  header: string | undefined,
  rawBody: string | Buffer,
  variants: readonly MacVariant[],
): string | undefined {
  const given = parseMacHeader(header);
  if (!given) return undefined;
  let matched: string | undefined;
  for (const v of variants) {
    // Every variant is computed and compared, so the time taken does not tell which one came close.
    const ok = timingSafeEqual(given, Buffer.from(webhookMac(v.firstTerm, rawBody, v.timestamp, v.secret), "hex"));
    if (ok && matched === undefined) matched = v.name;
  }
  return matched;
}
