import { parseConfig } from "../../bot-server/src/config";
import { createLogger } from "../../bot-server/src/logger";
import { startBotServer } from "../../bot-server/src/server";

/**
 * The bot server's API role in its own process, for the benchmark: configured from the environment like
 * production, prints "READY <url>", and stops when its parent closes stdin (so it never outlives the bench).
 */
const config = parseConfig();
const running = await startBotServer(config, "api", createLogger(config.logLevel));
process.stdout.write(`READY ${running.url}\n`);
process.stdin.resume();
process.stdin.on("end", () => {
  running.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
