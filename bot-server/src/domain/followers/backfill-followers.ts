import { localDayKey, startOfLocalDay } from "@cds/shared";
import type { Logger } from "../../logger";
import type { FollowerRegistry } from "./ports";

/** The part of the OA client the backfill uses (getlist pages 50 at a time, offset ≤ 9,951). */
export interface FollowerLister {
  getList(q: {
    offset: number;
    count: number;
    lastInteractionPeriod?: string;
    isFollower?: boolean;
  }): Promise<{ total: number; userIds: string[] }>;
}

export interface BackfillSlice {
  day: string;
  total: number;
  walked: number;
  /** False when the day has more followers than getlist can page through (~10,000 per filter). */
  complete: boolean;
}

const DAY_MS = 24 * 3600_000;

/**
 * Fills gaps in the registry (events lost before the webhook existed, downtime) by walking Zalo's follower
 * list one interaction day at a time: one filter can only be paged to ~10,000 users, so days are the
 * slices. A follower found in a day's slice interacted that day; the registry records the day's start,
 * the conservative choice for the 7-day consultation window. Following is recorded as of the page's
 * request, so an unfollow that comes after it still wins.
 */
export async function backfillFollowers(
  deps: {
    lister: FollowerLister;
    registry: FollowerRegistry;
    logger: Logger;
    now: () => number;
    timeZone: string;
    pageSize: number;
    maxOffset: number;
  },
  opts: { days: number },
): Promise<{ slices: BackfillSlice[]; recorded: number }> {
  const slices: BackfillSlice[] = [];
  let recorded = 0;
  for (let d = 0; d < opts.days; d++) {
    const at = deps.now() - d * DAY_MS;
    const day = localDayKey(at, deps.timeZone);
    const dayStart = startOfLocalDay(at, deps.timeZone);
    const period = `${day.replaceAll("-", "_")}:${day.replaceAll("-", "_")}`;
    let offset = 0;
    let total = 0;
    let walked = 0;
    for (;;) {
      const askedAt = deps.now();
      const page = await deps.lister.getList({
        offset,
        count: deps.pageSize,
        lastInteractionPeriod: period,
        isFollower: true,
      });
      total = page.total;
      if (page.userIds.length > 0) {
        await deps.registry.apply(
          page.userIds.flatMap((userId) => [
            { userId, op: "interact" as const, atMs: dayStart },
            { userId, op: "follow" as const, atMs: askedAt },
          ]),
        );
        walked += page.userIds.length;
      }
      offset += deps.pageSize;
      if (page.userIds.length < deps.pageSize || offset >= total || offset > deps.maxOffset) break;
    }
    const complete = walked >= total;
    if (!complete)
      deps.logger.warn(
        { day, total, walked },
        "getlist cannot page through every follower of this day; the registry relies on webhooks for the rest",
      );
    slices.push({ day, total, walked, complete });
    recorded += walked;
  }
  return { slices, recorded };
}
