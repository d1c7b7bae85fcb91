import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  apiErrorSchema,
  catalogueSchema,
  dataDictionarySchema,
  defaultCatalogue,
  indicatorHistoryResponseSchema,
  indicatorsResponseSchema,
  openDataResponseSchema,
  snapshotListResponseSchema,
} from "@cds/shared";
import { correctSnapshot } from "../../bot-server/src/domain/indicators/correct-snapshot";
import { seedDemoHistory } from "../../bot-server/src/domain/indicators/seed-demo-history";
import { openStore, publishFounding, startApi, type RunningApi, type TestStore } from "./helpers";

let store: TestStore;
let api: RunningApi;
let other: RunningApi;

beforeAll(async () => {
  store = openStore("publicapi");
  api = await startApi(store.prefix);
  other = await startApi(store.prefix);
});
afterAll(async () => {
  await api.close();
  await other.close();
  await store.close();
});

const get = (path: string, headers: Record<string, string> = {}, base = api.url) =>
  fetch(`${base}/api/v1${path}`, { headers });

async function expectError(path: string, status: number, code: string) {
  const res = await get(path);
  expect(res.status).toBe(status);
  expect(res.headers.get("access-control-allow-origin")).toBe("*");
  const body = apiErrorSchema.parse(await res.json());
  expect(body.error).toBe(code);
  // Vietnamese, for people: it has Vietnamese letters.
  expect(body.message).toMatch(/[àáảãạăâđêôơư]/i);
}

describe("before anything is published", () => {
  it("answers 404 with a Vietnamese message for the indicators, and an empty open-data file", async () => {
    await expectError("/indicators", 404, "not_published");
    const list = snapshotListResponseSchema.parse(await (await get("/snapshots")).json());
    expect(list.snapshots).toEqual([]);
    const csv = await (await get("/open-data/indicators.csv")).text();
    expect(csv.trim().split("\n")).toHaveLength(1);
  });
});

describe("with the founding week and its demo history published", () => {
  beforeAll(async () => {
    const founding = await publishFounding(store);
    await seedDemoHistory({ snapshots: store.snapshots, catalogue: defaultCatalogue, now: store.clock.now }, founding);
    // Answers cached before the publication must go: wait until both servers see it.
    await vi.waitFor(async () => expect((await get("/indicators")).status).toBe(200), { timeout: 5000 });
    await vi.waitFor(
      async () =>
        expect((await get("/snapshots", {}, other.url)).headers.get("etag")).toBe(
          (await get("/snapshots")).headers.get("etag"),
        ),
      {
        timeout: 5000,
      },
    );
  });

  it("serves the latest week in catalogue order, with previous values and nothing missing", async () => {
    const res = await get("/indicators");
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const body = indicatorsResponseSchema.parse(await res.json());
    expect(body.period).toEqual({ from: "2024-08-24", to: "2024-08-30", label: "Tuần 5 tháng 8/2024" });
    expect(body.revision).toBe(1);
    expect(body.publishedAt).toBe("2024-08-30T10:00:00.000Z");
    expect(body.indicators.map((i) => i.id)).toEqual(defaultCatalogue.indicators.map((d) => d.id));
    expect(body.missing).toEqual([]);
    expect(body.sample).toBeUndefined();
    const installs = body.indicators.find((i) => i.id === "smart_hd.installs")!;
    expect(installs).toMatchObject({
      value: 45_929,
      change: 90,
      previous: 45_839,
      shortLabel: "Tài khoản Smart-HaiDuong",
    });
    expect(installs.definition).toMatch(/cộng dồn/);
    expect(body.indicators.some((i) => i.sample)).toBe(false);
  });

  it("opens CORS to every site and answers preflight requests", async () => {
    const res = await get("/indicators", { Origin: "https://h5.zalo.me" });
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-expose-headers")).toContain("ETag");
    const pre = await fetch(`${api.url}/api/v1/indicators`, {
      method: "OPTIONS",
      headers: {
        Origin: "https://h5.zalo.me",
        "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "if-none-match",
      },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-origin")).toBe("*");
    expect(pre.headers.get("access-control-allow-methods")).toContain("GET");
    expect(pre.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("if-none-match");
  });

  it("sends a strong ETag of the exact bytes, Cache-Control, and 304 with no body on If-None-Match", async () => {
    for (const path of ["/indicators", "/catalogue", "/snapshots", "/open-data/indicators.csv"]) {
      const identity = { "Accept-Encoding": "identity" };
      const res = await get(path, identity);
      expect(res.headers.get("content-encoding"), path).toBeNull();
      const bytes = Buffer.from(await res.arrayBuffer());
      const etag = res.headers.get("etag")!;
      expect(etag, path).toBe(`"${createHash("sha256").update(bytes).digest("base64url")}"`);
      expect(res.headers.get("cache-control")).toBe("public, max-age=60, stale-while-revalidate=300");
      expect(res.headers.get("vary")).toBe("Accept-Encoding");
      // Gzipped for clients that accept it (a phone on a mobile network): the same bytes once decoded, its own validator.
      const zipped = await get(path, { "Accept-Encoding": "gzip" });
      expect(zipped.headers.get("content-encoding"), path).toBe("gzip");
      expect(Buffer.from(await zipped.arrayBuffer()).equals(bytes), path).toBe(true);
      const zippedEtag = zipped.headers.get("etag")!;
      expect(zippedEtag).not.toBe(etag);
      expect((await get(path, { "Accept-Encoding": "gzip", "If-None-Match": zippedEtag })).status).toBe(304);
      const again = await get(path, { ...identity, "If-None-Match": etag });
      expect(again.status, path).toBe(304);
      expect(await again.text()).toBe("");
      expect(again.headers.get("etag")).toBe(etag);
      expect(again.headers.get("access-control-allow-origin")).toBe("*");
      expect((await get(path, { ...identity, "If-None-Match": `"other", W/${etag}` })).status).toBe(304);
      expect((await get(path, { ...identity, "If-None-Match": '"other"' })).status).toBe(200);
    }
  });

  it("answers HEAD with the headers only", async () => {
    const res = await fetch(`${api.url}/api/v1/indicators`, { method: "HEAD" });
    expect(res.status).toBe(200);
    expect(res.headers.get("etag")).toBe((await get("/indicators")).headers.get("etag"));
    expect(await res.text()).toBe("");
  });

  it("serves one indicator's history oldest first, flagging sample points", async () => {
    const body = indicatorHistoryResponseSchema.parse(
      await (await get("/indicators/smart_hd.installs/history")).json(),
    );
    expect(body.indicator).toMatchObject({ id: "smart_hd.installs", unit: "count", group: "smart_hd" });
    expect(body.points).toHaveLength(8);
    const dates = body.points.map((p) => p.period.to);
    expect([...dates].sort()).toEqual(dates);
    expect(body.points.map((p) => p.sample ?? false)).toEqual([true, true, true, true, true, true, false, false]);
    expect(body.points.at(-2)?.value).toBe(45_839);
    await expectError("/indicators/nope.nope/history", 404, "unknown_indicator");
  });

  it("lists published weeks newest first, saying which are sample data", async () => {
    const body = snapshotListResponseSchema.parse(await (await get("/snapshots")).json());
    expect(body.snapshots).toHaveLength(8);
    expect(body.snapshots[0]).toEqual({
      period: { from: "2024-08-24", to: "2024-08-30", label: "Tuần 5 tháng 8/2024" },
      revision: 1,
      publishedAt: "2024-08-30T10:00:00.000Z",
    });
    expect(body.snapshots.slice(1).every((s) => s.sample === true)).toBe(true);
  });

  it("serves one week by its last or first day, and says when it is sample data", async () => {
    const byTo = await get("/snapshots/2024-08-30");
    const byFrom = await get("/snapshots/2024-08-24");
    expect(byTo.status).toBe(200);
    expect(await byFrom.text()).toBe(await byTo.text());
    const demo = indicatorsResponseSchema.parse(await (await get("/snapshots/2024-08-23")).json());
    expect(demo.sample).toBe(true);
    expect(demo.indicators.find((i) => i.id === "smart_hd.installs")).toMatchObject({ value: 45_839 });
    expect(demo.indicators.find((i) => i.id === "smart_hd.installs")?.sample).toBeUndefined();
    expect(demo.indicators.find((i) => i.id === "dvc.online_filing_rate")?.sample).toBe(true);
  });

  it("answers bad input with 400 and unknown weeks with 404, never 5xx", async () => {
    await expectError("/snapshots/30-08-2024", 400, "invalid_period");
    await expectError("/snapshots/2024-02-30", 400, "invalid_period");
    await expectError("/snapshots/2023-01-06", 404, "snapshot_not_found");
    await expectError("/snapshots/2024-09-06", 404, "snapshot_not_found");
    const malformed = await get("/indicators/%E0%A4%A/history");
    expect(malformed.status).toBe(400);
    apiErrorSchema.parse(await malformed.json());
    expect((await get("/nothing-here")).status).toBe(404);
  });

  it("serves every spelling of a path from the one canonical entry", async () => {
    const etag = (await get("/indicators/smart_hd.installs/history")).headers.get("etag");
    const encoded = await fetch(`${api.url}/api/v1/indicators/smart%5Fhd.installs/history`);
    expect(encoded.headers.get("etag")).toBe(etag);
    const shouted = await fetch(`${api.url}/API/V1/INDICATORS`);
    expect(shouted.status).toBe(200);
    expect(shouted.headers.get("etag")).toBe((await get("/indicators")).headers.get("etag"));
  });

  it("serves the catalogue for the mini app", async () => {
    const body = catalogueSchema.parse(await (await get("/catalogue")).json());
    expect(body.groups.map((g) => g.id)).toEqual(["dvc", "smart_hd", "media", "vbdlis", "infosec"]);
    expect(body.indicators).toHaveLength(30);
    expect(body.province.oaName).toBe("Chính quyền điện tử tỉnh Hải Dương");
  });

  it("serves open data as CSV with a BOM, as JSON, and a data dictionary, with Last-Modified", async () => {
    const lastModified = new Date(store.clock.now()).toUTCString();
    const csvRes = await get("/open-data/indicators.csv");
    expect(csvRes.headers.get("content-type")).toMatch(/^text\/csv; charset=utf-8/);
    expect(csvRes.headers.get("content-disposition")).toContain("indicators.csv");
    expect(csvRes.headers.get("last-modified")).toBe(lastModified);
    const bytes = Buffer.from(await csvRes.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString("utf8").slice(1).split("\r\n");
    expect(lines[0]).toBe(
      "period_from,period_to,period_label,indicator_id,label,unit,value,qualifier,change,sample,revision,published_at",
    );
    expect(lines.filter((l) => l !== "")).toHaveLength(1 + 8 * 30);
    expect(lines).toContain(
      '2024-08-24,2024-08-30,Tuần 5 tháng 8/2024,media.zalo_oa_items,"Tin, bài trên Zalo OA ""Chính quyền điện tử tỉnh Hải Dương""","tin, bài",1,,,false,1,2024-08-30T10:00:00.000Z',
    );

    const jsonRes = await get("/open-data/indicators.json");
    expect(jsonRes.headers.get("last-modified")).toBe(lastModified);
    const json = openDataResponseSchema.parse(await jsonRes.json());
    expect(json.rows).toHaveLength(8 * 30);
    expect(json.lastUpdated).toBe(store.clock.now().toISOString());

    const dictRes = await get("/open-data/dictionary.json");
    expect(dictRes.headers.get("last-modified")).toBe(lastModified);
    const dict = dataDictionarySchema.parse(await dictRes.json());
    expect(dict.indicators.map((i) => i.id)).toEqual(defaultCatalogue.indicators.map((d) => d.id));
  });

  it("drops cached answers on every server after a correction, including one that did not make it", async () => {
    const paths = [
      "/indicators",
      "/indicators/infosec.units/history",
      "/snapshots",
      "/snapshots/2024-08-30",
      "/open-data/indicators.csv",
    ];
    const before = new Map<string, string>();
    for (const base of [api.url, other.url]) {
      for (const path of paths) {
        const res = await get(path, {}, base);
        before.set(`${base}${path}`, res.headers.get("etag")!);
        // Served twice: the second answer comes from the cache.
        expect((await get(path, {}, base)).headers.get("etag")).toBe(before.get(`${base}${path}`));
      }
    }

    store.clock.set("2024-08-31T09:00:00Z");
    await correctSnapshot(
      { snapshots: store.snapshots, catalogue: defaultCatalogue, now: store.clock.now },
      { week: "2024-08-30", changes: { "infosec.units": { value: 247 } }, note: "sửa số đơn vị", by: "approver" },
    );

    for (const base of [api.url, other.url]) {
      await vi.waitFor(
        async () =>
          expect((await get("/indicators", {}, base)).headers.get("etag")).not.toBe(before.get(`${base}/indicators`)),
        {
          timeout: 5000,
          interval: 50,
        },
      );
      for (const path of paths) {
        const stale = await get(path, { "If-None-Match": before.get(`${base}${path}`)! }, base);
        expect(stale.status, `${base}${path}`).toBe(200);
      }
      const latest = indicatorsResponseSchema.parse(await (await get("/indicators", {}, base)).json());
      expect(latest.revision).toBe(2);
      expect(latest.indicators.find((i) => i.id === "infosec.units")?.value).toBe(247);
      const history = indicatorHistoryResponseSchema.parse(
        await (await get("/indicators/infosec.units/history", {}, base)).json(),
      );
      expect(history.points.at(-1)?.value).toBe(247);
      const res = await get("/open-data/indicators.csv", {}, base);
      expect(res.headers.get("last-modified")).toBe(new Date("2024-08-31T09:00:00Z").toUTCString());
    }
  });
});
