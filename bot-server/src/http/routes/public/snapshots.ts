import { Router } from "express";
import { isoDateSchema } from "@cds/shared";
import { findPublishedWeek, listPublishedWeeks } from "../../../domain/indicators/published-weeks";
import { presentWeek } from "../../../domain/indicators/present-week";
import { json } from "../../middleware/cache";
import { HttpError } from "../../middleware/errors";
import type { PublicRouteDeps } from "./index";

export function snapshotRoutes({ snapshots, catalogue, cache, path }: PublicRouteDeps): Router {
  const router = Router();

  router.get("/snapshots", (req, res) =>
    cache.respond(req, res, path("/snapshots"), async () => json(await listPublishedWeeks({ snapshots }))),
  );

  // A week is named by its last day (the key) or its first day.
  router.get("/snapshots/:period", (req, res) => {
    const period = req.params.period;
    if (!isoDateSchema.safeParse(period).success) {
      throw new HttpError(400, "invalid_period", "Kỳ báo cáo phải là một ngày dạng YYYY-MM-DD, ví dụ 2024-08-30");
    }
    return cache.respond(req, res, path(`/snapshots/${period}`), async () => {
      const week = await findPublishedWeek({ snapshots }, period);
      if (!week)
        throw new HttpError(404, "snapshot_not_found", `Không có số liệu đã công bố cho tuần có ngày ${period}`);
      return json(presentWeek(catalogue, week), week.snapshot.publishedAt);
    });
  });

  return router;
}
