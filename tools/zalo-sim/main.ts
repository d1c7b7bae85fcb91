/**
 * CLI: `tsx tools/zalo-sim/main.ts --port 3001 --webhook-url http://localhost:3000/webhooks/zalo`
 * Prints one JSON line with the URL on stdout (for launchers to read); logs go to stderr.
 */
import { parseArgs } from "node:util";
import { OA_PACKAGES, type OaPackage } from "@cds/shared";
import { createSimulator, SANDBOX_CREDENTIALS } from "./server";

function fail(message: string): never {
  process.stderr.write(`zalo-sim: ${message}\n`);
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "0" },
    host: { type: "string", default: "127.0.0.1" },
    "webhook-url": { type: "string" },
    "oa-package": { type: "string", default: "premium" },
    "rate-limit": { type: "string" },
    "article-processing-ms": { type: "string" },
    "echo-oa-messages": { type: "boolean", default: false },
    quiet: { type: "boolean", default: false },
  },
  strict: true,
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be 0..65535, got ${values.port}`);
const oaPackage = values["oa-package"] as OaPackage;
if (!OA_PACKAGES.includes(oaPackage)) fail(`--oa-package must be one of ${OA_PACKAGES.join(", ")}`);
const rateLimit = values["rate-limit"] === undefined ? undefined : Number(values["rate-limit"]);
if (rateLimit !== undefined && !(Number.isInteger(rateLimit) && rateLimit > 0))
  fail("--rate-limit must be a positive integer");
const processing = values["article-processing-ms"] === undefined ? undefined : Number(values["article-processing-ms"]);
if (processing !== undefined && !(Number.isInteger(processing) && processing >= 0))
  fail("--article-processing-ms must be ≥ 0");

const sim = await createSimulator({
  port,
  host: values.host,
  oaPackage,
  echoOaMessages: values["echo-oa-messages"],
  ...(values["webhook-url"] !== undefined && { webhookUrl: values["webhook-url"] }),
  ...(rateLimit !== undefined && { limits: { rateLimitPerMinute: rateLimit } }),
  ...(processing !== undefined && { articleProcessingMs: processing }),
  ...(!values.quiet && { logger: (line: object) => process.stderr.write(`${JSON.stringify(line)}\n`) }),
});

process.stdout.write(
  `${JSON.stringify({
    event: "zalo-sim.listening",
    url: sim.url,
    port: sim.port,
    app_id: SANDBOX_CREDENTIALS.appId,
    oa_id: SANDBOX_CREDENTIALS.oaId,
    webhook_url: values["webhook-url"] ?? null,
  })}\n`,
);

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  process.stderr.write(`zalo-sim: ${signal}, closing\n`);
  void sim.close().then(() => process.exit(0));
};
process.on("SIGINT", () => stop("SIGINT"));
process.on("SIGTERM", () => stop("SIGTERM"));
