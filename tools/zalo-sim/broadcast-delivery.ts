import type { SimContext } from "./context";
import { monthAndDayKeys } from "./local-time";
import type { SubmittedBroadcast } from "./state/broadcasts";

/** The local month and day keys at `at` and the per-follower broadcast caps that apply to them. */
export function broadcastCaps(ctx: SimContext, at: number) {
  const { limits, oaPackage } = ctx.settings;
  const { month, day } = monthAndDayKeys(at, limits.timeZone);
  return { month, day, monthly: limits.broadcastMonthlyCap[oaPackage], daily: limits.broadcastDailyCap };
}

const REJECTION = "Tin nhắn không được duyệt: nội dung vi phạm tiêu chuẩn nền tảng (simulated moderation rejection)";

/** Delivers one broadcast at the moment its review ended: the followers in its cities, under their caps. */
function deliver(ctx: SimContext, b: SubmittedBroadcast): void {
  const at = b.reviewUntil;
  const caps = broadcastCaps(ctx, at);
  const f = ctx.followers;
  const inCities = b.cities ? new Set(b.cities) : null;
  let recipients = 0;
  let skipped = 0;
  const byCity: Record<string, number> = {};
  for (let i = 0, n = f.count; i < n; i++) {
    if (!f.isFollower(i)) continue;
    const city = f.cityOf(i);
    if (inCities && !inCities.has(city)) continue;
    if (f.receiveBroadcast(i, caps.month, caps.day, caps.monthly, caps.daily)) {
      recipients++;
      byCity[city] = (byCity[city] ?? 0) + 1;
    } else skipped++;
  }
  ctx.outbox.add({
    kind: "broadcast",
    message_id: b.messageId,
    target: b.target,
    article_id: b.articleIds[0]!,
    article_ids: b.articleIds,
    recipients,
    recipients_by_city: byCity,
    skipped_cap: skipped,
    submitted_at: new Date(b.submittedAt).toISOString(),
    at: new Date(at).toISOString(),
  });
  ctx.broadcasts.decided(b.messageId, { status: "delivered", recipients });
}

/** Ends the reviews that are due by the simulator's clock: each broadcast is delivered or, as a fault, rejected. */
export function settleBroadcastReviews(ctx: SimContext): void {
  for (const b of ctx.broadcasts.takeReviewed(ctx.clock.now())) {
    const rate = ctx.faults.settings.broadcastRejectRate;
    if (rate > 0 && Math.random() < rate) {
      ctx.broadcasts.decided(b.messageId, { status: "rejected", reason: REJECTION });
      ctx.log({ event: "broadcast_rejected", message_id: b.messageId });
    } else deliver(ctx, b);
  }
}
