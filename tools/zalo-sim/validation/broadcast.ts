import { ZALO_CITY_CODE_MAX } from "@cds/shared";
import { invalid, ZaloApiError, ZaloCode, ZaloMessage } from "../envelope";
import { array, record, text, type Json } from "../validate";

/** Target codes (ZALO-PLATFORM A.5): comma-separated integers; `cities` takes province codes. */
const TARGET_RANGES: Record<string, readonly [number, number]> = {
  ages: [0, 7],
  gender: [0, 2],
  locations: [0, 2],
  // Zalo's city table (ZALO-PLATFORM A.5): 0–62 the provinces, 63 outside Vietnam.
  cities: [0, ZALO_CITY_CODE_MAX],
  platform: [1, 3],
};
/** The OA Manager lets a broadcast carry up to 5 articles; each follower still receives one broadcast. */
const MAX_ARTICLES = 5;

export interface BroadcastRequest {
  /** Normalised target, e.g. { cities: "4,5" }. */
  target: Record<string, string>;
  /** Province codes to match, or null for every follower. */
  cities: string[] | null;
  articleIds: string[];
}

function typeNotSupported(): ZaloApiError {
  return new ZaloApiError(ZaloCode.MESSAGE_TYPE_INVALID, ZaloMessage.messageTypeInvalid);
}

function parseTarget(v: unknown): Record<string, string> {
  const target = record(v, "target");
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(target)) {
    const range = TARGET_RANGES[key];
    // Unknown keys are refused rather than ignored: "city" for "cities" would silently reach everyone.
    if (!range) throw invalid("target");
    const raw = typeof value === "number" ? String(value) : value;
    if (typeof raw !== "string" || !/^\d+(,\d+)*$/.test(raw.replace(/\s+/g, ""))) throw invalid(key);
    const codes = raw.replace(/\s+/g, "").split(",").map(Number);
    if (codes.some((c) => c < range[0] || c > range[1])) throw invalid(key);
    out[key] = codes.join(",");
  }
  return out;
}

/** Only an article, sent to `recipient.target`, is a broadcast; 1:1 v2 messages were shut down (-240). */
export function parseBroadcast(body: Json): BroadcastRequest {
  const recipient = record(body.recipient, "recipient");
  if (recipient.user_id !== undefined)
    throw new ZaloApiError(ZaloCode.MESSAGE_V2_SHUT_DOWN, ZaloMessage.messageV2ShutDown);
  const target = parseTarget(recipient.target);
  const message = record(body.message, "message");
  if (message.text !== undefined) throw typeNotSupported();
  const attachment = record(message.attachment, "attachment");
  if (attachment.type !== "template") throw typeNotSupported();
  const payload = record(attachment.payload, "payload");
  if (payload.template_type !== "media") throw typeNotSupported();
  const articleIds = array(payload.elements, "elements", 1, MAX_ARTICLES).map((e, i) => {
    const el = record(e, `elements[${i}]`);
    if (el.media_type !== "article") throw typeNotSupported();
    return text(el.attachment_id, "attachment_id");
  });
  return { target, cities: target.cities === undefined ? null : target.cities.split(","), articleIds };
}
