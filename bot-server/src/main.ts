import { ConfigError, parseConfig } from "./config";
import { startBotServer, type Role } from "./server";
import { createLogger } from "./logger";

/**
 * Production entry point, compiled by `npm run build` and run by plain node: `npm run start:prod --
 * all|api|worker`. Needs REDIS_URL and the Zalo credentials; for a local stack with its own Redis and the
 * Zalo simulator use `npm start` at the root.
 */
/** Time allowed after the HTTP drain for the workers and Redis connections to close. */
const STOP_MARGIN_MS = 5_000;
const role = (process.argv[2] ?? "all") as Role;
if (!["all", "api", "worker"].includes(role)) {
  console.error(`Unknown role "${role}": use all, api or worker`);
  process.exit(2);
}
try {
  const config = parseConfig();
  const logger = createLogger(config.logLevel);
  const running = await startBotServer(config, role, logger);
  logger.info({ role, url: running.url }, "bot server ready");
  let stopping = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, "stopping");
      // Closing waits on Redis (workers finish their jobs, connections quit): with Redis gone it would wait
      // forever, and an orchestrator's stop would hang. Past the HTTP drain time plus a margin, give up.
      setTimeout(() => {
        logger.error({ afterMs: config.shutdownTimeoutMs + STOP_MARGIN_MS }, "could not stop cleanly in time; exiting");
        process.exit(1);
      }, config.shutdownTimeoutMs + STOP_MARGIN_MS).unref();
      running.close().then(
        () => process.exit(0),
        (err) => {
          logger.error({ err }, "unclean stop");
          process.exit(1);
        },
      );
    });
  }
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(err instanceof ConfigError ? 2 : 1);
}
