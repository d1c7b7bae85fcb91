import { isZaloCityCode, OA_PACKAGES } from "@cds/shared";
import express, { type Router } from "express";
import { z } from "zod";
import { API_GROUPS, AUTH_CODE_TTL_MS, mergeLimits, MINIAPP_TOKEN_TTL_MS } from "../config";
import type { SimContext } from "../context";
import { badRequest, controlErrors, notFound, parseOr400 } from "./control-common";
import { registerEventControl } from "./sim-events";
import { registerFollowerControl } from "./sim-followers";

const rate = z.number().min(0).max(1);

const FaultSchema = z.strictObject({
  latencyMs: z.number().int().min(0).max(600_000).optional(),
  errorRate5xx: rate.optional(),
  timeoutRate: rate.optional(),
  rateLimitBurst: z.number().int().min(0).optional(),
  broadcastRejectRate: rate.optional(),
  answerDelayMs: z.number().int().min(0).max(600_000).optional(),
  expireAccessTokens: z.literal(true).optional(),
  match: z.string().startsWith("/", "match is a path prefix such as /v3.0/oa/message").nullable().optional(),
});

const ClockSchema = z.strictObject({
  set: z.union([z.string().min(1), z.number().finite()]).optional(),
  advanceMs: z.number().finite().optional(),
  freeze: z.boolean().optional(),
});

const validTimeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, "unknown time zone");
const count = z.number().int().min(0);
const positive = z.number().int().min(1);
const hour = z.number().int().min(0).max(23);

const ConfigSchema = z.strictObject({
  webhookUrl: z.url().nullable().optional(),
  echoOaMessages: z.boolean().optional(),
  articleProcessingMs: count.optional(),
  oaPackage: z.enum(OA_PACKAGES).optional(),
  homeCity: z.string().refine(isZaloCityCode, "homeCity must be a Zalo city code, 0–63").optional(),
  broadcastReviewMs: count.optional(),
  entitlements: z
    .strictObject({
      verified: z.boolean(),
      packageActive: z.boolean(),
      registered: z.array(z.enum(API_GROUPS)),
      granted: z.array(z.enum(API_GROUPS)),
      miniAppLinkedToOa: z.boolean(),
    })
    .partial()
    .optional(),
  billing: z
    .strictObject({ allowancePerMonth: count, zcaLinked: z.boolean(), zcaBalance: count, pricePerMessage: count })
    .partial()
    .optional(),
  limits: z
    .strictObject({
      rateLimitPerMinute: positive.optional(),
      csWindowDays: positive.optional(),
      csFreeWindowHours: positive.optional(),
      nightStartHour: hour.optional(),
      nightEndHour: hour.optional(),
      timeZone: validTimeZone.optional(),
      broadcastMonthlyCap: z
        .strictObject({ basic: count, trial: count, advanced: count, premium: count })
        .partial()
        .optional(),
      broadcastDailyCap: count.optional(),
      getlistMaxCount: positive.optional(),
      getlistMaxOffset: count.optional(),
      conversationMaxCount: positive.optional(),
      accessTokenTtlSeconds: positive.optional(),
      refreshTokenTtlSeconds: positive.optional(),
      csTextMaxChars: positive.optional(),
    })
    .optional(),
});

const OutboxQuery = z.object({
  since: z.coerce.number().int().min(0).optional(),
  user_id: z
    .string()
    .regex(/^\d{1,20}$/)
    .optional(),
});

const AuthCodeSchema = z.strictObject({ code_challenge: z.string().min(1).optional() });
const MiniAppTokenSchema = z.strictObject({ user_id: z.string().regex(/^\d{1,20}$/) });

/** "2024-08-30T22:30:00+07:00", "1724986800000" or 1724986800000 → epoch ms. */
function parseInstant(v: string | number): number | null {
  const ms = typeof v === "number" ? v : /^\d+$/.test(v) ? Number(v) : Date.parse(v);
  return Number.isFinite(ms) ? ms : null;
}

function clockJson(ctx: SimContext) {
  const now = ctx.clock.now();
  return { now: new Date(now).toISOString(), now_ms: now, frozen: ctx.clock.frozen };
}

function configJson(ctx: SimContext) {
  return { webhookUrl: ctx.webhook.url, credentials: ctx.credentials, ...ctx.settings };
}

/** `/__sim/*`: the test-and-operator surface. JSON in, JSON out, zod-validated, never rate limited. */
export function controlRouter(ctx: SimContext): Router {
  const router = express.Router();
  router.use(express.json({ limit: "1mb" }));

  router.get("/health", (_req, res) => {
    res.json({ ok: true });
  });

  router.post("/faults", (req, res) => {
    const body = parseOr400(FaultSchema, req.body, res);
    if (!body) return;
    const { expireAccessTokens, ...settings } = body;
    const faults = ctx.faults.set(settings);
    const expired = expireAccessTokens ? ctx.tokens.expireAllAccessTokens() : 0;
    ctx.log({ event: "faults_set", faults, expired_access_tokens: expired });
    res.json({ faults, expired_access_tokens: expired });
  });

  router.get("/faults", (_req, res) => {
    res.json({ faults: ctx.faults.settings });
  });

  router.delete("/faults", (_req, res) => {
    ctx.faults.clear();
    res.json({ faults: ctx.faults.settings });
  });

  router.get("/clock", (_req, res) => {
    res.json(clockJson(ctx));
  });

  router.post("/clock", (req, res) => {
    const body = parseOr400(ClockSchema, req.body, res);
    if (!body) return;
    if (body.set !== undefined) {
      const at = parseInstant(body.set);
      if (at === null) return badRequest(res, `set: not an ISO date or epoch ms: ${String(body.set)}`);
      ctx.clock.set(at);
    }
    if (body.freeze !== undefined) ctx.clock.freeze(body.freeze);
    if (body.advanceMs !== undefined) ctx.clock.advance(body.advanceMs);
    ctx.tick();
    res.json(clockJson(ctx));
  });

  router.post("/reset", (_req, res) => {
    ctx.reset();
    ctx.log({ event: "reset" });
    res.json({ ok: true, ...clockJson(ctx) });
  });

  router.get("/config", (_req, res) => {
    res.json(configJson(ctx));
  });

  router.post("/config", (req, res) => {
    const body = parseOr400(ConfigSchema, req.body, res);
    if (!body) return;
    if (body.webhookUrl !== undefined) ctx.webhook.url = body.webhookUrl;
    if (body.echoOaMessages !== undefined) ctx.settings.echoOaMessages = body.echoOaMessages;
    if (body.articleProcessingMs !== undefined) ctx.settings.articleProcessingMs = body.articleProcessingMs;
    if (body.oaPackage !== undefined) ctx.settings.oaPackage = body.oaPackage;
    if (body.homeCity !== undefined) ctx.settings.homeCity = body.homeCity;
    if (body.broadcastReviewMs !== undefined) ctx.settings.broadcastReviewMs = body.broadcastReviewMs;
    if (body.entitlements !== undefined) Object.assign(ctx.settings.entitlements, body.entitlements);
    if (body.billing !== undefined) Object.assign(ctx.settings.billing, body.billing);
    if (body.limits !== undefined) ctx.settings.limits = mergeLimits(ctx.settings.limits, body.limits);
    res.json(configJson(ctx));
  });

  router.get("/outbox", (req, res) => {
    const q = parseOr400(OutboxQuery, req.query, res);
    if (!q) return;
    res.json(
      ctx.outbox.query({
        ...(q.since !== undefined && { since: q.since }),
        ...(q.user_id !== undefined && { userId: q.user_id }),
      }),
    );
  });

  router.delete("/outbox", (_req, res) => {
    const cleared = ctx.outbox.count;
    ctx.outbox.clear();
    res.json({ cleared });
  });

  router.get("/stats", (_req, res) => {
    const mem = process.memoryUsage();
    const mb = (n: number) => Math.round((n / 1048576) * 10) / 10;
    res.json({
      requests: Object.fromEntries(ctx.stats.requests),
      rate_limited: ctx.stats.rateLimited,
      timeouts_held: ctx.stats.timeoutsHeld,
      errors_5xx: ctx.stats.errors5xx,
      webhooks: { sent: ctx.webhook.sent, failed: ctx.webhook.failed },
      users: { total: ctx.followers.count, followers: ctx.followers.followers },
      outbox: ctx.outbox.count,
      articles: ctx.articles.count,
      memory: { rss_mb: mb(mem.rss), heap_used_mb: mb(mem.heapUsed), array_buffers_mb: mb(mem.arrayBuffers) },
    });
  });

  /** What Zalo's side holds now: the webhook's deliveries and retries, broadcasts in review, billing. */
  router.get("/state", (_req, res) => {
    res.json({
      ...clockJson(ctx),
      webhook: ctx.webhook.state(),
      broadcasts: ctx.broadcasts.list(),
      billing: { ...ctx.settings.billing, allowance_used_this_month: ctx.allowance.used },
      entitlements: ctx.settings.entitlements,
    });
  });

  router.get("/tokens", (_req, res) => {
    res.json(ctx.tokens.listing(ctx.clock.now()));
  });

  router.post("/authorization-code", (req, res) => {
    const body = parseOr400(AuthCodeSchema, req.body, res);
    if (!body) return;
    const code = ctx.tokens.issueCode(ctx.clock.now(), AUTH_CODE_TTL_MS, body.code_challenge ?? null);
    res.json({ code, oa_id: ctx.credentials.oaId, expires_in: AUTH_CODE_TTL_MS / 1000 });
  });

  router.post("/miniapp-token", (req, res) => {
    const body = parseOr400(MiniAppTokenSchema, req.body, res);
    if (!body) return;
    const i = ctx.followers.indexOf(body.user_id);
    if (i < 0) return notFound(res, `no user ${body.user_id}`);
    const token = ctx.tokens.issueMiniAppToken(i, ctx.clock.now(), MINIAPP_TOKEN_TTL_MS);
    res.json({ access_token: token, app_user_id: ctx.followers.appIdOf(i) });
  });

  registerFollowerControl(router, ctx);
  registerEventControl(router, ctx);

  router.use((req, res) => notFound(res, `no control endpoint ${req.method} /__sim${req.path}`));
  router.use(controlErrors);
  return router;
}
