import { Router } from "express";
import { publicCatalogue } from "../../../domain/indicators/public-catalogue";
import { json } from "../../middleware/cache";
import type { PublicRouteDeps } from "./index";

export function catalogueRoutes({ catalogue, cache, path }: PublicRouteDeps): Router {
  const router = Router();
  router.get("/catalogue", (req, res) =>
    cache.respond(req, res, path("/catalogue"), async () => json(publicCatalogue(catalogue))),
  );
  return router;
}
