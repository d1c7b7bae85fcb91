import type { SubscriptionResponse } from "@cds/shared";
import type { FollowerRecord, FollowerRegistry } from "../followers/ports";
import { confirmFollowing, type FollowingDeps } from "../followers/confirm-following";

const toSubscription = (record: FollowerRecord | undefined): SubscriptionResponse => ({
  subscribed: record?.subscribed ?? false,
  following: record?.following ?? false,
});

/** A citizen's digest subscription, as the follower registry knows it. */
export async function getSubscription(
  registry: FollowerRegistry,
  oaUserId: string | undefined,
): Promise<SubscriptionResponse> {
  return toSubscription(oaUserId ? await registry.get(oaUserId) : undefined);
}

export interface SubscriptionRequest {
  /** The subscription before the request: what the reply to a chat message is about. */
  before: SubscriptionResponse;
  /** False when subscribing is refused because the user does not follow the OA. */
  allowed: boolean;
  /** Makes the change (idempotent, so a retried job may make it again) and returns the state after it. */
  apply(): Promise<SubscriptionResponse>;
}

/**
 * The one rule for subscribing, from the mini app or from the chat: the digest goes out as OA messages, so
 * only a follower of the OA (checked with Zalo when the registry does not know them as one) may subscribe,
 * and someone Zalo does not link to the OA (no OA-scoped id) cannot. Unsubscribing is always allowed.
 * Deciding and applying are separate so the chat can answer from the state before, then apply.
 */
export async function requestSubscription(
  deps: FollowingDeps,
  oaUserId: string | undefined,
  subscribe: boolean,
): Promise<SubscriptionRequest> {
  const record = oaUserId ? await deps.registry.get(oaUserId) : undefined;
  const before = toSubscription(record);
  const unchanged = { before, allowed: !subscribe, apply: async () => before };
  if (!oaUserId) return unchanged;
  if (subscribe) {
    if (!(await confirmFollowing(deps, oaUserId, record))) return unchanged;
  } else if (!record) {
    // Someone the registry never saw has nothing to withdraw: do not give them an index.
    return unchanged;
  }
  return {
    before,
    allowed: true,
    async apply() {
      await deps.registry.apply([{ userId: oaUserId, op: subscribe ? "subscribe" : "unsubscribe" }]);
      return getSubscription(deps.registry, oaUserId);
    },
  };
}
