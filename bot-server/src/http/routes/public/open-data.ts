import { Router } from "express";
import { dataDictionary, loadOpenData, openDataCsv, openDataJson } from "../../../domain/indicators/open-data";
import { json } from "../../middleware/cache";
import type { PublicRouteDeps } from "./index";

/** Open data downloads; each carries Last-Modified = the latest publication time. */
export function openDataRoutes({ snapshots, catalogue, cache, path }: PublicRouteDeps): Router {
  const router = Router();

  router.get("/open-data/indicators.csv", (req, res) =>
    cache.respond(req, res, path("/open-data/indicators.csv"), async () => {
      const data = await loadOpenData({ snapshots, catalogue });
      return {
        body: openDataCsv(data.rows),
        contentType: "text/csv; charset=utf-8; header=present",
        lastModified: data.lastUpdated,
        headers: { "Content-Disposition": 'attachment; filename="indicators.csv"' },
      };
    }),
  );

  router.get("/open-data/indicators.json", (req, res) =>
    cache.respond(req, res, path("/open-data/indicators.json"), async () => {
      const data = await loadOpenData({ snapshots, catalogue });
      return json(openDataJson(catalogue, data), data.lastUpdated);
    }),
  );

  router.get("/open-data/dictionary.json", (req, res) =>
    cache.respond(req, res, path("/open-data/dictionary.json"), async () => {
      const { lastUpdated } = await loadOpenData({ snapshots, catalogue });
      return json(dataDictionary(catalogue, lastUpdated), lastUpdated);
    }),
  );

  return router;
}
