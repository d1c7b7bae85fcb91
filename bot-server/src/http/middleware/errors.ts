import type { ErrorRequestHandler, RequestHandler } from "express";
import { throttledLog, type Logger } from "../../logger";
import { isRedisUnavailable } from "../../store/redis";
import { pathOnly } from "./request-context";

/** Seconds a client (Zalo's webhook, the mini app) is asked to wait when Redis is down. */
const RETRY_AFTER_SECONDS = 5;

/** An error whose message is safe to show the caller, with its HTTP status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Field → what is wrong with it, for forms. */
    readonly fields?: Record<string, string>,
  ) {
    super(message);
  }
}

export const notFound: RequestHandler = (req, res) => {
  res.status(404).json({ error: "not_found", message: `Không tìm thấy ${req.method} ${req.path}` });
};

/**
 * Client mistakes become clear 4xx answers; Redis being unreachable is a 503 with Retry-After; only our own
 * faults are 500s, logged with the request id (or by the app's logger for routes that run before request
 * logging, like the webhook).
 */
export const errorHandler = (logger: Logger): ErrorRequestHandler => {
  const logUnavailable = throttledLog(logger, "warn");
  return (err, req, res, _next) => {
    if (isRedisUnavailable(err)) {
      // Not a bug: the store is down for a moment. One line now and then, no stack, and a 503 the caller retries.
      logUnavailable(
        { path: req.path, reason: err instanceof Error ? err.message : String(err) },
        "Redis unavailable: answering 503",
      );
      res
        .set("Retry-After", String(RETRY_AFTER_SECONDS))
        .status(503)
        .json({ error: "unavailable", message: "Hệ thống đang tạm gián đoạn, vui lòng thử lại sau ít phút" });
      return;
    }
    if (err instanceof HttpError) {
      res.status(err.status).json({ error: err.code, message: err.message, ...(err.fields && { fields: err.fields }) });
      return;
    }
    // body-parser errors carry a 4xx status and a type.
    const status =
      typeof err?.status === "number" ? err.status : typeof err?.statusCode === "number" ? err.statusCode : 500;
    if (status >= 400 && status < 500) {
      const code = status === 413 ? "payload_too_large" : status === 415 ? "unsupported_media_type" : "bad_request";
      const message =
        status === 413
          ? "Dữ liệu gửi lên quá lớn"
          : err?.type === "entity.parse.failed"
            ? "JSON không hợp lệ"
            : "Yêu cầu không hợp lệ";
      res.status(status).json({ error: code, message });
      return;
    }
    (req.log ?? logger).error({ err, method: req.method, url: pathOnly(req.originalUrl) }, "unhandled error");
    res.status(500).json({ error: "internal", message: "Lỗi máy chủ, vui lòng thử lại sau" });
  };
};
