import { parseConfig } from "../../bot-server/src/config";
import { createLogger } from "../../bot-server/src/logger";
import { startBotServer, type Role } from "../../bot-server/src/server";
import { findFreePort } from "../redis/find-free-port";

/**
 * The bot server in its own process for the benchmarks, in the role given as argument (default api):
 * configured from the environment like production, prints "READY <url>", and stops when its parent closes
 * stdin (so it never outlives the bench).
 */
const role = (process.argv[2] ?? "api") as Role;
// Several workers run side by side here: each takes a free port for its health and metrics.
const config = parseConfig({
  ...process.env,
  WORKER_METRICS_PORT: process.env.WORKER_METRICS_PORT ?? String(await findFreePort()),
});
const running = await startBotServer(config, role, createLogger(config.logLevel));
process.stdout.write(`READY ${running.url ?? "worker"}\n`);
process.stdin.resume();
process.stdin.on("end", () => {
  running.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
