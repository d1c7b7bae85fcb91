import type { AudienceCounts } from "../delivery/plan";

/** The follower registry as the domain sees it: implemented by store/follower-registry.ts. */

/**
 * One change to the registry. `atMs` is the event's time in epoch milliseconds: the follow flag takes a
 * follow or unfollow only if it is at least as new as the last one applied (jobs run concurrently and
 * retries replay old events), and the interaction time only ever moves forward. Subscribing is applied
 * only to a follower, in the same script, so no subscriber is ever a non-follower.
 */
export type RegistryUpdate =
  | { userId: string; op: "follow" | "unfollow" | "interact"; atMs: number }
  | { userId: string; op: "subscribe" | "unsubscribe" };

export interface FollowerRecord {
  userId: string;
  index: number;
  following: boolean;
  subscribed: boolean;
  /** Epoch seconds; 0 = never seen interacting. */
  lastInteractionAt: number;
  /** Epoch milliseconds of the follow or unfollow that set `following`; 0 = none yet. */
  followChangedAtMs: number;
}

export interface FollowerRegistry {
  apply(updates: RegistryUpdate[]): Promise<number[]>;
  get(userId: string): Promise<FollowerRecord | undefined>;
  /** The user id stored at a dense index. */
  userIdAt(index: number): Promise<string | undefined>;
  counts(): Promise<{ known: number; following: number; subscribed: number }>;
  /** Followers and subscribers by how recently they interacted: the delivery plan's audience. */
  audience(nowMs: number, windows: { freeMs: number; csMs: number }): Promise<AudienceCounts>;
  /** Subscribed followers who interacted at or after `sinceMs`, as a bitmap by dense index: a digest's audience. */
  activeSubscribers(sinceMs: number): Promise<Buffer>;
}
