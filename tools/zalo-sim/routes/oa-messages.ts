import { isWithinNightWindow } from "@cds/shared";
import type { Router } from "express";
import { CS_FREE_WINDOW_MS, DAY_MS } from "../config";
import type { SimContext } from "../context";
import { exceedsLimit, invalid, ZaloApiError, ZaloCode, ZaloMessage } from "../envelope";
import { monthAndDayKeys } from "../local-time";
import { hexId } from "../state/ids";
import { parseBroadcast } from "../validation/broadcast";
import { validateCsMessage } from "../validation/cs-message";
import { dataParam, integer, jsonBody, record, userIdField } from "../validate";
import { buildEventPayload } from "../webhook-sender";
import { jsonParser, oaGate, oaHandler } from "./oa-common";

/** The fixed "reply" quota Zalo reports since 2026 (ZALO-PLATFORM A.2: remain fixed at 8). */
const REPLY_QUOTA = "8";

function knownUser(ctx: SimContext, v: unknown): number {
  const i = ctx.followers.indexOf(userIdField(v));
  if (i < 0) throw invalid("user_id");
  return i;
}

function csQuota(ctx: SimContext, userIndex: number, now: number) {
  const inFreeWindow = now - ctx.followers.lastInteraction(userIndex) <= CS_FREE_WINDOW_MS;
  return { quota_type: inFreeWindow ? "reply" : "sub_quota", remain: REPLY_QUOTA, total: REPLY_QUOTA };
}

/** The local month and day keys at `now` and the per-follower broadcast caps that apply to them. */
function broadcastCaps(ctx: SimContext, now: number) {
  const { limits, oaPackage } = ctx.settings;
  const { month, day } = monthAndDayKeys(now, limits.timeZone);
  return { month, day, monthly: limits.broadcastMonthlyCap[oaPackage], daily: limits.broadcastDailyCap };
}

export function registerMessageRoutes(router: Router, ctx: SimContext): void {
  const gate = oaGate(ctx);

  router.post(
    "/v3.0/oa/message/cs",
    gate,
    jsonParser,
    oaHandler((req) => {
      const now = ctx.clock.now();
      const { limits } = ctx.settings;
      const body = jsonBody(req);
      const i = knownUser(ctx, record(body.recipient, "recipient").user_id);
      const message = validateCsMessage(body.message, limits.csTextMaxChars, ctx.uploads, now);
      if (!ctx.followers.isFollower(i)) throw new ZaloApiError(ZaloCode.NOT_FOLLOWER, ZaloMessage.notFollower);
      if (now - ctx.followers.lastInteraction(i) > limits.csWindowDays * DAY_MS) {
        throw new ZaloApiError(ZaloCode.OUTSIDE_CS_WINDOW, ZaloMessage.outsideCsWindow(limits.csWindowDays));
      }
      const userId = ctx.followers.idOf(i);
      const messageId = hexId();
      ctx.outbox.add({
        kind: "cs",
        message_id: messageId,
        user_id: userId,
        ...(message.text !== undefined && { text: message.text }),
        ...(message.attachment !== undefined && { attachment: message.attachment }),
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
      return { message_id: messageId, user_id: userId, sent_time: String(now), quota: csQuota(ctx, i, now) };
    }),
  );

  router.get(
    "/v2.0/oa/conversation",
    gate,
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
    jsonParser,
    oaHandler((req) => {
      const now = ctx.clock.now();
      const { limits } = ctx.settings;
      const request = parseBroadcast(jsonBody(req));
      for (const id of request.articleIds) if (!ctx.articles.get(id, now)) throw invalid("attachment_id");
      if (isWithinNightWindow(now, limits.timeZone, limits.nightStartHour, limits.nightEndHour)) {
        throw new ZaloApiError(ZaloCode.NIGHT_WINDOW, ZaloMessage.nightWindow(limits.nightStartHour, limits.nightEndHour));
      }
      const caps = broadcastCaps(ctx, now);
      const f = ctx.followers;
      // Cities are interned to < 256 indices; a code no follower has simply sets nothing.
      let cityMask: Uint8Array | null = null;
      if (request.cities) {
        cityMask = new Uint8Array(256);
        for (const code of request.cities) {
          const id = f.cityId(code);
          if (id >= 0) cityMask[id] = 1;
        }
      }
      let recipients = 0;
      let skipped = 0;
      for (let i = 0, n = f.count; i < n; i++) {
        if (!f.isFollower(i)) continue;
        if (cityMask && cityMask[f.cityIndexOf(i)] !== 1) continue;
        if (f.receiveBroadcast(i, caps.month, caps.day, caps.monthly, caps.daily)) recipients++;
        else skipped++;
      }
      const messageId = hexId();
      ctx.outbox.add({
        kind: "broadcast",
        message_id: messageId,
        target: request.target,
        article_id: request.articleIds[0]!,
        article_ids: request.articleIds,
        recipients,
        skipped_cap: skipped,
        at: new Date(now).toISOString(),
      });
      return { message_id: messageId };
    }),
  );

  router.post(
    "/v3.0/oa/quota/message",
    gate,
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
        cs_reply: { ...csQuota(ctx, i, now), expired_time: String(last + limits.csWindowDays * DAY_MS) },
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
