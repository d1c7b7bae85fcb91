import { existsSync } from "node:fs";
import { join } from "node:path";
import compression from "compression";
import express, { Router } from "express";

/**
 * A built single-page front end under a mount path: hashed assets cached for a year, index.html never
 * cached (it names the current assets), and every other path under the mount answered with it: client-side
 * routes such as /app/indicators/dvc.online_filing_rate (ids contain dots, so "has an extension" cannot tell
 * a route from a file). Compressed for clients that accept it: the JavaScript and CSS shrink to a third or
 * less, which on a phone's mobile network is most of the first load.
 */
export function frontEndRoutes(mount: string, dir: string): Router {
  const router = Router();
  router.use(mount, compression());
  router.use(
    mount,
    express.static(dir, {
      index: false,
      setHeaders: (res, path) => {
        res.setHeader("Cache-Control", /\/assets\//.test(path) ? "public, max-age=31536000, immutable" : "no-cache");
      },
    }),
  );
  router.get(new RegExp(`^${mount}(?:/(?!assets/).*)?$`), (_req, res, next) => {
    const index = join(dir, "index.html");
    if (!existsSync(index)) return next();
    res.setHeader("Cache-Control", "no-cache");
    res.sendFile(index);
  });
  return router;
}
