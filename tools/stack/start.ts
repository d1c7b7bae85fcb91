import { resolve } from "node:path";
import { ConfigError, parseConfig, type Config } from "../../bot-server/src/config";
import { catalogueFor } from "../../bot-server/src/catalogue";
import { createLogger } from "../../bot-server/src/logger";
import { startBotServer } from "../../bot-server/src/server";
import { seedDemo } from "../../bot-server/src/domain/demo/seed-demo";
import { ensureDemoAccounts } from "../../bot-server/src/domain/demo/demo-accounts";
import { createAuditStream } from "../../bot-server/src/store/audit-stream";
import { createSessionRepository } from "../../bot-server/src/store/session-repository";
import { createUserRepository } from "../../bot-server/src/store/user-repository";
import { createPostRepository } from "../../bot-server/src/store/post-repository";
import { createReportRepository } from "../../bot-server/src/store/report-repository";
import { createSnapshotRepository } from "../../bot-server/src/store/snapshot-repository";
import { createSimulator, type RunningSimulator } from "../zalo-sim/server";
import { authorizeWithSimulator, sandboxEnv } from "./sandbox-env";
import { ensureMiniAppBuilt } from "../mini-app/build";
import { ensureConsoleBuilt } from "../console/build";
import { openStackRedis, type StackRedis } from "./stack-redis";
import { acquireStackLock, removeStackFile, writeStackFile } from "./stack-file";

/**
 * `npm start`: the whole system on one machine. Redis (REDIS_URL, or a private redis-server with its AOF in
 * DATA_DIR), the Zalo simulator when no Zalo credentials are configured (sandbox mode), the bot server with
 * its workers, and the demo data. Ctrl-C or SIGTERM stops all of it, jobs in hand finishing first.
 */
const say = (msg: string) => process.stderr.write(`${msg}\n`);

function banner(lines: string[]): void {
  const width = Math.max(...lines.map((l) => l.length));
  say("");
  say(`  ┌─${"─".repeat(width)}─┐`);
  for (const l of lines) say(`  │ ${l.padEnd(width)} │`);
  say(`  └─${"─".repeat(width)}─┘`);
  say("");
}

async function main(): Promise<void> {
  let config: Config = parseConfig();
  const catalogue = catalogueFor(config);
  const holder = acquireStackLock(config.dataDir);
  if (holder) {
    throw new ConfigError(
      `A stack is already running on ${resolve(config.dataDir)} (pid ${holder}). Stop it first or set DATA_DIR to another folder.`,
    );
  }
  const logger = createLogger(config.logLevel);
  const stops: Array<() => Promise<void>> = [];
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say("Stopping…");
    for (const stop of stops.reverse()) {
      await stop().catch((err: unknown) => say(`while stopping: ${String(err)}`));
    }
    removeStackFile(config.dataDir);
    process.exit(code);
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => void stopAll(0));

  try {
    // The mini app and the console build (only when their sources changed) while Redis and the simulator start.
    const frontEndsBuilt = Promise.all([ensureMiniAppBuilt(), ensureConsoleBuilt()]);
    frontEndsBuilt.catch(() => {});
    const startedAt = new Date().toISOString();
    const recordStack = (redisUrl: string | undefined, owned: boolean, redisPid?: number) =>
      writeStackFile(config.dataDir, {
        pid: process.pid,
        ...(redisUrl && { redisUrl }),
        privateRedis: owned,
        ...(redisPid ? { redisPid } : {}),
        startedAt,
      });
    // A private redis-server that dies is restarted on the same port and data: the stack heals without a person.
    const redis: StackRedis = await openStackRedis(config, say, {
      onRestart: (pid) => recordStack(redis.url, true, pid),
    });
    stops.push(() => redis.stop());
    recordStack(redis.url, redis.owned, redis.pid);

    let sim: RunningSimulator | undefined;
    if (!config.zalo) {
      sim = await createSimulator({
        port: config.simPort,
        host: "127.0.0.1",
        oaPackage: config.oaPackage,
        homeCity: catalogue.province.zaloCityCodes[0],
      });
      stops.push(() => sim!.close());
      config = parseConfig({ ...process.env, ...redis.env, ...sandboxEnv(sim.url) });
      banner([
        "SANDBOX MODE: no Zalo credentials are configured.",
        `Every Zalo call goes to the local Zalo simulator at ${sim.url}.`,
        "Nothing reaches real Zalo users. README: 'Pointing it at a real OA'.",
      ]);
    } else {
      config = parseConfig({ ...process.env, ...redis.env });
    }

    await frontEndsBuilt;
    const server = await startBotServer(config, "all", logger);
    stops.push(() => server.close());
    if (sim && server.zalo) {
      sim.setWebhookUrl(`${server.url}/webhooks/zalo`);
      // The simulator forgets its tokens when it stops: consent again at every start, as an OA admin would.
      await authorizeWithSimulator(sim, server.zalo.oauth, server.zalo.store);
    }

    // Demo weeks, posts and accounts belong to the sandbox only: never in a real OA's data.
    if (sim) {
      const seeded = await seedDemo({
        reports: createReportRepository(server.redis, server.keys),
        snapshots: createSnapshotRepository(server.redis, server.keys),
        posts: createPostRepository(server.redis, server.keys),
        catalogue,
        seedDir: resolve(import.meta.dirname, "../../bot-server/seed"),
        now: () => new Date(),
      });
      logger.info(seeded, "demo data");
      const demo = await ensureDemoAccounts(
        {
          users: createUserRepository(server.redis, server.keys),
          sessions: createSessionRepository(server.redis, server.keys),
          audit: createAuditStream(server.redis, server.keys),
          now: () => new Date(),
        },
        config.sandboxPassword,
      );
      if (demo.created.length > 0) {
        const password = demo.password
          ? `password ${demo.password} (shown once: note it, or set SANDBOX_PASSWORD)`
          : "the password in SANDBOX_PASSWORD";
        banner([`Console demo accounts: ${demo.created.join(", ")}`, `with ${password}`]);
      }
    }

    // zmp-sdk only offers its desktop stand-ins on a host named localhost (ZALO-PLATFORM E.6).
    const local = server.url!.replace("127.0.0.1", "localhost");
    const parts = [`bot server ${local}`, `mini app ${local}/app/`, `console ${local}/console/`];
    if (sim) parts.push(`Zalo simulator ${sim.url} (sandbox)`);
    process.stdout.write(`ready: ${parts.join(" · ")}\n`);
  } catch (err) {
    say(
      err instanceof ConfigError ? err.message : `Could not start: ${err instanceof Error ? err.message : String(err)}`,
    );
    await stopAll(err instanceof ConfigError ? 2 : 1);
  }
}

main().catch((err: unknown) => {
  say(err instanceof ConfigError ? err.message : String(err));
  process.exit(err instanceof ConfigError ? 2 : 1);
});
