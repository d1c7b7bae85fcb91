import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Queue } from "bullmq";
import { defaultCatalogue } from "@cds/shared";
import type { InboundDeps } from "../../bot-server/src/domain/inbound/handle-inbound-event";
import { createLogger } from "../../bot-server/src/logger";
import { createQueueHandlers } from "../../bot-server/src/queues/handlers";
import { parseConfig } from "../../bot-server/src/config";
import { createSendDeps } from "../../bot-server/src/send-deps";
import { createAuditStream } from "../../bot-server/src/store/audit-stream";
import { createPostRepository } from "../../bot-server/src/store/post-repository";
import { createProducers } from "../../bot-server/src/queues/producers";
import { startWorkerPool, type WorkerPool } from "../../bot-server/src/queues/worker-pool";
import { createChatRepository } from "../../bot-server/src/store/chat-repository";
import { createFollowerRegistry } from "../../bot-server/src/store/follower-registry";
import { keyspace } from "../../bot-server/src/store/keys";
import { createQueueConnection } from "../../bot-server/src/store/redis";
import { ZaloApiError } from "../../bot-server/src/zalo/errors";
import { connectTestRedis, dropPrefix, redisEnv, redisTarget, uniquePrefix } from "../harness/redis";
import { eventually } from "../harness/eventually";

/** The real worker pool and BullMQ's retries (5 attempts by default), with a messenger that fails as told. */
describe("inbound jobs that cannot succeed", () => {
  const redis = connectTestRedis();
  const prefix = uniquePrefix("retries");
  const keys = keyspace(prefix);
  const logger = createLogger("silent");
  const failures = new Map<string, () => Error>();
  let sends = 0;
  let producers: ReturnType<typeof createProducers>;
  let pool: WorkerPool;
  let queue: Queue;

  /** What the pool reported: the same calls /metrics counts. */
  const observed = { retried: 0, failedForGood: 0 };
  const observer = {
    finished: () => {},
    retried: () => void observed.retried++,
    failedForGood: () => void observed.failedForGood++,
  };

  const inbound: InboundDeps = {
    registry: createFollowerRegistry(redis, keys),
    directory: { isFollower: async () => false },
    chats: createChatRepository(redis, keys),
    content: { latestIndicators: async () => undefined, latestNews: async () => [] },
    // One Redis without replicas: nothing to wait for.
    durability: { replicated: async () => {} },
    messenger: {
      sendReply: async (userId) => {
        sends++;
        const fail = failures.get(userId);
        if (fail) throw fail();
        return true;
      },
      wasSent: async () => false,
    },
    chat: { catalogue: defaultCatalogue, miniAppUrl: (path) => path },
    logger,
    now: Date.now,
  };

  beforeAll(() => {
    producers = createProducers({ redis: redisTarget(), bullPrefix: keys.bullPrefix });
    const config = parseConfig({ ...redisEnv(), KEY_PREFIX: prefix });
    const handlers = createQueueHandlers({
      inbound,
      backfill: {
        lister: { getList: async () => ({ total: 0, userIds: [] }) },
        registry: inbound.registry,
        logger,
        now: Date.now,
        timeZone: "Asia/Ho_Chi_Minh",
        pageSize: 50,
        maxOffset: 9951,
      },
      delivery: createSendDeps({
        durability: inbound.durability,
        config,
        catalogue: defaultCatalogue,
        redis,
        keys,
        producers,
        registry: inbound.registry,
        posts: createPostRepository(redis, keys),
        audit: createAuditStream(redis, keys),
      }),
    });
    pool = startWorkerPool(handlers, { redis: redisTarget(), bullPrefix: keys.bullPrefix, logger, observer });
    queue = new Queue("inbound", {
      connection: createQueueConnection(redisTarget(), "test-retries"),
      prefix: keys.bullPrefix,
    });
  });
  afterAll(async () => {
    await pool.close();
    await producers.close();
    await queue.close();
    await dropPrefix(redis, prefix);
    redis.disconnect();
  });

  /** Waits for one of `states`; the job is read after its state, so what it says is at least that recent. */
  const settle = async (jobId: string, states: string[]) => {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const state = await queue.getJobState(jobId);
      if (states.includes(state) || Date.now() > deadline) {
        const job = await queue.getJob(jobId);
        return { state, attempts: job?.attemptsMade, reason: job?.failedReason };
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const message = (userId: string) => ({
    event: { type: "text" as const, userId, at: Date.now(), eventName: "user_send_text", text: "tin mới" },
    receivedAt: Date.now(),
  });

  it("fails a job on a permanent Zalo error at the first attempt", async () => {
    const user = "5512345678901210001";
    failures.set(user, () => new ZaloApiError(-201, "recipient is invalid", "/v3.0/oa/message/cs"));
    const before = sends;
    const job = await producers.add("inbound", message(user));
    const reported = { ...observed };
    expect(await settle(job.id!, ["failed"])).toMatchObject({
      state: "failed",
      attempts: 1,
      reason: expect.stringMatching(/-201/),
    });
    expect(sends - before).toBe(1);
    await eventually(
      async () => observed.failedForGood,
      (n) => n > reported.failedForGood,
    );
    expect(observed).toMatchObject({ failedForGood: reported.failedForGood + 1, retried: reported.retried });
  });

  it("fails a job whose user id the registry cannot hold at the first attempt", async () => {
    const job = await producers.add("inbound", message("not-a-zalo-id"));
    expect(await settle(job.id!, ["failed"])).toMatchObject({
      state: "failed",
      attempts: 1,
      reason: expect.stringMatching(/not a Zalo user id/),
    });
  });

  it("still retries what may pass later (the rate limit)", async () => {
    const user = "5512345678901210002";
    failures.set(user, () => new ZaloApiError(-32, "reached limit call api", "/v3.0/oa/message/cs"));
    const job = await producers.add("inbound", message(user));
    const reported = { ...observed };
    const after = await settle(job.id!, ["delayed", "waiting", "failed"]);
    expect(after).toMatchObject({ state: "delayed", attempts: 1 });
    await eventually(
      async () => observed.retried,
      (n) => n > reported.retried,
    );
    expect(observed).toMatchObject({ retried: reported.retried + 1, failedForGood: reported.failedForGood });
    await job.remove();
  });
});
