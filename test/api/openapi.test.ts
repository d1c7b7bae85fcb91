import { Ajv2020 } from "ajv/dist/2020.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPostFromDraft, publishPost } from "../../bot-server/src/domain/posts/posts";
import { publishSnapshot } from "../../bot-server/src/domain/indicators/publish-snapshot";
import { importDraft } from "../../bot-server/src/domain/indicators/import-draft";
import { startBotServer, type RunningBotServer } from "../../bot-server/src/server";
import { createFollowerRegistry } from "../../bot-server/src/store/follower-registry";
import { createPostRepository } from "../../bot-server/src/store/post-repository";
import { createReportRepository } from "../../bot-server/src/store/report-repository";
import { createSnapshotRepository } from "../../bot-server/src/store/snapshot-repository";
import type { OpenApiDocument } from "../../bot-server/src/http/openapi";
import { startZaloSandbox, type ZaloSandbox } from "../harness/sandbox";
import { foundingImport, foundingReportText, FOUNDING_REPORT_NAME } from "./founding-week";

interface Operation {
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
}

/** Every public route's live answers, good and bad, checked against the OpenAPI document the server serves. */
describe("the OpenAPI contract of the public API", () => {
  let s: ZaloSandbox;
  let server: RunningBotServer;
  let doc: OpenApiDocument;
  let ajv: Ajv2020;
  let token = "";

  beforeAll(async () => {
    s = await startZaloSandbox("openapi");
    server = await startBotServer(s.config, "api", s.logger);
    const [snapshots, reports, posts] = [
      createSnapshotRepository(s.redis, s.keys),
      createReportRepository(s.redis, s.keys),
      createPostRepository(s.redis, s.keys),
    ];
    const now = () => new Date("2024-08-30T10:00:00Z");
    const draft = await importDraft(
      { snapshots, reports, now },
      { name: FOUNDING_REPORT_NAME, text: foundingReportText(), result: foundingImport(), by: "editor" },
    );
    await publishSnapshot({ snapshots, now }, { week: draft.id, revision: draft.revision, by: "approver" });
    const news = { title: "Bản tin tuần 5", summary: "Tóm tắt tuần", highlights: [], events: [], body: "Nội dung." };
    await createPostFromDraft(posts, {
      id: "ban-tin-2024-08-30",
      draft: news,
      periodTo: "2024-08-30",
      by: "editor",
      now: now(),
    });
    await publishPost(posts, "ban-tin-2024-08-30", "approver", now());
    const [follower] = (
      await s.simJson<{ sample_ids: string[] }>("/__sim/followers", { body: { count: 1, active_within_days: 1 } })
    ).sample_ids;
    await createFollowerRegistry(s.redis, s.keys).apply([{ userId: follower!, op: "follow", atMs: Date.now() }]);
    token = (await s.simJson<{ access_token: string }>("/__sim/miniapp-token", { body: { user_id: follower } }))
      .access_token;
    doc = (await (await fetch(`${server.url}/api/v1/openapi.json`)).json()) as OpenApiDocument;
    ajv = new Ajv2020({ strict: false, allErrors: true });
    for (const [name, schema] of Object.entries(doc.components.schemas))
      ajv.addSchema(schema, `#/components/schemas/${name}`);
  });
  afterAll(async () => {
    await server.close();
    await s.close();
  });

  /** Fetches a path and checks status, content type and body against the document's operation. */
  async function check(
    method: string,
    route: string,
    path: string,
    expected: number,
    headers: Record<string, string> = {},
  ) {
    const operation = (doc.paths as Record<string, Record<string, Operation>>)[route]?.[method];
    expect(operation, `${method} ${route} is in the document`).toBeDefined();
    const res = await fetch(`${server.url}${path}`, { method: method.toUpperCase(), headers });
    expect(res.status, `${method} ${path}`).toBe(expected);
    const declared = operation!.responses[String(expected)];
    expect(declared, `${method} ${route} documents ${expected}`).toBeDefined();
    const [mediaType, media] = Object.entries(declared!.content ?? {})[0] ?? [];
    if (!media) return;
    expect(res.headers.get("content-type"), path).toContain(mediaType);
    if (mediaType !== "application/json") return;
    const body = await res.json();
    const validate = ajv.compile({ $ref: (media.schema as { $ref: string }).$ref });
    expect(validate(body), `${method} ${path}: ${JSON.stringify(validate.errors)}`).toBe(true);
  }

  it("is OpenAPI 3.1, and names every route the public API has", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        "/api/v1/catalogue",
        "/api/v1/indicators",
        "/api/v1/indicators/{id}/history",
        "/api/v1/me/subscription",
        "/api/v1/open-data/dictionary.json",
        "/api/v1/open-data/indicators.csv",
        "/api/v1/open-data/indicators.json",
        "/api/v1/posts",
        "/api/v1/posts/{id}",
        "/api/v1/snapshots",
        "/api/v1/snapshots/{period}",
      ].sort(),
    );
  });

  it("matches every live answer: figures, history, catalogue, weeks, open data, news", async () => {
    await check("get", "/api/v1/indicators", "/api/v1/indicators", 200);
    await check("get", "/api/v1/indicators/{id}/history", "/api/v1/indicators/smart_hd.installs/history", 200);
    await check("get", "/api/v1/indicators/{id}/history", "/api/v1/indicators/khong.co/history", 404);
    await check("get", "/api/v1/catalogue", "/api/v1/catalogue", 200);
    await check("get", "/api/v1/snapshots", "/api/v1/snapshots", 200);
    await check("get", "/api/v1/snapshots/{period}", "/api/v1/snapshots/2024-08-30", 200);
    await check("get", "/api/v1/snapshots/{period}", "/api/v1/snapshots/hom-qua", 400);
    await check("get", "/api/v1/snapshots/{period}", "/api/v1/snapshots/2020-01-01", 404);
    await check("get", "/api/v1/open-data/indicators.json", "/api/v1/open-data/indicators.json", 200);
    await check("get", "/api/v1/open-data/indicators.csv", "/api/v1/open-data/indicators.csv", 200);
    await check("get", "/api/v1/open-data/dictionary.json", "/api/v1/open-data/dictionary.json", 200);
    await check("get", "/api/v1/posts", "/api/v1/posts", 200);
    await check("get", "/api/v1/posts/{id}", "/api/v1/posts/ban-tin-2024-08-30", 200);
    await check("get", "/api/v1/posts/{id}", "/api/v1/posts/khong-co", 404);
  });

  it("matches the citizen's subscription answers", async () => {
    const auth = { "X-Zalo-Access-Token": token };
    await check("get", "/api/v1/me/subscription", "/api/v1/me/subscription", 200, auth);
    await check("put", "/api/v1/me/subscription", "/api/v1/me/subscription", 200, auth);
    await check("delete", "/api/v1/me/subscription", "/api/v1/me/subscription", 200, auth);
    await check("get", "/api/v1/me/subscription", "/api/v1/me/subscription", 401, { "X-Zalo-Access-Token": "forged" });
  });

  it("has a reference page served from here, with no script from elsewhere", async () => {
    const page = await fetch(`${server.url}/api/docs`);
    expect(page.status).toBe(200);
    const html = await page.text();
    const scripts = [...html.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of scripts) {
      expect(src.startsWith("/api/docs/"), src).toBe(true);
      expect((await fetch(`${server.url}${src}`)).status, src).toBe(200);
    }
  });
});
