import { parseConfig } from "../../bot-server/src/config";
import { createLogger } from "../../bot-server/src/logger";
import { startBotServer, type Role } from "../../bot-server/src/server";

/**
 * The bot server in its own process for the benchmarks, in the role given as argument (default api):
 * configured from the environment like production, prints "READY <url>", and stops when its parent closes
 * stdin (so it never outlives the bench).
 */
const config = parseConfig();
const role = (process.argv[2] ?? "api") as Role;
const running = await startBotServer(config, role, createLogger(config.logLevel));
process.stdout.write(`READY ${running.url ?? "worker"}\n`);
process.stdin.resume();
process.stdin.on("end", () => {
  running.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
