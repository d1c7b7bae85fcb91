import { randomUUID } from "node:crypto";
import type { RequestHandler } from "express";
import { stdSerializers } from "pino";
import { pinoHttp } from "pino-http";
import type { Logger } from "../../logger";
import type { Metrics } from "../metrics";

const CLIENT_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** The path without its query string: a token passed as `?access_token=` must never reach a log. */
export function pathOnly(url: string): string {
  const q = url.indexOf("?");
  return q === -1 ? url : `${url.slice(0, q)}?[query omitted]`;
}

/**
 * Request id (the caller's X-Request-Id when it is sane, else a new one), echoed in the response and
 * carried by every log line of the request; plus HTTP metrics by route pattern (never by raw URL, which
 * would explode label cardinality).
 */
export function requestLogging(logger: Logger): RequestHandler {
  return pinoHttp({
    logger,
    genReqId: (req, res) => {
      const given = req.headers["x-request-id"];
      const id = typeof given === "string" && CLIENT_ID.test(given) ? given : randomUUID();
      res.setHeader("X-Request-Id", id);
      return id;
    },
    // 503 is a dependency being down (already logged, throttled, where it is detected), not a bug.
    customLogLevel: (_req, res, err) =>
      res.statusCode === 503
        ? "warn"
        : err || res.statusCode >= 500
          ? "error"
          : res.statusCode >= 400
            ? "warn"
            : "debug",
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        url: pathOnly(req.url),
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      // pino-http makes up an Error for every 5xx answer: its stack points into pino-http and says nothing.
      err: (err: Error) =>
        /^failed with status code \d+$/.test(err.message) ? { message: err.message } : stdSerializers.err(err),
    },
  });
}

export function requestMetrics(metrics: Metrics): RequestHandler {
  return (req, res, next) => {
    const end = metrics.httpDuration.startTimer();
    res.on("finish", () => {
      const route = req.route?.path ? `${req.baseUrl}${String(req.route.path)}` : req.baseUrl || "unmatched";
      end({ method: req.method, route });
      metrics.httpRequests.inc({ method: req.method, route, status: String(res.statusCode) });
    });
    next();
  };
}
