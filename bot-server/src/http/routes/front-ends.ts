import { existsSync } from "node:fs";
import { join } from "node:path";
import express, { Router } from "express";

/**
 * A built single-page front end under a mount path: hashed assets cached for a year, index.html never
 * cached (it names the current assets), and client-side routes (no file extension) answered with it.
 */
export function frontEndRoutes(mount: string, dir: string): Router {
  const router = Router();
  router.use(
    mount,
    express.static(dir, {
      index: false,
      setHeaders: (res, path) => {
        res.setHeader("Cache-Control", /\/assets\//.test(path) ? "public, max-age=31536000, immutable" : "no-cache");
      },
    }),
  );
  router.get(new RegExp(`^${mount}(/[^.]*)?$`), (_req, res, next) => {
    const index = join(dir, "index.html");
    if (!existsSync(index)) return next();
    res.setHeader("Cache-Control", "no-cache");
    res.sendFile(index);
  });
  return router;
}
