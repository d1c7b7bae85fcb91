import { createRequire } from "node:module";
import { dirname } from "node:path";
import express, { Router } from "express";
import { openApiDocument } from "../openapi";

/** swagger-ui-dist's files, served from here: the reference page loads nothing from a CDN. */
const SWAGGER_UI_DIR = dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));

const PAGE = `<!doctype html>
<html lang="vi">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>API công khai — Chính quyền điện tử trên Zalo</title>
    <link rel="stylesheet" href="/api/docs/swagger-ui.css" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="/api/docs/swagger-ui-bundle.js"></script>
    <script src="/api/docs/start.js"></script>
  </body>
</html>
`;

// A file, not an inline script: the page keeps the server's CSP (script-src 'self').
const START = `window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({ url: "/api/v1/openapi.json", dom_id: "#swagger-ui", validatorUrl: null, deepLinking: true });
});
`;

/** The public API's contract (`/api/v1/openapi.json`) and its reference page (`/api/docs`). */
export function apiDocsRoutes(publicBaseUrl: string): Router {
  const document = JSON.stringify(openApiDocument(publicBaseUrl));
  const router = Router();
  router.get("/api/v1/openapi.json", (_req, res) => {
    res
      .set({ "Access-Control-Allow-Origin": "*", "Cache-Control": "public, max-age=300" })
      .type("application/json")
      .send(document);
  });
  router.get("/api/docs", (_req, res) => {
    res.type("html").send(PAGE);
  });
  router.get("/api/docs/start.js", (_req, res) => {
    res.type("application/javascript").send(START);
  });
  router.use("/api/docs", express.static(SWAGGER_UI_DIR, { index: false, maxAge: "1d" }));
  return router;
}
