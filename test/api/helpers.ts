import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { defaultCatalogue, type Snapshot } from "@cds/shared";
import { createApp } from "../../bot-server/src/http/app";
import { createMetrics } from "../../bot-server/src/http/metrics";
import { cacheFirst } from "../../bot-server/src/http/middleware/cache";
import { createPublicApi } from "../../bot-server/src/http/routes/public";
import { createLogger } from "../../bot-server/src/logger";
import { importDraft } from "../../bot-server/src/domain/indicators/import-draft";
import { publishSnapshot } from "../../bot-server/src/domain/indicators/publish-snapshot";
import { keyspace, type Keyspace } from "../../bot-server/src/store/keys";
import { createRedis, type Redis } from "../../bot-server/src/store/redis";
import { createReportRepository } from "../../bot-server/src/store/report-repository";
import type { ReportRepository } from "../../bot-server/src/domain/reports/ports";
import { createPostRepository } from "../../bot-server/src/store/post-repository";
import { createSnapshotRepository } from "../../bot-server/src/store/snapshot-repository";
import type { SnapshotRepository } from "../../bot-server/src/domain/indicators/ports";
import { connectTestRedis, dropPrefix, redisTarget, uniquePrefix } from "../harness/redis";
import { FOUNDING_REPORT_NAME, foundingImport, foundingReportText } from "./founding-week";

export interface TestStore {
  prefix: string;
  redis: Redis;
  keys: Keyspace;
  snapshots: SnapshotRepository;
  reports: ReportRepository;
  /** A clock the test moves by hand. */
  clock: { now: () => Date; set(iso: string): void };
  close(): Promise<void>;
}

export function openStore(label: string): TestStore {
  const prefix = uniquePrefix(label);
  const redis = connectTestRedis();
  const keys = keyspace(prefix);
  let current = new Date("2024-08-30T10:00:00Z");
  return {
    prefix,
    redis,
    keys,
    snapshots: createSnapshotRepository(redis, keys),
    reports: createReportRepository(redis, keys),
    clock: { now: () => current, set: (iso) => (current = new Date(iso)) },
    async close() {
      await dropPrefix(redis, prefix);
      await redis.quit();
    },
  };
}

/** Imports the founding report as a draft and publishes it, as an editor and an approver would. */
export async function publishFounding(store: Pick<TestStore, "snapshots" | "reports" | "clock">): Promise<Snapshot> {
  const draft = await importDraft(
    { snapshots: store.snapshots, reports: store.reports, now: store.clock.now },
    { name: FOUNDING_REPORT_NAME, text: foundingReportText(), result: foundingImport(), by: "editor@so-tttt" },
  );
  return publishSnapshot(
    { snapshots: store.snapshots, now: store.clock.now },
    { week: draft.id, revision: draft.revision, by: "approver@so-tttt" },
  );
}

export interface RunningApi {
  url: string;
  close(): Promise<void>;
}

/**
 * The HTTP side of the bot server as server.ts composes it (public API mounted in the app, cache hits
 * answered in front of Express), with its own Redis connection as a separate process would have.
 */
export async function startApi(prefix: string): Promise<RunningApi> {
  const redis = createRedis(redisTarget(), "test-api");
  const keys = keyspace(prefix);
  const logger = createLogger("silent");
  const metrics = createMetrics();
  const publicApi = createPublicApi({
    snapshots: createSnapshotRepository(redis, keys),
    posts: createPostRepository(redis, keys),
    catalogue: defaultCatalogue,
    metrics,
    logger,
  });
  const app = createApp({ logger, redis, metrics, publicApi: publicApi.router });
  const server: Server = await new Promise((ok) => {
    const s = createServer(cacheFirst(publicApi.cache, app)).listen(0, "127.0.0.1", () => ok(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      await new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      });
      await redis.quit();
    },
  };
}
