import type { Router } from "express";
import { DAY_MS } from "../config";
import type { SimContext } from "../context";
import { exceedsLimit, invalid } from "../envelope";
import { localDateDmy, localMidnight, startOfLocalDay } from "../local-time";
import { dataParam, integer, userIdField } from "../validate";
import { entitled, oaGate, oaHandler } from "./oa-common";

interface Period {
  from: number;
  /** Exclusive. */
  to: number;
}

/**
 * `last_interaction_period`: TODAY / YESTERDAY are local calendar days; L7D / L30D are the last 7 / 30
 * days counted back from now (the same measure as the CS window); ranges are inclusive local dates.
 */
function parsePeriod(v: unknown, now: number, timeZone: string): Period {
  const today = startOfLocalDay(now, timeZone);
  switch (v) {
    case "TODAY":
      return { from: today, to: Number.POSITIVE_INFINITY };
    case "YESTERDAY":
      return { from: startOfLocalDay(today - 1, timeZone), to: today };
    case "L7D":
      return { from: now - 7 * DAY_MS, to: Number.POSITIVE_INFINITY };
    case "L30D":
      return { from: now - 30 * DAY_MS, to: Number.POSITIVE_INFINITY };
  }
  const m = typeof v === "string" ? /^(\d{4})_(\d{2})_(\d{2}):(\d{4})_(\d{2})_(\d{2})$/.exec(v) : null;
  if (!m) throw invalid("last_interaction_period");
  const [y1, m1, d1, y2, m2, d2] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const real = (y: number, mo: number, d: number) => {
    const t = new Date(Date.UTC(y, mo - 1, d));
    return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
  };
  if (!real(y1, m1, d1) || !real(y2, m2, d2)) throw invalid("last_interaction_period");
  const period = { from: localMidnight(y1, m1, d1, timeZone), to: localMidnight(y2, m2, d2 + 1, timeZone) };
  if (period.from >= period.to) throw invalid("last_interaction_period");
  return period;
}

function parseFollowerFilter(v: unknown): boolean | undefined {
  if (v === undefined) return undefined;
  if (v === true || v === "true") return true;
  if (v === false || v === "false") return false;
  throw invalid("is_follower");
}

export function registerUserRoutes(router: Router, ctx: SimContext): void {
  const gate = oaGate(ctx);

  router.get(
    "/v3.0/oa/user/detail",
    gate,
    entitled(ctx, "user"),
    oaHandler((req) => {
      const f = ctx.followers;
      const i = f.indexOf(userIdField(dataParam(req).user_id));
      if (i < 0) throw invalid("user_id");
      const v = f.view(i);
      const avatar = (size: number) => `https://avatar.zalo-sim.invalid/${size}/${v.userId}.jpg`;
      return {
        user_id: v.userId,
        user_id_by_app: v.userIdByApp,
        user_external_id: "",
        display_name: f.displayNameOf(i),
        user_alias: "",
        is_sensitive: false,
        user_last_interaction_date:
          v.lastInteractionAt > 0 ? localDateDmy(v.lastInteractionAt, ctx.settings.limits.timeZone) : "",
        user_is_follower: v.isFollower,
        avatar: avatar(240),
        avatars: { "120": avatar(120), "240": avatar(240) },
        dynamic_param: "",
        tags_and_notes_info: { notes: [], tag_names: [] },
        shared_info: { address: "", city: v.city, district: "", phone: "", name: "" },
      };
    }),
  );

  router.get(
    "/v3.0/oa/user/getlist",
    gate,
    entitled(ctx, "user", { paid: true }),
    oaHandler((req) => {
      const now = ctx.clock.now();
      const { limits } = ctx.settings;
      const data = dataParam(req);
      const offset = integer(data.offset, "offset", 0);
      const count = integer(data.count, "count", 1);
      // Both limits answer -210: the documented "Parameter exceeds allowable limit".
      if (count > limits.getlistMaxCount || offset > limits.getlistMaxOffset) throw exceedsLimit();
      const follower = parseFollowerFilter(data.is_follower);
      const period =
        data.last_interaction_period === undefined
          ? null
          : parsePeriod(data.last_interaction_period, now, limits.timeZone);
      if (data.tag_name !== undefined && typeof data.tag_name !== "string") throw invalid("tag_name");
      // The simulator has no tags, so a tag filter matches nobody.
      const tagged = data.tag_name !== undefined;
      const f = ctx.followers;
      const users: { user_id: string }[] = [];
      let total = 0;
      for (let i = 0, n = f.count; i < n && !tagged; i++) {
        if (follower !== undefined && f.isFollower(i) !== follower) continue;
        if (period) {
          const last = f.lastInteraction(i);
          if (last < period.from || last >= period.to) continue;
        }
        if (total >= offset && users.length < count) users.push({ user_id: f.idOf(i) });
        total++;
      }
      return { total, count: users.length, offset, users };
    }),
  );

  router.get(
    "/v2.0/oa/getoa",
    gate,
    oaHandler(() => ({
      oa_id: ctx.credentials.oaId,
      name: "OA mô phỏng (Zalo simulator)",
      description: "Sandbox Official Account served by tools/zalo-sim",
      is_verified: ctx.settings.entitlements.verified,
      oa_type: 2,
      num_follower: ctx.followers.followers,
      package_name: ctx.settings.oaPackage,
    })),
  );
}
