import type { ChildProcess } from "node:child_process";
import { defaultCatalogue, type Post } from "@cds/shared";
import { parseConfig, type RedisTarget } from "../../bot-server/src/config";
import { startSend, type SendDeps } from "../../bot-server/src/domain/delivery/send";
import { contentHash } from "../../bot-server/src/domain/posts/workflow";
import { digestText } from "../../bot-server/src/domain/delivery/outgoing";
import { createLogger } from "../../bot-server/src/logger";
import { createProducers } from "../../bot-server/src/queues/producers";
import { createSendDeps } from "../../bot-server/src/send-deps";
import { createAuditStream } from "../../bot-server/src/store/audit-stream";
import { createFollowerRegistry } from "../../bot-server/src/store/follower-registry";
import type { RegistryUpdate } from "../../bot-server/src/domain/followers/ports";
import type { Keyspace } from "../../bot-server/src/store/keys";
import type { Redis } from "../../bot-server/src/store/redis";
import { createPostRepository } from "../../bot-server/src/store/post-repository";
import type { PrivateRedis } from "../redis/private-redis";
import type { RedisTopology, TopologyKind } from "../redis/topology";
import { createReplicationBarrier } from "../../bot-server/src/store/replication";
import type { RunningSimulator } from "../zalo-sim/server";
import { findFreePort } from "../redis/find-free-port";
import { startSandboxRig } from "./sandbox-rig";

/**
 * What `bench:delivery`, `chaos:delivery` and `soak` run on: a private, supervised Redis (AOF on) or a
 * local Cluster or Sentinel group, the Zalo simulator with N subscribed, active followers in Hải Dương (and,
 * for the soak, many more who follow but have not written lately), the same followers in the server's
 * registry, W worker processes, and one approved post ready to send (its digest, and with `broadcast` its
 * article to every follower too). The send is started in this process (its start job's work, timed); the
 * workers do the rest.
 */
export interface DeliveryRig {
  sim: RunningSimulator;
  /** The one supervised server, or (topology cluster|sentinel) the group whose master can be failed over. */
  redis?: PrivateRedis;
  topology?: RedisTopology;
  target: RedisTarget;
  /** The run's own connection, and the deployment's keys. */
  conn: Redis;
  keys: Keyspace;
  followers: string[];
  postId: string;
  digest: string;
  deps: SendDeps;
  /** The send's audience and ledger bitmaps: what a recipient costs in Redis. */
  ledgerKeys: string[];
  workers: ChildProcess[];
  /** The api process, for the chatbot's webhook. */
  apiUrl: string;
  startWorker(): Promise<ChildProcess>;
  /** One more API process on the same data: its URL. */
  startApi(): Promise<string>;
  simJson<T>(path: string, body?: unknown): Promise<T>;
  /** Starts the send as its job would at its time; resolves when the digest's pages are queued. */
  start(): Promise<void>;
  close(): Promise<void>;
}

const SEED_BATCH = 2_000;

export async function startDeliveryRig(o: {
  followers: number;
  ratePerMinute?: number;
  workers: number;
  /** Followers in the province who neither subscribed nor wrote within the CS window: the broadcast's reach. */
  inactiveFollowers?: number;
  /** Whether the post also goes out as a broadcast article (it then has a cover). */
  broadcast?: boolean;
  topology?: TopologyKind;
  log?: (line: string) => void;
}): Promise<DeliveryRig> {
  const log = o.log ?? (() => {});
  const unlimited = 100_000_000;
  const rate = o.ratePerMinute ?? unlimited;
  const rig = await startSandboxRig({
    label: "deliv",
    sim: { articleProcessingMs: 0, limits: { rateLimitPerMinute: rate } },
    env: { ZALO_RATE_LIMIT_PER_MIN: String(rate) },
    ...(o.topology && { topology: o.topology }),
    log,
  });
  const { sim, simJson, conn, keys } = rig;
  const producers = createProducers({
    redis: rig.target,
    bullPrefix: keys.bullPrefix,
    logger: createLogger("silent"),
  });

  log(`seeding ${o.followers} followers`);
  await simJson("/__sim/followers", { count: o.followers, active_within_days: 1, subscribed: true, city: "10" });
  const inactive = o.inactiveFollowers ?? 0;
  if (inactive > 0) {
    log(`seeding ${inactive} more followers who follow and nothing else`);
    await simJson("/__sim/followers", { count: inactive, city: "10" });
  }
  const idsOf = async (subscribed: boolean) => {
    const ids: string[] = [];
    for (let after: string | null = null; ;) {
      const page: { ids: string[]; next_after: string | null } = await simJson(
        `/__sim/followers?subscribed=${subscribed}&limit=100000${after ? `&after=${after}` : ""}`,
      );
      ids.push(...page.ids);
      if (!page.next_after) return ids;
      after = page.next_after;
    }
  };
  const followers = await idsOf(true);
  const registry = createFollowerRegistry(conn, keys);
  const at = Date.now() - 3600_000;
  const seed = async (ids: string[], active: boolean) => {
    for (let i = 0; i < ids.length; i += SEED_BATCH) {
      const updates: RegistryUpdate[] = ids.slice(i, i + SEED_BATCH).flatMap((userId) =>
        active
          ? [
              { userId, op: "follow" as const, atMs: at },
              { userId, op: "interact" as const, atMs: at },
              { userId, op: "subscribe" as const },
            ]
          : [{ userId, op: "follow" as const, atMs: at }],
      );
      await registry.apply(updates);
    }
  };
  await seed(followers, true);
  if (inactive > 0) await seed(await idsOf(false), false);

  const config = parseConfig(rig.env);
  const startWorker = async () => (await rig.startProcess("worker")).child;
  const api = await rig.startProcess("api");
  sim.setWebhookUrl(`${api.url}/webhooks/zalo`);
  const workers: ChildProcess[] = [];
  for (let w = 0; w < o.workers; w++) workers.push(await startWorker());

  const posts = createPostRepository(conn, keys);
  const audit = createAuditStream(conn, keys);
  const deps = createSendDeps({
    durability: createReplicationBarrier(conn, keys.sendBudget, config.redisDurability),
    config,
    catalogue: defaultCatalogue,
    redis: conn,
    keys,
    producers,
    registry,
    posts,
    audit,
  });
  const now = new Date().toISOString();
  const content = {
    title: "Chuyển đổi số Hải Dương: bản tin tuần",
    summary: "Tỷ lệ hồ sơ nộp trực tuyến đạt 93%",
    body: "Nội dung bản tin.",
    highlights: [],
    events: [],
    ...(o.broadcast && { coverImageUrl: "https://example.org/bia.jpg" }),
  };
  const post: Post = {
    id: `ban-tin-${rig.prefix}`,
    ...content,
    status: "scheduled",
    version: 1,
    createdAt: now,
    createdBy: "editor",
    approval: { by: "approver", at: now, contentHash: contentHash(content) },
  };
  await posts.createIfAbsent(post);
  const plan = {
    startsAt: now,
    warnings: [],
    broadcast: {
      included: o.broadcast ?? false,
      cities: "10",
      where: "Hải Dương (10)",
      estimatedReach: o.broadcast ? followers.length + inactive : 0,
    },
    digest: { recipients: followers.length, free: followers.length, billable: 0, estimatedCostVnd: 0 },
    notReached: [],
  };
  await deps.sends.save({
    postId: post.id,
    state: "scheduled",
    scheduledFor: now,
    scheduledBy: "approver",
    plan,
    digest: { state: "pending", recipients: 0, batches: 0 },
  });
  await deps.sends.saveBroadcast(post.id, { state: o.broadcast ? "pending" : "skipped" });

  return {
    sim,
    ...(rig.redis && { redis: rig.redis }),
    ...(rig.topology && { topology: rig.topology }),
    target: rig.target,
    conn,
    keys,
    followers,
    postId: post.id,
    digest: digestText(post),
    deps,
    ledgerKeys: (({ audience, sent, failed, skipped, inflight }) => [audience, sent, failed, skipped, inflight])(
      keys.send(post.id),
    ),
    workers,
    apiUrl: api.url,
    startWorker,
    startApi: async () => (await rig.startProcess("api", { PORT: String(await findFreePort()) })).url,
    simJson,
    start: () => startSend(deps, post.id),
    async close() {
      await producers.close().catch(() => {});
      await rig.close();
    },
  };
}
