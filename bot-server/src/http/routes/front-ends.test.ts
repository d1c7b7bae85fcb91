import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { frontEndRoutes } from "./front-ends";

const BIG = `console.log(${JSON.stringify("x".repeat(5000))});`;

describe("front-end serving under /app", () => {
  const dir = mkdtempSync(join(tmpdir(), "cds-www-"));
  let server: Server;
  let base: string;
  beforeAll(async () => {
    mkdirSync(join(dir, "assets"));
    writeFileSync(join(dir, "index.html"), "<!doctype html><title>app</title>");
    writeFileSync(join(dir, "assets", "index.abc123.module.js"), "console.log(1)");
    writeFileSync(join(dir, "assets", "big.def456.js"), BIG);
    writeFileSync(join(dir, "assets", "big.def456.js.gz"), gzipSync(BIG));
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

  it("sends an asset's gzipped copy from the build to a client that accepts gzip, the plain one otherwise", async () => {
    const zipped = await fetch(`${base}/app/assets/big.def456.js`, { headers: { "Accept-Encoding": "gzip" } });
    expect(zipped.status).toBe(200);
    expect(zipped.headers.get("content-encoding")).toBe("gzip");
    expect(zipped.headers.get("content-type")).toContain("javascript");
    expect(zipped.headers.get("cache-control")).toContain("immutable");
    expect(await zipped.text()).toBe(BIG);
    const plain = await fetch(`${base}/app/assets/big.def456.js`, { headers: { "Accept-Encoding": "identity" } });
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(await plain.text()).toBe(BIG);
    // No copy, no compression: the plain file.
    const small = await fetch(`${base}/app/assets/index.abc123.module.js`, { headers: { "Accept-Encoding": "gzip" } });
    expect(small.headers.get("content-encoding")).toBeNull();
    // A path that climbs out of assets/ is never answered from a gzipped copy.
    const climbing = await fetch(`${base}/app/assets/..%2Fassets%2Fbig.def456.js`, {
      headers: { "Accept-Encoding": "gzip" },
    });
    expect(climbing.headers.get("content-encoding")).toBeNull();
  });
});
