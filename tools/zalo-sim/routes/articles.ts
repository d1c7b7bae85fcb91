import type { Router } from "express";
import type { SimContext } from "../context";
import { invalid, ZaloApiError, ZaloCode, ZaloMessage } from "../envelope";
import type { ArticleContent } from "../state/articles";
import { array, httpUrl, jsonBody, oneOf, record, text, type Json } from "../validate";
import { entitled, jsonParser, oaGate, oaHandler } from "./oa-common";

/** Limits from ZALO-PLATFORM A.9 (title 150, author 50, description 300). */
const TITLE_MAX = 150;
const AUTHOR_MAX = 50;
const DESCRIPTION_MAX = 300;
const SHOW_HIDE = ["show", "hide"] as const;

function bodyItem(v: unknown, i: number): Json {
  const item = record(v, `body[${i}]`);
  const type = oneOf(item.type, `body[${i}].type`, ["text", "image", "video", "product"] as const);
  if (type === "text") text(item.content, `body[${i}].content`);
  if (type === "image") httpUrl(item.url, `body[${i}].url`);
  if (type === "video" && item.video_id === undefined) httpUrl(item.url, `body[${i}].url`);
  if (type === "video" && item.video_id !== undefined) text(item.video_id, `body[${i}].video_id`);
  if (type === "product") text(item.id, `body[${i}].id`);
  return item;
}

function cover(v: unknown): Json {
  const c = record(v, "cover");
  const type = oneOf(c.cover_type, "cover_type", ["photo", "video"] as const);
  if (type === "photo") httpUrl(c.photo_url, "photo_url");
  else text(c.video_id, "video_id");
  if (c.status !== undefined) oneOf(c.status, "cover.status", SHOW_HIDE);
  return c;
}

function parseArticle(b: Json): ArticleContent {
  const type = oneOf(b.type, "type", ["normal", "video"] as const);
  const common = {
    title: text(b.title, "title", TITLE_MAX),
    description: text(b.description, "description", DESCRIPTION_MAX),
    // Zalo creates an article hidden unless told otherwise (ZALO-PLATFORM A.9).
    status: b.status === undefined ? "hide" : oneOf(b.status, "status", SHOW_HIDE),
    comment: b.comment === undefined ? "show" : oneOf(b.comment, "comment", SHOW_HIDE),
  };
  if (type === "video") {
    return { type, ...common, video_id: text(b.video_id, "video_id"), avatar: httpUrl(b.avatar, "avatar") };
  }
  return {
    type,
    ...common,
    author: text(b.author, "author", AUTHOR_MAX),
    cover: cover(b.cover),
    body: array(b.body, "body", 1, Number.POSITIVE_INFINITY).map(bodyItem),
  };
}

export function registerArticleRoutes(router: Router, ctx: SimContext): void {
  const gate = oaGate(ctx);

  router.post(
    "/v2.0/article/create",
    gate,
    entitled(ctx, "broadcast", { paid: true }),
    jsonParser,
    oaHandler((req) => ({
      token: ctx.articles.create(parseArticle(jsonBody(req)), ctx.clock.now(), ctx.settings.articleProcessingMs),
    })),
  );

  router.post(
    "/v2.0/article/verify",
    gate,
    entitled(ctx, "broadcast", { paid: true }),
    jsonParser,
    oaHandler((req) => {
      const result = ctx.articles.verify(text(jsonBody(req).token, "token"), ctx.clock.now());
      if (result === "unknown") throw invalid("token");
      if (result === "processing") throw new ZaloApiError(ZaloCode.ARTICLE_PROCESSING, ZaloMessage.articleProcessing);
      return result;
    }),
  );

  router.get(
    "/v2.0/article/getdetail",
    gate,
    entitled(ctx, "broadcast"),
    oaHandler((req) => {
      const id = req.query.id;
      const rec = typeof id === "string" ? ctx.articles.get(id, ctx.clock.now()) : undefined;
      if (!rec) throw invalid("id");
      return {
        id: rec.id,
        ...rec.content,
        create_date: String(rec.createdAt),
        update_date: String(rec.createdAt),
        total_view: 0,
        total_share: 0,
        link: `https://articles.zalo-sim.invalid/${rec.id}`,
      };
    }),
  );
}
