import { existsSync } from "node:fs";
import { extname, join, normalize } from "node:path";
import express, { Router } from "express";

/**
 * A built single-page front end under a mount path: hashed assets cached for a year, index.html never
 * cached (it names the current assets), and every other path under the mount answered with it: client-side
 * routes such as /app/indicators/dvc.online_filing_rate (ids contain dots, so "has an extension" cannot tell
 * a route from a file). An asset with a gzipped copy from the build (`x.js.gz`) is sent gzipped to clients
 * that accept it: the JavaScript and CSS shrink to a third or less, which on a phone's mobile network is most
 * of the first load, and nothing is compressed per request.
 */
export function frontEndRoutes(mount: string, dir: string): Router {
  const router = Router();
  router.get(`${mount}/assets/*file`, (req, res, next) => {
    const file = normalize(join("assets", req.path.slice(`${mount}/assets/`.length)));
    if (
      !file.startsWith("assets/") ||
      !/\bgzip\b/.test(req.get("accept-encoding") ?? "") ||
      !existsSync(join(dir, `${file}.gz`))
    )
      return next();
    res.set({
      "Content-Encoding": "gzip",
      Vary: "Accept-Encoding",
      "Cache-Control": "public, max-age=31536000, immutable",
    });
    res.type(extname(file));
    res.sendFile(`${file}.gz`, { root: dir });
  });
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
