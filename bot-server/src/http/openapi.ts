import {
  apiErrorSchema,
  catalogueSchema,
  dataDictionarySchema,
  indicatorHistoryResponseSchema,
  indicatorsResponseSchema,
  openDataResponseSchema,
  postListResponseSchema,
  postResponseSchema,
  snapshotListResponseSchema,
  subscriptionResponseSchema,
} from "@cds/shared";
import { z } from "zod";

/**
 * The public API's contract, OpenAPI 3.1, generated from the same zod schemas the server answers with and
 * the mini app reads with (zod's own JSON Schema output, draft 2020-12 as OpenAPI 3.1 uses). Served at
 * /api/v1/openapi.json; /api/docs renders it.
 */
const SCHEMAS = {
  Indicators: indicatorsResponseSchema,
  IndicatorHistory: indicatorHistoryResponseSchema,
  Catalogue: catalogueSchema,
  Snapshots: snapshotListResponseSchema,
  OpenData: openDataResponseSchema,
  DataDictionary: dataDictionarySchema,
  PostList: postListResponseSchema,
  Post: postResponseSchema,
  Subscription: subscriptionResponseSchema,
  Error: apiErrorSchema,
} as const;

type SchemaName = keyof typeof SCHEMAS;

const ref = (name: SchemaName) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: SchemaName, description: string) => ({
  description,
  content: { "application/json": { schema: ref(name) } },
});
const error = (description: string) => json("Error", description);
const cached = { "304": { description: "Not modified: the ETag sent in If-None-Match is still current" } };
const param = (name: string, description: string, example: string) => ({
  name,
  in: "path",
  required: true,
  description,
  schema: { type: "string" },
  example,
});

/** Each schema as JSON Schema, without its own $schema (the document's dialect applies). */
function components(): Record<SchemaName, Record<string, unknown>> {
  const out = {} as Record<SchemaName, Record<string, unknown>>;
  for (const name of Object.keys(SCHEMAS) as SchemaName[]) {
    const { $schema: _dialect, ...jsonSchema } = z.toJSONSchema(SCHEMAS[name], {
      target: "draft-2020-12",
      io: "output",
      unrepresentable: "any",
    }) as Record<string, unknown>;
    out[name] = jsonSchema;
  }
  return out;
}

export function openApiDocument(serverUrl: string) {
  const subscription = (summary: string) => ({
    summary,
    security: [{ zaloAccessToken: [] }],
    responses: {
      "200": json("Subscription", "The citizen's subscription after the call"),
      "401": error("No token, or one Zalo refuses"),
      "409": error("Not following the OA (subscribing needs following)"),
      "429": error("Too many requests"),
      "503": error("Zalo or the store cannot answer now"),
    },
  });
  return {
    openapi: "3.1.0",
    info: {
      title: "Chính quyền điện tử trên Zalo — public API",
      version: "1",
      description:
        "The week's published indicators, their history, the news, open data, and a citizen's digest subscription. Messages in errors are Vietnamese, for people.",
    },
    servers: [{ url: serverUrl }],
    paths: {
      "/api/v1/indicators": {
        get: {
          summary: "The latest published week",
          responses: {
            "200": json("Indicators", "Every catalogue indicator of the week"),
            ...cached,
            "404": error("Nothing published yet"),
          },
        },
      },
      "/api/v1/indicators/{id}/history": {
        get: {
          summary: "One indicator across the published weeks",
          parameters: [param("id", "A catalogue indicator id", "smart_hd.installs")],
          responses: { "200": json("IndicatorHistory", "Oldest first"), ...cached, "404": error("Unknown indicator") },
        },
      },
      "/api/v1/catalogue": {
        get: {
          summary: "The province, groups and indicators",
          responses: { "200": json("Catalogue", "The catalogue"), ...cached },
        },
      },
      "/api/v1/snapshots": {
        get: { summary: "Every published week", responses: { "200": json("Snapshots", "Newest first"), ...cached } },
      },
      "/api/v1/snapshots/{period}": {
        get: {
          summary: "One published week, by its first or last day",
          parameters: [param("period", "A date, YYYY-MM-DD", "2024-08-30")],
          responses: {
            "200": json("Indicators", "The week"),
            ...cached,
            "400": error("Not a date"),
            "404": error("No week published for that day"),
          },
        },
      },
      "/api/v1/open-data/indicators.json": {
        get: {
          summary: "Every published value, one row per week and indicator",
          responses: { "200": json("OpenData", "Open data"), ...cached },
        },
      },
      "/api/v1/open-data/indicators.csv": {
        get: {
          summary: "The same as CSV",
          responses: {
            "200": {
              description: "UTF-8 CSV with a header row",
              content: { "text/csv": { schema: { type: "string" } } },
            },
            ...cached,
          },
        },
      },
      "/api/v1/open-data/dictionary.json": {
        get: {
          summary: "What each open-data field means",
          responses: { "200": json("DataDictionary", "The data dictionary"), ...cached },
        },
      },
      "/api/v1/posts": {
        get: {
          summary: "The published news, newest first",
          responses: { "200": json("PostList", "Posts"), ...cached },
        },
      },
      "/api/v1/posts/{id}": {
        get: {
          summary: "One published post",
          parameters: [param("id", "The post's id", "ban-tin-2024-08-30")],
          responses: {
            "200": json("Post", "The post, its body as plain text"),
            ...cached,
            "400": error("Not a post id"),
            "404": error("No such published post"),
          },
        },
      },
      "/api/v1/me/subscription": {
        get: subscription("Whether the citizen receives the weekly digest"),
        put: subscription("Subscribe to the weekly digest"),
        delete: subscription("Stop the weekly digest"),
      },
    },
    components: {
      schemas: components(),
      securitySchemes: {
        zaloAccessToken: {
          type: "apiKey",
          in: "header",
          name: "X-Zalo-Access-Token",
          description: "zmp-sdk getAccessToken(), checked with Zalo's Graph API",
        },
      },
    },
  };
}

export type OpenApiDocument = ReturnType<typeof openApiDocument>;
