import type { Post } from "@cds/shared";
import { afterAll, describe, expect, it } from "vitest";
import { SendRefusal, type SendChannel } from "../../bot-server/src/domain/delivery/ports";
import { retryFailed, sendDigestBatch, type SendDeps } from "../../bot-server/src/domain/delivery/send";
import { digestText } from "../../bot-server/src/domain/delivery/outgoing";
import { createAuditStream } from "../../bot-server/src/store/audit-stream";
import { createFollowerRegistry } from "../../bot-server/src/store/follower-registry";
import { keyspace } from "../../bot-server/src/store/keys";
import { createPostRepository } from "../../bot-server/src/store/post-repository";
import { createSendRepository } from "../../bot-server/src/store/send-repository";
import { RedisUnavailableError } from "../../bot-server/src/store/redis";
import { connectTestRedis, dropPrefix, uniquePrefix } from "../harness/redis";
import { approverActor, directSendDeps } from "../harness/send-deps";

/** The digest's ledger against a real Redis, with Zalo replaced by a recorder that can "die" mid-send. */
describe("the digest: each recipient once", () => {
  const redis = connectTestRedis();
  const prefixes: string[] = [];
  afterAll(async () => {
    for (const p of prefixes) await dropPrefix(redis, p);
    redis.disconnect();
  });

  /** Each test its own registry and send, under its own prefix. */
  async function setup(users: string[], channel: SendChannel, options: Partial<SendDeps> = {}) {
    const prefix = uniquePrefix("digest");
    prefixes.push(prefix);
    const keys = keyspace(prefix);
    const registry = createFollowerRegistry(redis, keys);
    const now = Date.now();
    for (const id of users)
      await registry.apply([
        { userId: id, op: "follow", atMs: now - 3600_000 },
        { userId: id, op: "interact", atMs: now - 3600_000 },
        { userId: id, op: "subscribe" },
      ]);
    const posts = createPostRepository(redis, keys);
    const sends = createSendRepository(redis, keys, registry);
    const postId = `ban-tin-${users[0]}`;
    const iso = new Date(now).toISOString();
    const post: Post = {
      id: postId,
      title: "Bản tin tuần",
      summary: "Tóm tắt",
      body: "Nội dung",
      highlights: [],
      events: [],
      status: "sending",
      version: 1,
      createdAt: iso,
      createdBy: "editor",
    };
    await posts.createIfAbsent(post);
    const recipients = await sends.freezeAudience(postId, now, 7 * 24 * 3600_000);
    const plan = {
      startsAt: iso,
      warnings: [],
      broadcast: { included: false, cities: "10", where: "", estimatedReach: 0 },
      digest: { recipients, free: recipients, billable: 0, estimatedCostVnd: 0 },
      notReached: [],
    };
    await sends.save({
      postId,
      state: "sending",
      scheduledFor: iso,
      scheduledBy: "approver",
      plan,
      startedAt: iso,
      digest: { state: "frozen", recipients, batches: 1 },
    });
    await sends.saveBroadcast(postId, { state: "skipped" });
    const deps = directSendDeps(
      { posts, audit: createAuditStream(redis, keys), sends, channel },
      { maxFailureStreak: 3, citiesLabel: "", ...options },
    );
    const [batch] = await sends.audienceBatches(postId, 500);
    return { deps, postId, batch: batch!, sends, posts, recipients, keys };
  }

  it("sends each once across a worker that died after Zalo accepted a message, and finishes the post", async () => {
    const users = [
      "5520000000000000001",
      "5520000000000000002",
      "5520000000000000003",
      "5520000000000000004",
      "5520000000000000005",
    ];
    const delivered: Array<{ userId: string; text: string }> = [];
    let dieAfter = 3;
    const channel: SendChannel = {
      createArticle: async () => "",
      waitForArticle: async () => "",
      broadcastArticle: async () => "",
      async sendDigest(userId, text) {
        delivered.push({ userId, text });
        if (--dieAfter === 0) throw new Error("SIGKILL between Zalo's answer and the record");
      },
      wasSent: async (userId, isTheMessage) => delivered.some((d) => d.userId === userId && isTheMessage(d.text)),
    };
    const { deps, postId, batch, sends, posts } = await setup(users, channel);
    await expect(sendDigestBatch(deps, postId, batch)).rejects.toThrow("SIGKILL");
    await sendDigestBatch(deps, postId, batch);
    await sendDigestBatch(deps, postId, batch);
    expect(delivered.map((d) => d.userId).sort()).toEqual(users);
    expect(delivered.every((d) => d.text === digestText({ title: "Bản tin tuần", summary: "Tóm tắt" }))).toBe(true);
    expect(await sends.counts(postId)).toEqual({ sent: 5, failed: 0, skipped: 0 });
    expect((await posts.get(postId))?.status).toBe("sent");
  });

  it("skips the unreachable, stops before the next call when paused, and pauses itself after failures in a row", async () => {
    const users = [
      "5530000000000000001",
      "5530000000000000002",
      "5530000000000000003",
      "5530000000000000004",
      "5530000000000000005",
      "5530000000000000006",
    ];
    const attempts: string[] = [];
    let zaloRefuses = true;
    const channel: SendChannel = {
      createArticle: async () => "",
      waitForArticle: async () => "",
      broadcastArticle: async () => "",
      async sendDigest(userId) {
        attempts.push(userId);
        if (userId.endsWith("1")) throw new SendRefusal("unreachable", "outside the window");
        if (zaloRefuses) throw new SendRefusal("refused", "violates standards");
      },
      wasSent: async () => false,
    };
    const { deps, postId, batch, sends, posts } = await setup(users, channel);
    await sendDigestBatch(deps, postId, batch);
    // 1 skipped, then 3 failures in a row pause the send: users 5 and 6 were never tried.
    expect(attempts).toEqual(users.slice(0, 4));
    expect(await sends.counts(postId)).toEqual({ sent: 0, failed: 3, skipped: 1 });
    expect((await sends.get(postId))?.state).toBe("paused");
    await sendDigestBatch(deps, postId, batch);
    expect(attempts).toHaveLength(4);

    // The content is fixed in Zalo's eyes: retry only the failed ones (and the rest, never tried).
    zaloRefuses = false;
    const approver = approverActor();
    expect(await retryFailed(deps, approver, postId)).toEqual({ retrying: 3 });
    await sendDigestBatch(deps, postId, batch);
    expect(attempts.slice(4).sort()).toEqual(users.slice(1).sort());
    expect(await sends.counts(postId)).toEqual({ sent: 5, failed: 0, skipped: 1 });
    expect((await posts.get(postId))?.status).toBe("sent");
  });

  it("replicates a group's in-flight marks before its calls: with no replica's acknowledgement nothing is called", async () => {
    const users = [
      "5540000000000000001",
      "5540000000000000002",
      "5540000000000000003",
      "5540000000000000004",
      "5540000000000000005",
    ];
    const calls: string[] = [];
    /** How many calls had been made each time the send waited for a replica. */
    const waits: number[] = [];
    let replicaUp = false;
    const channel: SendChannel = {
      createArticle: async () => "",
      waitForArticle: async () => "",
      broadcastArticle: async () => "",
      sendDigest: async (userId) => void calls.push(userId),
      wasSent: async (userId) => calls.includes(userId),
    };
    const durability = {
      async replicated() {
        waits.push(calls.length);
        if (!replicaUp) throw new RedisUnavailableError("0 of 1 replica(s) acknowledged");
      },
    };
    const { deps, postId, batch, sends, keys } = await setup(users, channel, {
      claimGroup: 2,
      lanes: 2,
      durability,
    });
    await expect(sendDigestBatch(deps, postId, batch)).rejects.toThrow("0 of 1 replica(s)");
    expect(calls).toEqual([]);
    // Claimed and never called: not left in flight (the retry need not look them up).
    expect(await redis.bitcount(keys.send(postId).inflight)).toBe(0);
    // The replica is back: the job's next try sends each once, a group at a time, each group waited for.
    replicaUp = true;
    await sendDigestBatch(deps, postId, batch);
    expect([...calls].sort()).toEqual(users);
    expect(waits).toEqual([0, 0, 2, 4]);
    expect(await sends.counts(postId)).toEqual({ sent: 5, failed: 0, skipped: 0 });
  });

  it("stops in the middle of a group when paused, and frees the group's recipients it never called", async () => {
    const users = ["5550000000000000001", "5550000000000000002", "5550000000000000003", "5550000000000000004"];
    const calls: string[] = [];
    let pause = async () => {};
    const channel: SendChannel = {
      createArticle: async () => "",
      waitForArticle: async () => "",
      broadcastArticle: async () => "",
      async sendDigest(userId) {
        calls.push(userId);
        if (calls.length === 2) await pause();
      },
      wasSent: async () => false,
    };
    const { deps, postId, batch, sends, keys } = await setup(users, channel, { claimGroup: 4, lanes: 1 });
    pause = () => sends.setFlag(postId, "paused", true);
    await sendDigestBatch(deps, postId, batch);
    expect(calls).toHaveLength(2);
    expect(await sends.counts(postId)).toEqual({ sent: 2, failed: 0, skipped: 0 });
    // Nobody is left "in flight": resuming needs no look into the conversations.
    expect(await redis.bitcount(keys.send(postId).inflight)).toBe(0);
    await sends.setFlag(postId, "paused", false);
    await sendDigestBatch(deps, postId, batch);
    expect([...calls].sort()).toEqual(users);
  });
});
