import { Router } from "express";
import { indicatorHistory } from "../../../domain/indicators/indicator-history";
import { latestPublished } from "../../../domain/indicators/latest-published";
import { presentWeek } from "../../../domain/indicators/present-week";
import { json } from "../../middleware/cache";
import { HttpError } from "../../middleware/errors";
import type { PublicRouteDeps } from "./index";

export function indicatorRoutes({ snapshots, catalogue, cache, path }: PublicRouteDeps): Router {
  const router = Router();

  router.get("/indicators", (req, res) =>
    cache.respond(req, res, path("/indicators"), async () => {
      const week = await latestPublished({ snapshots });
      if (!week) throw new HttpError(404, "not_published", "Chưa có số liệu nào được công bố");
      return json(presentWeek(catalogue, week), week.snapshot.publishedAt);
    }),
  );

  router.get("/indicators/:id/history", (req, res) => {
    const id = req.params.id;
    if (!catalogue.byId.has(id))
      throw new HttpError(404, "unknown_indicator", `Không có chỉ số "${id.slice(0, 80)}" trong danh mục`);
    return cache.respond(req, res, path(`/indicators/${id}/history`), async () => {
      const history = await indicatorHistory({ snapshots, catalogue }, id);
      if (!history) throw new HttpError(404, "unknown_indicator", `Không có chỉ số "${id}" trong danh mục`);
      return json(history);
    });
  });

  return router;
}
