import type { Post } from "@cds/shared";
import { afterAll, describe, expect, it } from "vitest";
import { SendRefusal, type SendChannel, type SendRepository } from "../../bot-server/src/domain/delivery/ports";
import { finishIfDone, runBroadcast, settleBroadcast } from "../../bot-server/src/domain/delivery/send";
import { createAuditStream } from "../../bot-server/src/store/audit-stream";
import { keyspace } from "../../bot-server/src/store/keys";
import { createPostRepository } from "../../bot-server/src/store/post-repository";
import { createFollowerRegistry } from "../../bot-server/src/store/follower-registry";
import { createSendRepository } from "../../bot-server/src/store/send-repository";
import { connectTestRedis, dropPrefix, uniquePrefix } from "../harness/redis";
import { approverActor, directSendDeps } from "../harness/send-deps";

/**
 * The broadcast reaches 1.2 million people: a crash between Zalo's acceptance and the record must never
 * lead to a second call. Here the "crash" is the record failing right after the call (what a SIGKILL at
 * that moment leaves behind): the retried job finds the intent and marks the broadcast uncertain.
 */
describe("the broadcast, at most once", () => {
  const redis = connectTestRedis();
  const prefix = uniquePrefix("bcast");
  const keys = keyspace(prefix);
  afterAll(async () => {
    await dropPrefix(redis, prefix);
    redis.disconnect();
  });

  it("leaves a send uncertain, with its evidence, when the worker died between the call and its record; a person settles it", async () => {
    const posts = createPostRepository(redis, keys);
    const audit = createAuditStream(redis, keys);
    const store = createSendRepository(redis, keys, createFollowerRegistry(redis, keys));
    const calls: string[] = [];
    let crashAfterCall = true;
    const sends: SendRepository = {
      ...store,
      async saveBroadcast(postId, b) {
        if (b.state === "in_review" && crashAfterCall) {
          crashAfterCall = false;
          throw new Error("the process died here");
        }
        return store.saveBroadcast(postId, b);
      },
    };
    let rateLimited = 0;
    const channel: SendChannel = {
      createArticle: async () => "article-token",
      waitForArticle: async () => "article-id-1",
      async broadcastArticle(cities) {
        calls.push(cities);
        if (rateLimited > 0) {
          rateLimited--;
          throw new SendRefusal("retry", "Zalo -32: rate limit");
        }
        return "message-1";
      },
      sendDigest: async () => {},
      wasSent: async () => false,
    };
    const deps = directSendDeps({ posts, audit, sends, channel });
    const now = new Date().toISOString();
    const post: Post = {
      id: "ban-tin-1",
      title: "Bản tin",
      summary: "Tóm tắt",
      body: "Nội dung",
      highlights: [],
      events: [],
      status: "sending",
      version: 1,
      createdAt: now,
      createdBy: "editor",
      coverImageUrl: "https://example.org/c.jpg",
    };
    await posts.createIfAbsent(post);
    const plan = {
      startsAt: now,
      warnings: [],
      broadcast: { included: true, cities: "10", where: "Hải Dương (10)", estimatedReach: 0 },
      digest: { recipients: 0, free: 0, billable: 0, estimatedCostVnd: 0 },
      notReached: [],
    };
    /** A send of the post, started, with its plan and no digest: only its broadcast is at stake here. */
    const saveSend = (postId: string, state: "sending" | "cancelled") =>
      store.save({
        postId,
        state,
        scheduledFor: now,
        scheduledBy: "approver",
        plan,
        startedAt: now,
        digest: { state: "none", recipients: 0, batches: 0 },
      });
    await saveSend(post.id, "sending");
    await store.saveBroadcast(post.id, { state: "pending" });

    await expect(runBroadcast(deps, post.id)).rejects.toThrow("the process died here");
    // BullMQ runs the job again: nothing is sent again.
    await runBroadcast(deps, post.id);
    await runBroadcast(deps, post.id);
    expect(calls).toEqual(["10"]);
    const send = await store.get(post.id);
    expect(send?.broadcast).toMatchObject({
      state: "uncertain",
      articleId: "article-id-1",
      callingSince: expect.any(String),
      lastAnswer: expect.any(String),
    });
    expect((await posts.get(post.id))?.status).toBe("uncertain");
    const entries = (await audit.list({ target: `post:${post.id}` }, { limit: 10 })).entries.map((e) => e.action);
    expect(entries).toContain("send.broadcast_uncertain");

    // The person checks the OA Manager: it did go out.
    const approver = approverActor();
    await settleBroadcast(deps, approver, post.id, true);
    expect((await store.get(post.id))?.broadcast.state).toBe("in_review");
    expect((await posts.get(post.id))?.status).toBe("sent");
    await finishIfDone(deps, post.id);
    expect(calls).toEqual(["10"]);

    // A send cancelled before its broadcast job ran never calls Zalo.
    const other: Post = { ...post, id: "ban-tin-2", status: "sending", version: 1 };
    await posts.createIfAbsent(other);
    await saveSend(other.id, "cancelled");
    await store.saveBroadcast(other.id, { state: "pending" });
    await runBroadcast(deps, other.id);
    expect(calls).toEqual(["10"]);
    expect((await store.get(other.id))?.broadcast.state).toBe("skipped");

    // Zalo answering "not now" (-32) sent nothing: the job tries again, and the broadcast goes out once.
    const third: Post = { ...post, id: "ban-tin-3", status: "sending", version: 1 };
    await posts.createIfAbsent(third);
    await saveSend(third.id, "sending");
    await store.saveBroadcast(third.id, { state: "pending" });
    rateLimited = 1;
    await expect(runBroadcast(deps, third.id)).rejects.toBeInstanceOf(SendRefusal);
    await runBroadcast(deps, third.id);
    expect(calls).toEqual(["10", "10", "10"]);
    expect((await store.get(third.id))?.broadcast).toMatchObject({ state: "in_review", messageId: "message-1" });

    // The intent is not replicated yet (no replica acknowledged it): no call, and the job tries again later.
    let replicaUp = false;
    const waiting = directSendDeps(
      { posts, audit, sends, channel },
      {
        durability: {
          async replicated() {
            if (!replicaUp) throw new Error("0 of 1 replica(s) acknowledged");
          },
        },
      },
    );
    const fourth: Post = { ...post, id: "ban-tin-4", status: "sending", version: 1 };
    await posts.createIfAbsent(fourth);
    await saveSend(fourth.id, "sending");
    await store.saveBroadcast(fourth.id, { state: "pending" });
    await expect(runBroadcast(waiting, fourth.id)).rejects.toThrow("0 of 1 replica(s)");
    expect(calls).toHaveLength(3);
    expect((await store.get(fourth.id))?.broadcast.state).toBe("article_created");
    replicaUp = true;
    await runBroadcast(waiting, fourth.id);
    expect(calls).toHaveLength(4);
    expect((await store.get(fourth.id))?.broadcast.state).toBe("in_review");
  });
});
