import { isWithinNightWindow } from "@cds/shared";
import type { Router } from "express";
import { broadcastCaps } from "../broadcast-delivery";
import { DAY_MS } from "../config";
import type { SimContext } from "../context";
import { exceedsLimit, invalid, ZaloApiError, ZaloCode, ZaloMessage } from "../envelope";
import { monthAndDayKeys } from "../local-time";
import { hexId } from "../state/ids";
import { parseBroadcast } from "../validation/broadcast";
import { validateCsMessage } from "../validation/cs-message";
import { dataParam, integer, jsonBody, record, userIdField } from "../validate";
import { buildEventPayload } from "../webhook-sender";
import { entitled, jsonParser, oaGate, oaHandler } from "./oa-common";

/** `quota.remain` was fixed at 8 from 2026-01-01 and removed after 2026-03-01 (ZALO-PLATFORM A.2). */
const REMAIN_REMOVED_AT = Date.parse("2026-03-01T00:00:00+07:00");
const FIXED_REMAIN = "8";

function knownUser(ctx: SimContext, v: unknown): number {
  const i = ctx.followers.indexOf(userIdField(v));
  if (i < 0) throw invalid("user_id");
  return i;
}

type QuotaType = "reply" | "sub_quota" | "purchase_quota";

function quotaJson(quotaType: QuotaType, now: number) {
  return now < REMAIN_REMOVED_AT
    ? { quota_type: quotaType, remain: FIXED_REMAIN, total: FIXED_REMAIN }
    : { quota_type: quotaType };
}

/** Free within 48 h of the last interaction; later, the package's allowance, else the Cloud Account pays. */
function csQuotaType(ctx: SimContext, userIndex: number, now: number): QuotaType {
  const freeMs = ctx.settings.limits.csFreeWindowHours * 3600_000;
  if (now - ctx.followers.lastInteraction(userIndex) <= freeMs) return "reply";
  const { month } = monthAndDayKeys(now, ctx.settings.limits.timeZone);
  const used = ctx.allowance.month === month ? ctx.allowance.used : 0;
  return used < ctx.settings.billing.allowancePerMonth ? "sub_quota" : "purchase_quota";
}

/** Charges a CS message of that type, or refuses it with -320/-321 when the Cloud Account cannot pay. */
function chargeCs(ctx: SimContext, quotaType: QuotaType, now: number): void {
  const billing = ctx.settings.billing;
  if (quotaType === "sub_quota") {
    const { month } = monthAndDayKeys(now, ctx.settings.limits.timeZone);
    if (ctx.allowance.month !== month) Object.assign(ctx.allowance, { month, used: 0 });
    ctx.allowance.used += 1;
  } else if (quotaType === "purchase_quota") {
    if (!billing.zcaLinked) throw new ZaloApiError(ZaloCode.NO_CLOUD_ACCOUNT, ZaloMessage.noCloudAccount);
    if (billing.zcaBalance < billing.pricePerMessage)
      throw new ZaloApiError(ZaloCode.CLOUD_ACCOUNT_EMPTY, ZaloMessage.cloudAccountEmpty);
    billing.zcaBalance -= billing.pricePerMessage;
  }
}

export function registerMessageRoutes(router: Router, ctx: SimContext): void {
  const gate = oaGate(ctx);

  router.post(
    "/v3.0/oa/message/cs",
    gate,
    entitled(ctx, "message"),
    jsonParser,
    oaHandler((req) => {
      const now = ctx.clock.now();
      const { limits } = ctx.settings;
      const body = jsonBody(req);
      const i = knownUser(ctx, record(body.recipient, "recipient").user_id);
      const message = validateCsMessage(body.message, limits.csTextMaxChars, ctx.uploads, now);
      // The window alone decides, following or not (ZALO-PLATFORM A.2): no -213 for a recent non-follower.
      if (now - ctx.followers.lastInteraction(i) > limits.csWindowDays * DAY_MS) {
        throw new ZaloApiError(ZaloCode.OUTSIDE_CS_WINDOW, ZaloMessage.outsideCsWindow(limits.csWindowDays));
      }
      const quotaType = csQuotaType(ctx, i, now);
      chargeCs(ctx, quotaType, now);
      const userId = ctx.followers.idOf(i);
      const messageId = hexId();
      ctx.outbox.add({
        kind: "cs",
        message_id: messageId,
        user_id: userId,
        ...(message.text !== undefined && { text: message.text }),
        ...(message.attachment !== undefined && { attachment: message.attachment }),
        quota_type: quotaType,
        at: new Date(now).toISOString(),
      });
      ctx.conversations.append(i, {
        message_id: messageId,
        src: 0,
        time: String(now),
        type: message.attachment ? "template" : "text",
        message: message.text ?? "",
        from_id: ctx.credentials.oaId,
        to_id: userId,
      });
      if (ctx.settings.echoOaMessages && message.text !== undefined) {
        const timestamp = String(now);
        const payload = buildEventPayload(ctx.credentials, {
          eventName: "oa_send_text",
          userId,
          userIdByApp: ctx.followers.appIdOf(i),
          msgId: messageId,
          timestamp,
          text: message.text,
        });
        ctx.webhook
          .deliver(payload, timestamp, "valid")
          .catch((err: unknown) => ctx.log({ event: "echo_failed", message_id: messageId, error: String(err) }));
      }
      return { message_id: messageId, user_id: userId, sent_time: String(now), quota: quotaJson(quotaType, now) };
    }),
  );

  router.get(
    "/v2.0/oa/conversation",
    gate,
    entitled(ctx, "message"),
    oaHandler((req) => {
      const data = dataParam(req);
      const i = knownUser(ctx, data.user_id);
      const offset = integer(data.offset, "offset", 0);
      const count = integer(data.count, "count", 1);
      if (count > ctx.settings.limits.conversationMaxCount) throw exceedsLimit();
      return ctx.conversations.page(i, offset, count);
    }),
  );

  router.post(
    "/v2.0/oa/message",
    gate,
    entitled(ctx, "broadcast", { paid: true, verifiedOnly: true }),
    jsonParser,
    oaHandler((req) => {
      const now = ctx.clock.now();
      const { limits } = ctx.settings;
      const request = parseBroadcast(jsonBody(req));
      for (const id of request.articleIds) if (!ctx.articles.get(id, now)) throw invalid("attachment_id");
      if (isWithinNightWindow(now, limits.timeZone, limits.nightStartHour, limits.nightEndHour)) {
        throw new ZaloApiError(
          ZaloCode.NIGHT_WINDOW,
          ZaloMessage.nightWindow(limits.nightStartHour, limits.nightEndHour),
        );
      }
      // Zalo moderates the broadcast and delivers it later; the call returns only its id (ZALO-PLATFORM A.5).
      const messageId = hexId();
      ctx.broadcasts.submit({
        messageId,
        target: request.target,
        cities: request.cities ? request.cities.map(Number) : null,
        articleIds: request.articleIds,
        submittedAt: now,
        reviewUntil: now + ctx.settings.broadcastReviewMs,
      });
      return { message_id: messageId };
    }),
  );

  router.post(
    "/v3.0/oa/quota/message",
    gate,
    entitled(ctx, "message"),
    jsonParser,
    oaHandler((req) => {
      const now = ctx.clock.now();
      const { limits } = ctx.settings;
      const i = knownUser(ctx, jsonBody(req).user_id);
      const caps = broadcastCaps(ctx, now);
      const used = ctx.followers.broadcastCounts(i, caps.month, caps.day);
      const last = ctx.followers.lastInteraction(i);
      return {
        last_interaction: String(last),
        cs_reply: {
          ...quotaJson(csQuotaType(ctx, i, now), now),
          expired_time: String(last + limits.csWindowDays * DAY_MS),
        },
        promotion: {
          daily_remain: Math.max(0, caps.daily - used.day),
          daily_total: caps.daily,
          monthly_remain: Math.max(0, caps.monthly - used.month),
          monthly_total: caps.monthly,
        },
      };
    }),
  );
}
