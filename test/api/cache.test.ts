import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import {
  cacheFirst,
  json,
  createResponseCache,
  type ResponseCacheOptions,
} from "../../bot-server/src/http/middleware/cache";
import { createLogger } from "../../bot-server/src/logger";
import { errorHandler, HttpError } from "../../bot-server/src/http/middleware/errors";

/** A cache in front of a one-route app, with a hand-moved clock and a version the test sets. */
async function harness(overrides: Partial<ResponseCacheOptions> = {}) {
  const state = {
    version: 1,
    clock: 0,
    versionReads: 0,
    builds: 0,
    expressCalls: 0,
    failVersion: false,
    missing: false,
  };
  const cache = createResponseCache({
    readVersion: async () => {
      state.versionReads++;
      if (state.failVersion) throw new Error("redis down");
      return state.version;
    },
    checkIntervalMs: 250,
    cacheControl: "public, max-age=60",
    headers: { "Access-Control-Allow-Origin": "*" },
    now: () => state.clock,
    ...overrides,
  });
  const app = express();
  app.get("/thing", (req, res) => {
    state.expressCalls++;
    return cache.respond(req, res, "/thing", async () => {
      state.builds++;
      await new Promise((r) => setTimeout(r, 20));
      if (state.missing) throw new HttpError(404, "not_found", "Không có");
      return json({ version: state.version, build: state.builds });
    });
  });
  app.use(errorHandler(createLogger("silent")));
  const server: Server = await new Promise((ok) => {
    const s = createServer(cacheFirst(cache, app)).listen(0, "127.0.0.1", () => ok(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/thing`;
  servers.push(server);
  return { state, get: (headers: Record<string, string> = {}) => fetch(url, { headers }) };
}

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

describe("response cache", () => {
  it("builds once for concurrent misses and serves the same bytes after", async () => {
    const { state, get } = await harness();
    const bodies = await Promise.all(Array.from({ length: 10 }, async () => (await get()).text()));
    expect(new Set(bodies).size).toBe(1);
    expect(state.builds).toBe(1);
    expect(await (await get()).text()).toBe(bodies[0]);
    expect(state.builds).toBe(1);
  });

  it("answers hits before Express while the version check is fresh, and reads the version at most once per interval", async () => {
    const { state, get } = await harness();
    await get();
    const calls = state.expressCalls;
    for (let i = 0; i < 20; i++) expect((await get()).status).toBe(200);
    expect(state.expressCalls).toBe(calls);
    expect(state.versionReads).toBe(1);

    state.clock += 300;
    await Promise.all(Array.from({ length: 10 }, () => get()));
    expect(state.versionReads).toBe(2);
    expect(state.builds).toBe(1);
  });

  it("drops entries when the shared version changes", async () => {
    const { state, get } = await harness();
    const first = await (await get()).json();
    state.version = 2;
    expect(await (await get()).json()).toEqual(first);
    state.clock += 300;
    expect(await (await get()).json()).toEqual({ version: 2, build: 2 });
  });

  it("does not cache failures", async () => {
    const { state, get } = await harness();
    state.missing = true;
    expect((await get()).status).toBe(404);
    expect((await get()).status).toBe(404);
    expect(state.builds).toBe(2);
  });

  it("keeps serving what it has when the version cannot be read", async () => {
    const { state, get } = await harness();
    const first = await (await get()).text();
    state.failVersion = true;
    state.version = 2;
    state.clock += 300;
    const res = await get();
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(first);
  });

  it("answers 304 to a matching If-None-Match, also from the fast path", async () => {
    const { get } = await harness();
    const etag = (await get()).headers.get("etag")!;
    const res = await get({ "If-None-Match": etag });
    expect(res.status).toBe(304);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect((await get({ "If-None-Match": "*" })).status).toBe(304);
  });
});
