import { z } from "zod";
import { DEFAULT_PLATFORM_LIMITS, OA_PACKAGES, WEBHOOK_LONGEST_RETRY_AGE_MS } from "@cds/shared";

/**
 * The one configuration of the bot server: environment variables, validated once at start-up.
 * Each wrong value is reported with its variable name and what is expected; nothing reads process.env elsewhere.
 */
const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);
const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const optionalText = z
  .string()
  .trim()
  .transform((s) => (s === "" ? undefined : s))
  .optional();
const url = (fallback: string) => z.string().url("must be a URL such as https://host").default(fallback);

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  HOST: z.string().default("127.0.0.1"),
  PORT: port(3000),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  REDIS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  REDIS_URL: optionalText.pipe(
    z
      .string()
      .regex(/^rediss?:\/\//, "must start with redis:// or rediss://")
      .optional(),
  ),
  REDIS_SENTINELS: optionalText,
  REDIS_SENTINEL_NAME: optionalText.pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,64}$/, "must be the name Sentinel monitors the master under, e.g. cds")
      .optional(),
  ),
  REDIS_CLUSTER_NODES: optionalText,
  REDIS_USERNAME: optionalText,
  REDIS_PASSWORD: optionalText,
  REDIS_TLS: z.enum(["true", "false"], { message: "must be true or false" }).default("false"),
  REDIS_WAIT_REPLICAS: z.coerce.number().int().min(0).max(10).optional(),
  REDIS_WAIT_TIMEOUT_MS: positiveInt(1_000),
  KEY_PREFIX: z
    .string()
    .regex(/^[a-z0-9-]{1,32}$/, "must be 1–32 characters of a-z, 0-9 or -")
    .default("cds"),
  DATA_DIR: z.string().default("./data"),
  CATALOGUE_FILE: optionalText,
  ZALO_APP_ID: optionalText,
  ZALO_APP_SECRET: optionalText,
  ZALO_OA_ID: optionalText,
  ZALO_OA_SECRET_KEY: optionalText,
  ZALO_MINI_APP_SECRET: optionalText,
  ZALO_OA_PACKAGE: z.enum(OA_PACKAGES).default("premium"),
  ZALO_API_BASE: url("https://openapi.zalo.me"),
  ZALO_OAUTH_BASE: url("https://oauth.zaloapp.com"),
  ZALO_GRAPH_BASE: url("https://graph.zalo.me"),
  ZALO_RATE_LIMIT_PER_MIN: positiveInt(DEFAULT_PLATFORM_LIMITS.rateLimitPerMinute),
  ZALO_TIMEOUT_MS: positiveInt(10_000),
  ZALO_SIM_PORT: port(3001),
  /** A worker-only process (role worker) serves /healthz, /readyz and /metrics here. */
  WORKER_METRICS_PORT: port(9464),
  // Every documented retry ladder fits (the longest ends ~44 h after the event): a late retry is still Zalo's.
  WEBHOOK_MAX_AGE_SECONDS: positiveInt(Math.ceil(WEBHOOK_LONGEST_RETRY_AGE_MS / 3600_000) * 3600 + 4 * 3600),
  WEBHOOK_MAX_BODY_BYTES: positiveInt(64 * 1024),
  PUBLIC_BASE_URL: z.string().url("must be the URL citizens and Zalo reach this server at").optional(),
  MINI_APP_ID: z
    .string()
    .regex(/^\d{1,20}$/, "must be the Mini App's numeric id")
    .optional(),
  MINI_APP_URL: z.string().url("must be the mini app's link, e.g. https://zalo.me/s/<app id>").optional(),
  SHUTDOWN_TIMEOUT_MS: positiveInt(15_000),
  SANDBOX_PASSWORD: optionalText.pipe(z.string().min(12, "must be at least 12 characters").optional()),
  TEST_GROUP_USER_IDS: z
    .string()
    .trim()
    .regex(/^(\d{1,20}(\s*,\s*\d{1,20})*)?$/, "must be Zalo user ids separated by commas")
    .default(""),
  SEND_STALE_AFTER_MINUTES: positiveInt(30),
  CS_BILLED_PRICE_VND: z.coerce.number().min(0).default(55),
  DIGEST_BATCH_SIZE: positiveInt(500),
  REPORT_MAX_CHANGE_SHARE: z.coerce.number().positive("must be a share above 0, e.g. 0.5 for 50 %").default(0.5),
  HTTP_HEADERS_TIMEOUT_MS: positiveInt(10_000),
  HTTP_REQUEST_TIMEOUT_MS: positiveInt(30_000),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: positiveInt(5_000),
});

export type Env = z.input<typeof envSchema>;
type ParsedEnv = z.output<typeof envSchema>;

export interface RedisNode {
  host: string;
  port: number;
}

/**
 * Where Redis is: one server (`REDIS_URL`), a master found through Sentinel, or a Cluster. Credentials and
 * TLS come with each: in the URLs (`rediss://user:password@host:port`) or REDIS_USERNAME, REDIS_PASSWORD,
 * REDIS_TLS for the data nodes; a Sentinel URL's password is the sentinels' own.
 */
export type RedisTarget =
  | { kind: "url"; url: string }
  | {
      kind: "sentinel";
      sentinels: RedisNode[];
      name: string;
      sentinelUsername?: string;
      sentinelPassword?: string;
      sentinelTls: boolean;
      username?: string;
      password?: string;
      tls: boolean;
    }
  | { kind: "cluster"; nodes: RedisNode[]; username?: string; password?: string; tls: boolean };

interface NodeList {
  nodes: RedisNode[];
  username?: string;
  password?: string;
  tls: boolean;
}

/** `host:port` or `redis[s]://[user:password@]host:port`, separated by commas; the first credentials found count. */
function parseNodeList(variable: string, text: string, defaultPort: number): NodeList {
  const list: NodeList = { nodes: [], tls: false };
  for (const item of text.split(",").map((i) => i.trim())) {
    if (item === "") continue;
    const asUrl = /^rediss?:\/\//.test(item) ? item : `redis://${item}`;
    let u: URL;
    try {
      u = new URL(asUrl);
    } catch {
      throw new ConfigError(`Invalid configuration:\n  ${variable}: "${item}" is not host:port or a redis:// URL`);
    }
    const port = u.port === "" ? defaultPort : Number(u.port);
    if (u.hostname === "" || !Number.isInteger(port) || port < 1 || port > 65535)
      throw new ConfigError(`Invalid configuration:\n  ${variable}: "${item}" needs a host and a port`);
    list.nodes.push({ host: u.hostname.replace(/^\[|\]$/g, ""), port });
    if (u.protocol === "rediss:") list.tls = true;
    if (u.password && list.password === undefined) {
      list.password = decodeURIComponent(u.password);
      if (u.username) list.username = decodeURIComponent(u.username);
    }
  }
  if (list.nodes.length === 0)
    throw new ConfigError(`Invalid configuration:\n  ${variable}: list at least one node as host:port`);
  return list;
}

function redisTargetOf(e: ParsedEnv): RedisTarget | undefined {
  const given = (["REDIS_URL", "REDIS_SENTINELS", "REDIS_CLUSTER_NODES"] as const).filter((k) => e[k] !== undefined);
  if (given.length > 1)
    throw new ConfigError(
      `Invalid configuration:\n  ${given.join(", ")}: set only one: REDIS_URL for one Redis, REDIS_SENTINELS for a Sentinel group, REDIS_CLUSTER_NODES for a Cluster`,
    );
  if ((e.REDIS_SENTINELS === undefined) !== (e.REDIS_SENTINEL_NAME === undefined))
    throw new ConfigError(
      "Invalid configuration:\n  REDIS_SENTINELS, REDIS_SENTINEL_NAME: set both (the sentinels, and the master's name they monitor) or neither",
    );
  const tls = e.REDIS_TLS === "true";
  const auth = { username: e.REDIS_USERNAME, password: e.REDIS_PASSWORD };
  if (e.REDIS_URL) return { kind: "url", url: e.REDIS_URL };
  if (e.REDIS_SENTINELS) {
    const s = parseNodeList("REDIS_SENTINELS", e.REDIS_SENTINELS, 26379);
    return {
      kind: "sentinel",
      sentinels: s.nodes,
      name: e.REDIS_SENTINEL_NAME!,
      sentinelUsername: s.username,
      sentinelPassword: s.password,
      sentinelTls: s.tls,
      ...auth,
      tls,
    };
  }
  if (e.REDIS_CLUSTER_NODES) {
    const c = parseNodeList("REDIS_CLUSTER_NODES", e.REDIS_CLUSTER_NODES, 6379);
    return {
      kind: "cluster",
      nodes: c.nodes,
      username: c.username ?? auth.username,
      password: c.password ?? auth.password,
      tls: c.tls || tls,
    };
  }
  return undefined;
}

const zaloKeys = ["ZALO_APP_ID", "ZALO_APP_SECRET", "ZALO_OA_ID", "ZALO_OA_SECRET_KEY"] as const;

export function parseConfig(env: Record<string, string | undefined> = process.env) {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".") || "(env)"}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const given = zaloKeys.filter((k) => e[k] !== undefined);
  if (given.length > 0 && given.length < zaloKeys.length) {
    const missing = zaloKeys.filter((k) => e[k] === undefined);
    throw new ConfigError(
      `Invalid configuration:\n  ${missing.join(", ")}: missing. Set all of ${zaloKeys.join(", ")} to talk to a real OA, or none of them for sandbox mode.`,
    );
  }
  const zalo =
    given.length === zaloKeys.length
      ? {
          appId: e.ZALO_APP_ID!,
          appSecret: e.ZALO_APP_SECRET!,
          oaId: e.ZALO_OA_ID!,
          oaSecretKey: e.ZALO_OA_SECRET_KEY!,
          /** The mini app's Zalo app secret when it is not the OA API app's (Graph's appsecret_proof). */
          miniAppSecret: e.ZALO_MINI_APP_SECRET,
        }
      : undefined;
  const redis = redisTargetOf(e);
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    /** Unset: `npm start` runs a private redis-server; the compiled server refuses to start. */
    redis,
    /**
     * Writes that must outlive a failover (a fan-out's in-flight marks, a broadcast's intent) wait for this
     * many replicas to acknowledge them before the Zalo call: 1 behind Sentinel or a Cluster, else none.
     */
    redisDurability: {
      replicas: e.REDIS_WAIT_REPLICAS ?? (redis === undefined || redis.kind === "url" ? 0 : 1),
      timeoutMs: e.REDIS_WAIT_TIMEOUT_MS,
    },
    /** Port of the private redis-server that `npm start` runs when no Redis is configured (free port if unset). */
    privateRedisPort: e.REDIS_PORT,
    keyPrefix: e.KEY_PREFIX,
    dataDir: e.DATA_DIR,
    /** Another province's catalogue (JSON like shared/src/catalogue/hai-duong.json); unset = the shipped one. */
    catalogueFile: e.CATALOGUE_FILE,
    /** Absent = sandbox mode: the local stack points the client at the Zalo simulator. */
    zalo,
    oaPackage: e.ZALO_OA_PACKAGE,
    zaloApiBase: e.ZALO_API_BASE,
    zaloOauthBase: e.ZALO_OAUTH_BASE,
    zaloGraphBase: e.ZALO_GRAPH_BASE,
    zaloRateLimitPerMinute: e.ZALO_RATE_LIMIT_PER_MIN,
    zaloTimeoutMs: e.ZALO_TIMEOUT_MS,
    simPort: e.ZALO_SIM_PORT,
    workerMetricsPort: e.WORKER_METRICS_PORT,
    /** Events older than this are refused as replays; it covers every documented retry ladder (ZALO-PLATFORM C.1). */
    webhookMaxAgeMs: e.WEBHOOK_MAX_AGE_SECONDS * 1000,
    webhookMaxBodyBytes: e.WEBHOOK_MAX_BODY_BYTES,
    publicBaseUrl: e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}`,
    /** Sent to Graph `/me` as `miniapp_id`, which is what makes Zalo return the user's OA-scoped id. */
    miniAppId: e.MINI_APP_ID,
    /** Where chat buttons open the mini app: Zalo's deep link in production, the server's /app/ preview locally. */
    miniAppUrl: e.MINI_APP_URL ?? `${e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}`}/app`,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    /** A week-on-week change above this share of last week's figure is flagged for the editor (0.5 = 50 %). */
    reportMaxChangeShare: e.REPORT_MAX_CHANGE_SHARE,
    /** A scheduled send found this late (the system was down at its time) waits for a person. */
    sendStaleAfterMs: e.SEND_STALE_AFTER_MINUTES * 60_000,
    /** What one billed CS message costs (VND), for the plan's estimate (Zalo's 2026 notice: 55). */
    csBilledPriceVnd: e.CS_BILLED_PRICE_VND,
    /** Recipients per digest job. */
    digestBatchSize: e.DIGEST_BATCH_SIZE,
    /** The department's own Zalo accounts: a test send goes to them, exactly as followers will get it. */
    testGroupUserIds: e.TEST_GROUP_USER_IDS.split(",")
      .map((s) => s.trim())
      .filter((s) => s !== ""),
    /** Sandbox mode's demo accounts (editor, approver, admin) get this password; unset = a generated one, printed once. */
    sandboxPassword: e.SANDBOX_PASSWORD,
    /**
     * Sockets are not held by clients that stall: headers must arrive within `headersMs`, a whole request
     * (a report upload included) within `requestMs`; an idle keep-alive socket closes after `keepAliveMs`.
     */
    httpTimeouts: {
      headersMs: e.HTTP_HEADERS_TIMEOUT_MS,
      requestMs: e.HTTP_REQUEST_TIMEOUT_MS,
      keepAliveMs: e.HTTP_KEEP_ALIVE_TIMEOUT_MS,
    },
  };
}

export type Config = ReturnType<typeof parseConfig>;

export class ConfigError extends Error {
  override name = "ConfigError";
}
