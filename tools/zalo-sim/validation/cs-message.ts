import { UPLOAD_TTL_MS } from "../config";
import { invalid, ZaloApiError, ZaloCode, ZaloMessage } from "../envelope";
import type { UploadStore } from "../state/uploads";
import { array, httpUrl, oneOf, record, text, type Json } from "../validate";

/** The `message` of POST /v3.0/oa/message/cs, checked the way ZALO-PLATFORM A.3 describes it. */
export interface CsMessage {
  text?: string;
  attachment?: Json;
}

const BUTTON_TYPES = ["oa.open.url", "oa.query.show", "oa.query.hide", "oa.open.phone", "oa.open.sms"] as const;
const MAX_BUTTONS = 5;
const MAX_LIST_ELEMENTS = 5;

/** Text is measured after NFC, in UTF-16 code units (Java's String.length, the stricter reading). */
export function csText(v: unknown, maxChars: number): string {
  if (typeof v !== "string") throw invalid("text");
  const nfc = v.normalize("NFC");
  if (nfc.trim() === "" || nfc.length > maxChars) throw invalid("text");
  return nfc;
}

function validateAction(v: unknown, field: string): void {
  const action = record(v, field);
  const type = oneOf(action.type, `${field}.type`, BUTTON_TYPES);
  const payload = action.payload;
  switch (type) {
    case "oa.open.url":
      httpUrl(record(payload, `${field}.payload`).url, `${field}.payload.url`);
      break;
    case "oa.query.show":
    case "oa.query.hide":
      text(payload, `${field}.payload`);
      break;
    case "oa.open.phone":
      text(record(payload, `${field}.payload`).phone_code, `${field}.payload.phone_code`);
      break;
    case "oa.open.sms": {
      const p = record(payload, `${field}.payload`);
      text(p.phone_code, `${field}.payload.phone_code`);
      text(p.content, `${field}.payload.content`);
      break;
    }
  }
}

function validateButtons(v: unknown): void {
  array(v, "buttons", 1, MAX_BUTTONS).forEach((b, i) => {
    text(record(b, `buttons[${i}]`).title, `buttons[${i}].title`);
    validateAction(b, `buttons[${i}]`);
  });
}

function validateMedia(elements: unknown, uploads: UploadStore, now: number): void {
  const el = record(array(elements, "elements", 1, 1)[0], "elements[0]");
  const mediaType = oneOf(el.media_type, "media_type", ["image", "gif", "sticker"] as const);
  if (mediaType === "sticker") {
    text(el.attachment_id, "attachment_id");
    return;
  }
  if (mediaType === "gif" && (typeof el.width !== "number" || typeof el.height !== "number")) throw invalid("width");
  if (el.attachment_id !== undefined) {
    const upload = uploads.get(text(el.attachment_id, "attachment_id"));
    if (!upload) throw invalid("attachment_id");
    if (now - upload.createdAt > UPLOAD_TTL_MS)
      throw new ZaloApiError(ZaloCode.ATTACHMENT_EXPIRED, ZaloMessage.attachmentExpired);
  } else {
    httpUrl(el.url, "url");
  }
}

export function validateCsAttachment(v: unknown, uploads: UploadStore, now: number): Json {
  const attachment = record(v, "attachment");
  // File attachments (type "file") need the upload/file API, which the simulator does not offer.
  if (attachment.type !== "template") throw invalid("attachment.type");
  const payload = record(attachment.payload, "payload");
  if (payload.buttons !== undefined) validateButtons(payload.buttons);
  switch (payload.template_type) {
    case undefined:
      // Text with buttons: a template payload carrying only `buttons`.
      if (payload.buttons === undefined) throw invalid("template_type");
      break;
    case "media":
      validateMedia(payload.elements, uploads, now);
      break;
    case "request_user_info": {
      const el = record(array(payload.elements, "elements", 1, 1)[0], "elements[0]");
      text(el.title, "title");
      text(el.subtitle, "subtitle");
      httpUrl(el.image_url, "image_url");
      break;
    }
    case "list":
      array(payload.elements, "elements", 1, MAX_LIST_ELEMENTS).forEach((e, i) => {
        const el = record(e, `elements[${i}]`);
        text(el.title, `elements[${i}].title`);
        if (el.image_url !== undefined) httpUrl(el.image_url, `elements[${i}].image_url`);
        if (el.default_action !== undefined) validateAction(el.default_action, `elements[${i}].default_action`);
      });
      break;
    default:
      throw invalid("template_type");
  }
  return attachment;
}

export function validateCsMessage(v: unknown, maxChars: number, uploads: UploadStore, now: number): CsMessage {
  const message = record(v, "message");
  const out: CsMessage = {};
  if (message.text !== undefined) out.text = csText(message.text, maxChars);
  if (message.attachment !== undefined) out.attachment = validateCsAttachment(message.attachment, uploads, now);
  if (out.text === undefined && out.attachment === undefined) throw invalid("message");
  if (message.quote_message_id !== undefined) text(message.quote_message_id, "quote_message_id");
  return out;
}
