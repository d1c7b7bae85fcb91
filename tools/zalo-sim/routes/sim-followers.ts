import { isZaloCityCode } from "@cds/shared";
import type { Router } from "express";
import { z } from "zod";
import type { SimContext } from "../context";
import type { FollowerView } from "../state/followers";
import { badRequest, notFound, parseOr400, queryBoolean } from "./control-common";

const MAX_SEED_PER_CALL = 2_000_000;
const SAMPLE_IDS = 10;

const SeedSchema = z.strictObject({
  count: z.number().int().min(1).max(MAX_SEED_PER_CALL),
  subscribed: z.boolean().optional(),
  active_within_days: z.number().positive().max(3650).optional(),
  city: z.string().refine(isZaloCityCode, "city must be a Zalo city code, 0–63").optional(),
});

const ListQuery = z.object({
  subscribed: queryBoolean.optional(),
  follower: queryBoolean.optional(),
  limit: z.coerce.number().int().min(1).max(100_000).default(1000),
  after: z
    .string()
    .regex(/^\d{1,20}$/)
    .optional(),
});

function yyyymm(key: number): string | null {
  return key === 0 ? null : `${Math.floor(key / 100)}-${String(key % 100).padStart(2, "0")}`;
}

function yyyymmdd(key: number): string | null {
  return key === 0 ? null : `${yyyymm(Math.floor(key / 100))}-${String(key % 100).padStart(2, "0")}`;
}

function iso(ms: number): string | null {
  return ms > 0 ? new Date(ms).toISOString() : null;
}

function followerJson(ctx: SimContext, v: FollowerView) {
  return {
    user_id: v.userId,
    user_id_by_app: v.userIdByApp,
    index: v.index,
    display_name: ctx.followers.displayNameOf(v.index),
    is_follower: v.isFollower,
    subscribed: v.subscribed,
    city: v.city,
    followed_at: iso(v.followedAt),
    last_interaction: iso(v.lastInteractionAt),
    last_interaction_ms: String(v.lastInteractionAt),
    // Raw counters: a count belongs to the month/day beside it and is void once the local calendar moves on.
    broadcast: {
      month: yyyymm(v.broadcastMonth),
      month_count: v.broadcastMonthCount,
      day: yyyymmdd(v.broadcastDay),
      day_count: v.broadcastDayCount,
    },
  };
}

export function registerFollowerControl(router: Router, ctx: SimContext): void {
  router.post("/followers", (req, res) => {
    const body = parseOr400(SeedSchema, req.body, res);
    if (!body) return;
    const f = ctx.followers;
    const { first, byCity } = f.seed({
      count: body.count,
      subscribed: body.subscribed ?? false,
      ...(body.active_within_days !== undefined && { activeWithinDays: body.active_within_days }),
      ...(body.city !== undefined && { city: Number(body.city) }),
      homeCity: Number(ctx.settings.homeCity),
      now: ctx.clock.now(),
      csWindowDays: ctx.settings.limits.csWindowDays,
    });
    const sample: string[] = [];
    for (let i = first; i < first + Math.min(SAMPLE_IDS, body.count); i++) sample.push(f.idOf(i));
    res.json({ total: f.count, followers: f.followers, sample_ids: sample, by_city: byCity });
  });

  router.get("/followers", (req, res) => {
    const q = parseOr400(ListQuery, req.query, res);
    if (!q) return;
    let after = -1;
    if (q.after !== undefined) {
      after = ctx.followers.indexOf(q.after);
      if (after < 0) return badRequest(res, `after: unknown user id ${q.after}`);
    }
    const filter = {
      ...(q.subscribed !== undefined && { subscribed: q.subscribed }),
      ...(q.follower !== undefined && { follower: q.follower }),
    };
    const page = ctx.followers.list(filter, after, q.limit);
    res.json({ ids: page.ids, next_after: page.next === null ? null : ctx.followers.idOf(page.next) });
  });

  router.get("/followers/:id", (req, res) => {
    const i = ctx.followers.indexOf(req.params.id);
    if (i < 0) return notFound(res, `no user ${req.params.id}`);
    res.json(followerJson(ctx, ctx.followers.view(i)));
  });
}
