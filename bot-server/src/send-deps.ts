import { broadcastCities, DEFAULT_PLATFORM_LIMITS, describeCityCodes, type Catalogue } from "@cds/shared";
import type { Config } from "./config";
import type { AuditLog } from "./domain/audit/audit-log";
import type { SendDeps } from "./domain/delivery/send";
import type { Producers } from "./queues/producers";
import { sendScheduler } from "./queues/send-scheduler";
import type { FollowerRegistry } from "./domain/followers/ports";
import type { Keyspace } from "./store/keys";
import type { PostRepository } from "./domain/posts/ports";
import type { Redis } from "./store/redis";
import type { Durability } from "./domain/durability";
import { createSendRepository } from "./store/send-repository";
import type { ZaloClient } from "./zalo/client";
import { createSendChannel, zaloNotConfigured } from "./zalo/send-channel";

/** What the delivery engine runs on, assembled once for the API (scheduling, control) and the workers (the send). */
export function createSendDeps(o: {
  config: Config;
  catalogue: Catalogue;
  redis: Redis;
  keys: Keyspace;
  producers: Producers;
  registry: FollowerRegistry;
  posts: PostRepository;
  audit: AuditLog;
  durability: Durability;
  client?: ZaloClient;
  /** The delivery engine's clock (epoch ms): tests that must not depend on the hour move it to daytime. */
  now?: () => number;
}): SendDeps {
  const now = o.now ?? Date.now;
  const author = o.catalogue.province.department;
  const limits = DEFAULT_PLATFORM_LIMITS;
  return {
    posts: o.posts,
    audit: o.audit,
    sends: createSendRepository(o.redis, o.keys, o.registry),
    scheduler: sendScheduler(o.producers, now),
    channel: o.client ? createSendChannel(o.client, { author }) : zaloNotConfigured(),
    author,
    audience: (nowMs) =>
      o.registry.audience(nowMs, {
        freeMs: limits.csFreeWindowHours * 3600_000,
        csMs: limits.csWindowDays * 24 * 3600_000,
      }),
    limits,
    oaPackage: o.config.oaPackage,
    cities: broadcastCities(o.catalogue.province),
    citiesLabel: describeCityCodes(o.catalogue.province.zaloCityCodes),
    billedMessagePriceVnd: o.config.csBilledPriceVnd,
    staleAfterMs: o.config.sendStaleAfterMs,
    batchSize: o.config.digestBatchSize,
    lanes: 4,
    claimGroup: 32,
    durability: o.durability,
    maxFailureStreak: 50,
    // Dots in ids are encoded: the mini app's router reads a raw dot as a file extension.
    postUrl: (id) => `${o.config.miniAppUrl}/news/${encodeURIComponent(id).replace(/\./g, "%2E")}`,
    testGroup: o.config.testGroupUserIds,
    now,
  };
}
