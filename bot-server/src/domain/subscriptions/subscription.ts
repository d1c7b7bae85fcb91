import type { SubscriptionResponse } from "@cds/shared";
import type { FollowerRegistry } from "../../store/follower-registry";

export class NotFollowingError extends Error {
  override name = "NotFollowingError";
}

/** A citizen's digest subscription, as the follower registry knows it. */
export async function getSubscription(registry: FollowerRegistry, oaUserId: string | undefined): Promise<SubscriptionResponse> {
  const record = oaUserId ? await registry.get(oaUserId) : undefined;
  return { subscribed: record?.subscribed ?? false, following: record?.following ?? false };
}

/**
 * Subscribing needs an OA follower: the digest goes out as OA messages, so someone Zalo does not link
 * to the OA (no OA-scoped id) or who does not follow it cannot receive it.
 */
export async function setSubscription(registry: FollowerRegistry, oaUserId: string | undefined, subscribed: boolean, now: Date): Promise<SubscriptionResponse> {
  const at = Math.floor(now.getTime() / 1000);
  if (subscribed) {
    const record = oaUserId ? await registry.get(oaUserId) : undefined;
    if (!oaUserId || !record?.following) throw new NotFollowingError("Bạn cần quan tâm Zalo OA trước khi đăng ký nhận bản tin");
    await registry.apply([{ userId: oaUserId, op: "subscribe", at }]);
  } else if (oaUserId) {
    await registry.apply([{ userId: oaUserId, op: "unsubscribe", at }]);
  }
  return getSubscription(registry, oaUserId);
}
