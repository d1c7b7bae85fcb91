import type { FollowerRecord, FollowerRegistry } from "./ports";

/** What Zalo says about one user (the OA's user detail); the adapter is wired where the Zalo client is. */
export interface FollowerDirectory {
  /** Whether the user follows the OA right now. */
  isFollower(userId: string): Promise<boolean>;
}

export interface FollowingDeps {
  registry: FollowerRegistry;
  directory: FollowerDirectory;
  /** Epoch milliseconds. */
  now: () => number;
}

/**
 * Whether the user follows the OA. The registry answers when it knows them as a follower; otherwise Zalo
 * is asked, because followers from before the webhook only ever reach the registry as interactions, and a
 * follow event can be lost. A follow Zalo confirms is recorded, timed when the question was asked, so an
 * unfollow after it still wins and one before it (a late job) does not undo it.
 */
export async function confirmFollowing(
  deps: FollowingDeps,
  userId: string,
  known: FollowerRecord | undefined,
): Promise<boolean> {
  if (known?.following) return true;
  const askedAt = deps.now();
  if (!(await deps.directory.isFollower(userId))) return false;
  await deps.registry.apply([{ userId, op: "follow", atMs: askedAt }]);
  return true;
}
