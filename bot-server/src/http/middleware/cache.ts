import { createHash } from "node:crypto";
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import type { Request, Response } from "express";
import { gzipSync } from "node:zlib";

/** What a route produces: the bytes to serve and how to label them. */
export interface Built {
  body: string | Buffer;
  contentType: string;
  /** ISO time the content last changed, sent as Last-Modified. */
  lastModified?: string | null;
  headers?: Record<string, string>;
}

export interface ResponseCacheOptions {
  /**
   * Reads the shared version of the data (the Redis "published version" counter). A different answer than
   * last time drops every entry, whichever process published.
   */
  readVersion(): Promise<number>;
  /** How stale an answer may be, at most, after another process published. */
  checkIntervalMs: number;
  cacheControl: string;
  /** Sent with every answer, 304s included (CORS and the like). */
  headers: Record<string, string>;
  /** Called for answers served without Express (which would otherwise count them). */
  onServed?(route: string, method: string, status: number, seconds: number): void;
  /** Called when the version cannot be read: the cache keeps serving what it has. */
  onCheckFailed?(err: unknown): void;
  now?: () => number;
}

interface Representation {
  etag: string;
  body: Buffer;
  headers: Record<string, string>;
  notModified: Record<string, string>;
}

interface Entry extends Representation {
  /** The same bytes gzipped, compressed once when the entry is built: for clients that accept gzip. */
  gzip?: Representation;
  /** Route pattern for metrics, as Express names it. */
  route: string;
}

/** Smaller answers are not worth a compressed copy. */
const GZIP_MIN_BYTES = 1024;

export interface ResponseCache {
  /**
   * Answers from the entry of `key` (the canonical path of the request), building it first when absent;
   * concurrent misses of one key share one build. A build that throws is not cached (the error goes to
   * Express's error handler), so only answers for existing resources take memory.
   */
  respond(req: Request, res: Response, key: string, build: () => Promise<Built>): Promise<void>;
  /**
   * Answers a GET/HEAD from a fresh entry without going through Express; false when it cannot (no entry for
   * this exact path, or the version is due for a check), and the request goes on to Express.
   */
  tryServe(req: IncomingMessage, res: ServerResponse): boolean;
}

/** Strong validator: a hash of the exact bytes served. */
function etagOf(body: Buffer): string {
  return `"${createHash("sha256").update(body).digest("base64url")}"`;
}

/** If-None-Match uses the weak comparison (RFC 9110 §13.1.2): W/ prefixes are ignored. */
function matches(ifNoneMatch: string, etag: string): boolean {
  if (ifNoneMatch.trim() === "*") return true;
  return ifNoneMatch.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag);
}

/**
 * The public API's one caching mechanism: each answer is serialised once per data version and kept as bytes
 * with its strong ETag, so a hit is a hash lookup and one write. Entries are dropped when the shared version
 * counter changes; the counter is read at most once per `checkIntervalMs` (one read shared by all requests
 * that arrive while it is in flight), so a surge of requests costs Redis nothing, and another process's
 * publication shows within that interval.
 */
export function createResponseCache(options: ResponseCacheOptions): ResponseCache {
  const now = options.now ?? Date.now;
  let entries = new Map<string, Entry>();
  let building = new Map<string, Promise<Entry>>();
  let version: number | undefined;
  let checkedAt = Number.NEGATIVE_INFINITY;
  let checking: Promise<void> | undefined;

  const fresh = () => now() - checkedAt < options.checkIntervalMs;

  const ensureFresh = (): Promise<void> | undefined => {
    if (fresh()) return undefined;
    checking ??= (async () => {
      // The check's start time counts: data read after it is at least as new as the version it saw.
      const started = now();
      try {
        const current = await options.readVersion();
        if (current !== version) {
          version = current;
          entries = new Map();
          building = new Map();
        }
      } catch (err) {
        options.onCheckFailed?.(err);
      } finally {
        checkedAt = started;
        checking = undefined;
      }
    })();
    return checking;
  };

  const toEntry = (built: Built, route: string): Entry => {
    const body = typeof built.body === "string" ? Buffer.from(built.body, "utf8") : built.body;
    const represent = (bytes: Buffer, etag: string, encoding?: string): Representation => {
      const validators: Record<string, string> = {
        ETag: etag,
        "Cache-Control": options.cacheControl,
        Vary: "Accept-Encoding",
      };
      if (built.lastModified) validators["Last-Modified"] = new Date(built.lastModified).toUTCString();
      const notModified = { ...options.headers, ...validators };
      const headers = {
        ...notModified,
        ...built.headers,
        "Content-Type": built.contentType,
        "Content-Length": String(bytes.length),
        ...(encoding && { "Content-Encoding": encoding }),
      };
      return { etag, body: bytes, headers, notModified };
    };
    const etag = etagOf(body);
    // Each representation has its own strong validator (RFC 9110 §8.8.3).
    const gzip =
      body.length >= GZIP_MIN_BYTES ? represent(gzipSync(body), etag.replace(/"$/, '-gzip"'), "gzip") : undefined;
    return { ...represent(body, etag), ...(gzip && { gzip }), route };
  };

  const send = (entry: Entry, req: IncomingMessage, res: ServerResponse): number => {
    const accepts = /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
    const chosen = accepts && entry.gzip ? entry.gzip : entry;
    const inm = req.headers["if-none-match"];
    if (inm !== undefined && matches(inm, chosen.etag)) {
      res.writeHead(304, chosen.notModified);
      res.end();
      return 304;
    }
    res.writeHead(200, chosen.headers);
    res.end(req.method === "HEAD" ? undefined : chosen.body);
    return 200;
  };

  return {
    async respond(req, res, key, build) {
      await ensureFresh();
      let entry = entries.get(key);
      if (!entry) {
        const route = `${req.baseUrl}${String(req.route?.path ?? req.path)}`;
        let pending = building.get(key);
        if (!pending) {
          const into = entries;
          const inFlight = building;
          pending = build()
            .then((built) => {
              const made = toEntry(built, route);
              // Kept only if no newer version was seen meanwhile (then `entries` is a new map).
              if (into === entries) entries.set(key, made);
              return made;
            })
            .finally(() => inFlight.delete(key));
          building.set(key, pending);
        }
        entry = await pending;
      }
      send(entry, req, res);
    },

    tryServe(req, res) {
      if ((req.method !== "GET" && req.method !== "HEAD") || !fresh() || entries.size === 0) return false;
      const url = req.url ?? "";
      const q = url.indexOf("?");
      const entry = entries.get(q < 0 ? url : url.slice(0, q));
      if (!entry) return false;
      const started = process.hrtime.bigint();
      const status = send(entry, req, res);
      options.onServed?.(entry.route, req.method, status, Number(process.hrtime.bigint() - started) / 1e9);
      return true;
    },
  };
}

/** A request listener that lets the cache answer first and hands everything else to `next` (the Express app). */
export function cacheFirst(cache: ResponseCache, next: RequestListener): RequestListener {
  return (req, res) => {
    if (!cache.tryServe(req, res)) next(req, res);
  };
}

/** A JSON answer. */
export function json(value: unknown, lastModified?: string | null): Built {
  return { body: JSON.stringify(value), contentType: "application/json; charset=utf-8", lastModified };
}
