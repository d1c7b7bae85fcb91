import {
  formatViNumber,
  isWithinNightWindow,
  localDayKey,
  localMonthKey,
  startOfLocalDay,
  type OaPackage,
  type PlatformLimits,
} from "@cds/shared";

/**
 * What a post's send will do, computed from the post, the time, Zalo's rules and the registry (DESIGN
 * decision 4): (a) the broadcast article to the province's followers, when this month's per-follower cap
 * and the one-a-day rule allow; (b) the CS digest to subscribers who interacted within 7 days, split into
 * the free 48 hours and the billed rest; (c) who is not reached, and why. Nothing starts at night: a time
 * there moves to the morning, with a warning. A pure function: shown before approval, computed again when
 * the send starts, and compared.
 */
export interface AudienceCounts {
  /** Followers the registry knows. */
  following: number;
  /** Followers subscribed to the digest. */
  subscribed: number;
  /** Subscribers whose last interaction is within the free window (48 h). */
  subscribedFree: number;
  /** Subscribers between the free window and the CS window (7 days): the package allowance or billed. */
  subscribedBillable: number;
  /** Subscribers silent for longer than the CS window: a CS message cannot reach them. */
  subscribedSilent: number;
}

export interface PlanInput {
  requestedAt: number;
  limits: PlatformLimits;
  oaPackage: OaPackage;
  /** The broadcast target's city codes ("10", "10,57"). */
  cities: string;
  /** Where they live, for the plan's words ("Hải Dương (10)"). */
  citiesLabel: string;
  audience: AudienceCounts;
  /** Broadcasts the OA already sent this local month and today. */
  broadcastsSent: { month: number; day: number };
  /** Price of a billed CS message, VND (Zalo's 2026 notice: 55). */
  billedMessagePriceVnd: number;
  /** A broadcast is an article, and an article needs a cover image. */
  hasCover: boolean;
}

export type NotReachedReason = "not_subscribed" | "silent_over_cs_window" | "broadcast_not_sent";

export interface DeliveryPlan {
  /** When the send starts: the requested time, or the next morning when that falls at night. */
  startsAt: string;
  warnings: string[];
  broadcast: { included: boolean; reason?: string; cities: string; where: string; estimatedReach: number };
  digest: { recipients: number; free: number; billable: number; estimatedCostVnd: number };
  notReached: Array<{ reason: NotReachedReason; count: number; explanation: string }>;
}

/** The first moment at or after `at` outside the night window (22:00–06:00 local by default). */
export function outsideNight(at: number, limits: PlatformLimits): number {
  if (!isWithinNightWindow(at, limits.timeZone, limits.nightStartHour, limits.nightEndHour)) return at;
  const dayStart = startOfLocalDay(at, limits.timeZone);
  const morning = dayStart + limits.nightEndHour * 3600_000;
  // Before midnight the morning is tomorrow's; after it, today's.
  return morning > at
    ? morning
    : startOfLocalDay(dayStart + 36 * 3600_000, limits.timeZone) + limits.nightEndHour * 3600_000;
}

export function planDelivery(input: PlanInput): DeliveryPlan {
  const { limits, audience } = input;
  const warnings: string[] = [];
  const start = outsideNight(input.requestedAt, limits);
  if (start !== input.requestedAt) {
    warnings.push(
      `Zalo không gửi tin vào ban đêm (${limits.nightStartHour}:00–${limits.nightEndHour}:00): lịch gửi chuyển sang ${limits.nightEndHour}:00 sáng.`,
    );
  }
  const monthlyCap = limits.broadcastMonthlyCap[input.oaPackage];
  // A broadcast counted for a past day or month does not count against the day the send starts.
  const sameDay = localDayKey(start, limits.timeZone) === localDayKey(input.requestedAt, limits.timeZone);
  const sameMonth = localMonthKey(start, limits.timeZone) === localMonthKey(input.requestedAt, limits.timeZone);
  const sentToday = sameDay ? input.broadcastsSent.day : 0;
  const sentThisMonth = sameMonth ? input.broadcastsSent.month : 0;
  let reason: string | undefined;
  if (!input.hasCover) reason = "Bài viết chưa có ảnh bìa: Zalo cần ảnh bìa cho bài viết gửi quảng bá.";
  else if (sentThisMonth >= monthlyCap)
    reason = `Tháng này OA đã gửi ${sentThisMonth}/${monthlyCap} tin quảng bá (gói ${input.oaPackage}): người quan tâm không nhận thêm được.`;
  else if (sentToday >= limits.broadcastDailyCap)
    reason = "Hôm nay OA đã gửi một tin quảng bá: mỗi người chỉ nhận một tin mỗi ngày.";
  const broadcastIncluded = reason === undefined;
  const notReached: DeliveryPlan["notReached"] = [];
  if (!broadcastIncluded)
    notReached.push({ reason: "broadcast_not_sent", count: audience.following, explanation: reason! });
  const notSubscribed = Math.max(0, audience.following - audience.subscribed);
  if (!broadcastIncluded && notSubscribed > 0)
    notReached.push({
      reason: "not_subscribed",
      count: notSubscribed,
      explanation: "Không đăng ký nhận bản tin qua tin nhắn",
    });
  if (audience.subscribedSilent > 0) {
    notReached.push({
      reason: "silent_over_cs_window",
      count: audience.subscribedSilent,
      explanation: `Đã đăng ký nhưng không tương tác với OA trong ${limits.csWindowDays} ngày: Zalo không cho gửi tin tư vấn`,
    });
  }
  return {
    startsAt: new Date(start).toISOString(),
    warnings,
    broadcast: {
      included: broadcastIncluded,
      ...(reason && { reason }),
      cities: input.cities,
      where: input.citiesLabel,
      // The registry does not know where followers live: every follower is an upper bound, said as such.
      estimatedReach: broadcastIncluded ? audience.following : 0,
    },
    digest: {
      recipients: audience.subscribedFree + audience.subscribedBillable,
      free: audience.subscribedFree,
      billable: audience.subscribedBillable,
      estimatedCostVnd: audience.subscribedBillable * input.billedMessagePriceVnd,
    },
    notReached,
  };
}

/**
 * What changed enough between the plan that was approved and the plan at send time for a person to look
 * again: the broadcast dropped (its cap was used meanwhile), or the digest's audience fell by half or more.
 */
export function materialChanges(approved: DeliveryPlan, now: DeliveryPlan): string[] {
  const changes: string[] = [];
  if (approved.broadcast.included && !now.broadcast.included)
    changes.push(`Tin quảng bá không còn gửi được: ${now.broadcast.reason ?? ""}`);
  if (approved.digest.recipients > 0 && now.digest.recipients * 2 <= approved.digest.recipients) {
    changes.push(
      `Số người nhận tin tóm tắt giảm từ ${formatViNumber(approved.digest.recipients)} xuống ${formatViNumber(now.digest.recipients)}`,
    );
  }
  if (
    now.digest.estimatedCostVnd > approved.digest.estimatedCostVnd * 2 &&
    now.digest.estimatedCostVnd - approved.digest.estimatedCostVnd > 100_000
  ) {
    changes.push(
      `Chi phí ước tính tăng từ ${formatViNumber(approved.digest.estimatedCostVnd)} đ lên ${formatViNumber(now.digest.estimatedCostVnd)} đ`,
    );
  }
  return changes;
}
