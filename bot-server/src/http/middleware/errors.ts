import type { ErrorRequestHandler, RequestHandler } from "express";
import type { Logger } from "../../logger";

/** An error whose message is safe to show the caller, with its HTTP status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const notFound: RequestHandler = (req, res) => {
  res.status(404).json({ error: "not_found", message: `Không tìm thấy ${req.method} ${req.path}` });
};

/**
 * Client mistakes become clear 4xx answers; only our own faults are 5xx, logged with the request id (or by
 * the app's logger for routes that run before request logging, like the webhook).
 */
export const errorHandler = (logger: Logger): ErrorRequestHandler => (err, req, res, _next) => {
  if (err instanceof HttpError) {
    res.status(err.status).json({ error: err.code, message: err.message });
    return;
  }
  // body-parser errors carry a 4xx status and a type.
  const status = typeof err?.status === "number" ? err.status : typeof err?.statusCode === "number" ? err.statusCode : 500;
  if (status >= 400 && status < 500) {
    const code = status === 413 ? "payload_too_large" : status === 415 ? "unsupported_media_type" : "bad_request";
    const message = status === 413 ? "Dữ liệu gửi lên quá lớn" : err?.type === "entity.parse.failed" ? "JSON không hợp lệ" : "Yêu cầu không hợp lệ";
    res.status(status).json({ error: code, message });
    return;
  }
  (req.log ?? logger).error({ err, method: req.method, url: req.originalUrl }, "unhandled error");
  res.status(500).json({ error: "internal", message: "Lỗi máy chủ, vui lòng thử lại sau" });
};
