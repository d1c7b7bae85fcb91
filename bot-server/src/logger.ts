import { pino, type Logger } from "pino";

export type { Logger };

const REDACT = ["req.headers.authorization", "req.headers.cookie", "req.headers.access_token", "req.headers.secret_key", "req.headers[\"x-csrf-token\"]", "*.password", "*.access_token", "*.refresh_token", "*.secret"];

/** JSON lines on stdout; secrets in headers and bodies are redacted wherever they appear. */
export function createLogger(level: string, name = "bot-server"): Logger {
  return pino({ name, level, redact: { paths: REDACT, censor: "[redacted]" } });
}
