import { pino, type Logger } from "pino";

export type { Logger };

const REDACT = [
  "req.headers.authorization",
  "req.headers.cookie",
  "req.headers.access_token",
  "req.headers.secret_key",
  'req.headers["x-csrf-token"]',
  "*.password",
  "*.access_token",
  "*.refresh_token",
  "*.secret",
];

/** JSON lines on stdout; secrets in headers and bodies are redacted wherever they appear. */
export function createLogger(level: string, name = "bot-server"): Logger {
  return pino({ name, level, redact: { paths: REDACT, censor: "[redacted]" } });
}

/**
 * A log call for something that can repeat many times a second while a dependency is down: the first
 * occurrence is logged, then at most one line per interval, saying how many were left out.
 */
export function throttledLog(
  logger: Logger,
  level: "warn" | "error" | "info",
  intervalMs = 10_000,
): (fields: Record<string, unknown>, msg: string) => void {
  let last = 0;
  let skipped = 0;
  return (fields, msg) => {
    const now = Date.now();
    if (now - last < intervalMs) {
      skipped += 1;
      return;
    }
    logger[level]({ ...fields, ...(skipped > 0 && { similarLinesSkipped: skipped }) }, msg);
    last = now;
    skipped = 0;
  };
}
