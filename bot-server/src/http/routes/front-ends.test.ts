import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { frontEndRoutes } from "./front-ends";

describe("front-end serving under /app", () => {
  const dir = mkdtempSync(join(tmpdir(), "cds-www-"));
  let server: Server;
  let base: string;
  beforeAll(async () => {
    mkdirSync(join(dir, "assets"));
    writeFileSync(join(dir, "index.html"), "<!doctype html><title>app</title>");
    writeFileSync(join(dir, "assets", "index.abc123.module.js"), "console.log(1)");
    const app = express().use(frontEndRoutes("/app", dir));
    server = await new Promise((ok) => {
      const s = app.listen(0, "127.0.0.1", () => ok(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    "/app",
    "/app/",
    "/app/news/ban-tin-2024-08-30",
    "/app/indicators/dvc.online_filing_rate",
    "/app/groups/vbdlis",
  ])("answers the client route %s with index.html, never cached", async (path) => {
    const res = await fetch(`${base}${path}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("<title>app</title>");
    expect(res.headers.get("cache-control")).toBe("no-cache");
  });

  it("serves hashed assets for a year and a missing asset as 404, not as the page", async () => {
    const asset = await fetch(`${base}/app/assets/index.abc123.module.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get("cache-control")).toContain("immutable");
    expect((await fetch(`${base}/app/assets/gone.js`)).status).toBe(404);
  });
});
