import { localDayKey, localMonthKey, type OaPackage, type PlatformLimits, type Post } from "@cds/shared";
import type { AuditLog, NewAuditEntry } from "../audit/audit-log";
import { CONVERSATION_SKEW_MS, isMessage, messageFingerprint } from "../messages/sent-message";
import { commitPost, contentHash, load, mustBeAllowed, WorkflowError, type Actor } from "../posts/workflow";
import type { PostRepository } from "../posts/ports";
import { digestText, outgoingPost, type OutgoingPost } from "./outgoing";
import { materialChanges, outsideNight, planDelivery, type AudienceCounts, type DeliveryPlan } from "./plan";
import type { Durability } from "../durability";
import { SendRefusal, type SendChannel, type SendRecord, type SendRepository, type SendScheduler } from "./ports";

/**
 * The weekly send of a post, from the approver's schedule to the last follower: started by a delayed job
 * at its time, then a broadcast made at most once and a CS digest paged into jobs whose every recipient is
 * claimed before and settled after its call, so that a crash anywhere loses nobody and doubles nobody.
 */
export interface SendDeps {
  posts: PostRepository;
  audit: AuditLog;
  sends: SendRepository;
  scheduler: SendScheduler;
  channel: SendChannel;
  audience: (nowMs: number) => Promise<AudienceCounts>;
  limits: PlatformLimits;
  oaPackage: OaPackage;
  cities: string;
  citiesLabel: string;
  billedMessagePriceVnd: number;
  /** A send whose time passed by more than this while the system was down waits for a person. */
  staleAfterMs: number;
  /** Recipients per digest job. */
  batchSize: number;
  /** Recipients of one job sent at the same time. */
  lanes: number;
  /** Recipients claimed together, their in-flight marks replicated with one wait before their calls. */
  claimGroup: number;
  durability: Durability;
  /** Failures in a row that pause a send. */
  maxFailureStreak: number;
  /** Where a post is read in the mini app (the digest's button). */
  postUrl: (postId: string) => string;
  /** The department's own accounts, for test sends. */
  testGroup: string[];
  /** The articles' author: the department. */
  author: string;
  now: () => number;
}

const SYSTEM = { username: "system:delivery", address: "worker" };

/** What the delivery did by itself, in the audit log, about one post's send. */
function auditBySystem(deps: SendDeps, action: string, postId: string, details: NewAuditEntry["details"]) {
  return deps.audit.append({
    actor: SYSTEM.username,
    address: SYSTEM.address,
    action,
    target: `post:${postId}`,
    details,
  });
}

export async function planFor(deps: SendDeps, post: Post, atMs: number): Promise<DeliveryPlan> {
  const start = outsideNight(atMs, deps.limits);
  const [audience, broadcastsSent] = await Promise.all([
    deps.audience(start),
    deps.sends.broadcastsSent(localMonthKey(start, deps.limits.timeZone), localDayKey(start, deps.limits.timeZone)),
  ]);
  return planDelivery({
    requestedAt: atMs,
    limits: deps.limits,
    oaPackage: deps.oaPackage,
    cities: deps.cities,
    citiesLabel: deps.citiesLabel,
    audience,
    broadcastsSent,
    billedMessagePriceVnd: deps.billedMessagePriceVnd,
    hasCover: post.coverImageUrl !== undefined,
  });
}

/** What followers will get of the post, as the send will make it. */
export function followersView(deps: Pick<SendDeps, "postUrl" | "author">, post: Post): OutgoingPost {
  return outgoingPost(post, deps.postUrl(post.id), deps.author);
}

/** An approved post, exactly as approved, is scheduled by an approver; at night it moves to the morning. */
export async function schedulePost(
  deps: SendDeps,
  actor: Actor,
  postId: string,
  atMs: number,
): Promise<{ post: Post; send: SendRecord }> {
  mustBeAllowed(actor, "post.schedule");
  const post = await load(deps, postId);
  if (post.status !== "approved" && post.status !== "scheduled")
    throw new WorkflowError("conflict", "Chỉ đặt lịch gửi được bài viết đã được phê duyệt");
  if (post.approval?.contentHash !== contentHash(post))
    throw new WorkflowError("conflict", "Nội dung đã thay đổi sau khi phê duyệt");
  if (atMs < deps.now() - 60_000)
    throw new WorkflowError("invalid", "Thời điểm gửi đã qua", { at: "Chọn một thời điểm trong tương lai" });
  const plan = await planFor(deps, post, atMs);
  const send: SendRecord = {
    postId,
    state: "scheduled",
    scheduledFor: plan.startsAt,
    scheduledBy: actor.user.username,
    plan,
    broadcast: { state: plan.broadcast.included ? "pending" : "skipped" },
    digest: { state: "pending", recipients: 0, batches: 0 },
  };
  await deps.sends.save(send);
  await deps.sends.saveBroadcast(postId, send.broadcast);
  await deps.scheduler.scheduleStart(postId, Date.parse(plan.startsAt));
  const next =
    post.status === "scheduled"
      ? post
      : await commitPost(
          deps,
          { username: actor.user.username, address: actor.address },
          post,
          { ...post, status: "scheduled" },
          "post.scheduled",
          { at: plan.startsAt, warnings: plan.warnings },
        );
  return { post: next, send };
}

export async function unschedulePost(deps: SendDeps, actor: Actor, postId: string): Promise<Post> {
  mustBeAllowed(actor, "post.schedule");
  const post = await load(deps, postId);
  if (post.status !== "scheduled") throw new WorkflowError("conflict", "Bài viết không có lịch gửi");
  await deps.scheduler.unscheduleStart(postId);
  const send = await deps.sends.get(postId);
  if (send) await deps.sends.save({ ...send, state: "cancelled" });
  return commitPost(
    deps,
    { username: actor.user.username, address: actor.address },
    post,
    { ...post, status: "approved" },
    "post.unscheduled",
  );
}

/**
 * The start, at the scheduled time (a job): a schedule that went stale while the system was down, or a
 * plan that changed materially since approval, waits for a person; otherwise the broadcast and the digest go.
 */
export async function startSend(deps: SendDeps, postId: string): Promise<void> {
  const [post, send] = await Promise.all([deps.posts.get(postId), deps.sends.get(postId)]);
  // "sending" with a send still "scheduled": a start that died half-way, taken up again.
  if (!post || !send || send.state !== "scheduled" || (post.status !== "scheduled" && post.status !== "sending"))
    return;
  const now = deps.now();
  const late = now - Date.parse(send.scheduledFor);
  const reasons: string[] = [];
  if (late > deps.staleAfterMs)
    reasons.push(
      `Đến giờ gửi khi hệ thống không chạy: trễ ${Math.round(late / 60_000)} phút, cần người xác nhận gửi tiếp`,
    );
  if (post.approval?.contentHash !== contentHash(post)) reasons.push("Nội dung đã thay đổi sau khi phê duyệt");
  const plan = await planFor(deps, post, now);
  if (Date.parse(plan.startsAt) > now) {
    // It is night now (a schedule made long ago, or a resumed one): start in the morning.
    await deps.scheduler.scheduleStart(postId, Date.parse(plan.startsAt));
    return;
  }
  reasons.push(...materialChanges(send.plan, plan));
  if (reasons.length > 0) {
    await deps.sends.save({ ...send, state: "waiting_for_person", reasons });
    await auditBySystem(deps, "send.waiting_for_person", postId, { reasons });
    return;
  }
  if (post.status === "scheduled") await commitPost(deps, SYSTEM, post, { ...post, status: "sending" }, "send.started");
  const recipients = await deps.sends.freezeAudience(postId, now, deps.limits.csWindowDays * 24 * 3600_000);
  const batches = recipients > 0 ? await deps.sends.audienceBatches(postId, deps.batchSize) : [];
  await deps.sends.saveBroadcast(postId, { state: plan.broadcast.included ? "pending" : "skipped" });
  await deps.sends.save({
    ...send,
    state: "sending",
    startedAt: new Date(now).toISOString(),
    plan,
    digest: { state: recipients > 0 ? "frozen" : "none", recipients, batches: batches.length },
  });
  if (plan.broadcast.included) await deps.scheduler.enqueueBroadcast(postId);
  if (batches.length > 0) await deps.scheduler.enqueueDigestBatches(postId, batches, 0);
  await finishIfDone(deps, postId);
}

/**
 * The broadcast, at most once (DESIGN decision 7): the article is created and verified, "calling" is
 * recorded, then the one call. A record found at "calling" means a crash between the call and its record:
 * the broadcast is uncertain, and only a person settles it.
 */
export async function runBroadcast(deps: SendDeps, postId: string): Promise<void> {
  const [post, send] = await Promise.all([deps.posts.get(postId), deps.sends.get(postId)]);
  if (!post || !send) return;
  let b = send.broadcast;
  // A send cancelled before its broadcast was called never calls it.
  if (send.state === "cancelled" && (b.state === "pending" || b.state === "article_created")) {
    await deps.sends.saveBroadcast(postId, { ...b, state: "skipped" });
    return;
  }
  const save = async (next: typeof b) => {
    b = next;
    await deps.sends.saveBroadcast(postId, next);
  };
  if (b.state === "calling") {
    await save({
      ...b,
      state: "uncertain",
      lastAnswer: b.lastAnswer ?? "không có câu trả lời: tiến trình dừng giữa lúc gọi Zalo",
    });
    await auditBySystem(deps, "send.broadcast_uncertain", postId, {
      articleId: b.articleId,
      callingSince: b.callingSince,
    });
    return finishIfDone(deps, postId);
  }
  if (b.state !== "pending" && b.state !== "article_created") return;
  if (!b.articleToken) await save({ ...b, articleToken: await deps.channel.createArticle(post, deps.postUrl(postId)) });
  if (!b.articleId)
    await save({ ...b, state: "article_created", articleId: await deps.channel.waitForArticle(b.articleToken!) });
  await save({ ...b, state: "calling", callingSince: new Date(deps.now()).toISOString() });
  // The intent must outlive a failover: a promoted replica without it would let a retry call again.
  try {
    await deps.durability.replicated(`broadcast intent of ${postId}`);
  } catch (err) {
    // Not called: back to where a retry may call it.
    const { callingSince: _notCalled, ...before } = b;
    await save({ ...before, state: "article_created" });
    throw err;
  }
  let messageId: string;
  try {
    messageId = await deps.channel.broadcastArticle(deps.cities, b.articleId!);
  } catch (err) {
    // Zalo answered "not now" (a rate limit, the night): nothing was sent, so the call may be made again.
    if (err instanceof SendRefusal && err.reason === "retry") {
      await save({ ...b, state: "article_created", lastAnswer: err.message });
      throw err;
    }
    // Zalo's own refusal means nothing was sent; anything else (no answer) leaves the outcome unknown.
    const refused = err instanceof SendRefusal;
    await save({
      ...b,
      state: refused ? "refused" : "uncertain",
      lastAnswer: err instanceof Error ? err.message : String(err),
    });
    await auditBySystem(deps, refused ? "send.broadcast_refused" : "send.broadcast_uncertain", postId, {
      answer: b.lastAnswer,
    });
    return finishIfDone(deps, postId);
  }
  await save({ ...b, state: "in_review", messageId });
  const at = deps.now();
  await deps.sends.countBroadcast(localMonthKey(at, deps.limits.timeZone), localDayKey(at, deps.limits.timeZone));
  await auditBySystem(deps, "send.broadcast_submitted", postId, { messageId });
  await finishIfDone(deps, postId);
}

/**
 * One page of the digest, a group of recipients at a time: the group is claimed in one step (skipping
 * whoever is already settled), its in-flight marks are replicated before any call (so a promoted replica
 * knows them), then each recipient is sent and settled — reconciled through the conversation first if a dead
 * worker left it in flight. A paused or cancelled send stops before the next call; a retried job resumes
 * where its predecessor stopped.
 */
export async function sendDigestBatch(
  deps: SendDeps,
  postId: string,
  range: { from: number; to: number },
): Promise<void> {
  const [post, send] = await Promise.all([deps.posts.get(postId), deps.sends.get(postId)]);
  if (!post || !send) return;
  const text = digestText(post);
  const isTheDigest = isMessage(messageFingerprint(text));
  const startedMs = Date.parse(send.startedAt ?? new Date(deps.now()).toISOString());
  const recipients = await deps.sends.recipientsIn(postId, range.from, range.to);
  const groupSize = Math.max(deps.lanes, deps.claimGroup);
  for (let at = 0; at < recipients.length; at += groupSize) {
    const group = recipients.slice(at, at + groupSize);
    const claimed = await deps.sends.claimMany(
      postId,
      group.map((r) => r.index),
    );
    if (claimed.stop) return;
    const open = group.flatMap((r, n) => {
      const claim = claimed.claims[n]!;
      return claim === "settled" ? [] : [{ ...r, claim }];
    });
    if (open.length === 0) continue;
    try {
      await deps.durability.replicated(`in-flight marks of ${open.length} recipient(s) of ${postId}`);
    } catch (err) {
      // Those claimed now were never called: free again, so the retry need not look for them in the
      // conversations. (Those found in flight stay so: a dead worker may have called them.)
      const unsent = open.filter((r) => r.claim === "go").map((r) => r.index);
      await deps.sends.release(postId, unsent).catch(() => undefined);
      throw err;
    }
    if ((await sendGroup(deps, postId, open, { text, isTheDigest, startedMs })) === "stopped") return;
  }
  await finishIfDone(deps, postId);
}

/** The calls of one claimed group, a few at a time: each recipient is settled on its own, so the order is free. */
async function sendGroup(
  deps: SendDeps,
  postId: string,
  group: Array<{ index: number; userId: string; claim: "go" | "in_flight" }>,
  digest: { text: string; isTheDigest: (text: string) => boolean; startedMs: number },
): Promise<"stopped" | "done"> {
  let next = 0;
  let stopped = false;
  const lane = async () => {
    while (!stopped && next < group.length) {
      const r = group[next++]!;
      if (
        r.claim === "in_flight" &&
        (await deps.channel.wasSent(r.userId, digest.isTheDigest, digest.startedMs - CONVERSATION_SKEW_MS))
      ) {
        await deps.sends.settle(postId, r.index, "sent");
        continue;
      }
      if (await deps.sends.stopFlag(postId)) {
        stopped = true;
        // This one and those no lane has taken were claimed and never called: free again, not in flight (a
        // resumed send need not reconcile them). Lanes holding one release their own.
        const untouched = [r, ...group.slice(next)].filter((g) => g.claim === "go").map((g) => g.index);
        await deps.sends.release(postId, untouched);
        return;
      }
      let outcome: "sent" | "failed" | "skipped";
      try {
        await deps.channel.sendDigest(r.userId, digest.text, deps.postUrl(postId));
        outcome = "sent";
      } catch (err) {
        // Unreachable now (outside the window, blocked): skipped, not an error of the send.
        if (err instanceof SendRefusal && err.reason === "unreachable") outcome = "skipped";
        else if (err instanceof SendRefusal && err.reason === "refused") outcome = "failed";
        else {
          // Anything that may pass (a rate limit, a token, the network, a crash) fails the job, which is
          // retried; the ledger keeps what was done, and this recipient stays in flight until settled.
          stopped = true;
          throw err;
        }
      }
      if ((await deps.sends.settle(postId, r.index, outcome)) >= deps.maxFailureStreak) {
        stopped = true;
        await pauseSend(
          deps,
          SYSTEM,
          postId,
          `${deps.maxFailureStreak} lần gửi thất bại liên tiếp: tạm dừng để kiểm tra`,
        );
        return;
      }
    }
  };
  const results = await Promise.allSettled(Array.from({ length: Math.min(deps.lanes, group.length) }, lane));
  const failure = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failure) throw failure.reason;
  return stopped ? "stopped" : "done";
}

/** How a finished send ended, from its broadcast's state and the digest's ledger. */
function finalStatus(
  broadcast: SendRecord["broadcast"]["state"],
  counts: { sent: number; failed: number },
): "sent" | "partially_sent" | "failed" | "uncertain" {
  if (broadcast === "uncertain") return "uncertain";
  const broadcastOk = broadcast === "in_review" || broadcast === "skipped";
  if (counts.failed === 0 && broadcastOk) return "sent";
  return counts.sent > 0 || broadcast === "in_review" ? "partially_sent" : "failed";
}

/** The send is done when the broadcast is settled and every frozen recipient is: the post says how it ended. */
export async function finishIfDone(deps: SendDeps, postId: string): Promise<void> {
  const send = await deps.sends.get(postId);
  if (!send || send.state !== "sending") return;
  const broadcastOpen =
    send.broadcast.state === "pending" ||
    send.broadcast.state === "article_created" ||
    send.broadcast.state === "calling";
  const counts = await deps.sends.counts(postId);
  if (broadcastOpen || counts.sent + counts.failed + counts.skipped < send.digest.recipients) return;
  const post = await deps.posts.get(postId);
  if (!post || post.status !== "sending" || !(await deps.sends.claimFinish(postId))) return;
  const status = finalStatus(send.broadcast.state, counts);
  const finishedAt = new Date(deps.now()).toISOString();
  await deps.sends.save({ ...send, state: "done", finishedAt });
  await commitPost(
    deps,
    SYSTEM,
    post,
    {
      ...post,
      status,
      ...(status !== "failed" &&
        status !== "uncertain" && {
          publishedAt: post.publishedAt ?? finishedAt,
          publishedBy: post.publishedBy ?? send.scheduledBy,
        }),
    },
    "send.finished",
    { ...counts, broadcast: send.broadcast.state, status },
  );
}

export async function pauseSend(
  deps: SendDeps,
  by: { username: string; address: string },
  postId: string,
  reason: string,
): Promise<void> {
  const send = await deps.sends.get(postId);
  if (!send || send.state !== "sending") throw new WorkflowError("conflict", "Không có lượt gửi đang chạy");
  await deps.sends.setFlag(postId, "paused", true);
  await deps.sends.save({ ...send, state: "paused", digest: { ...send.digest, pausedReason: reason } });
  await deps.audit.append({
    actor: by.username,
    address: by.address,
    action: "send.paused",
    target: `post:${postId}`,
    details: { reason },
  });
}

/** Resumes a paused send: the digest's pages are queued again and skip whoever is already settled. */
export async function resumeSend(deps: SendDeps, actor: Actor, postId: string): Promise<void> {
  mustBeAllowed(actor, "send.control");
  const send = await deps.sends.get(postId);
  if (!send || send.state !== "paused") throw new WorkflowError("conflict", "Lượt gửi không ở trạng thái tạm dừng");
  await deps.sends.setFlag(postId, "paused", false);
  const { pausedReason: _r, ...digest } = send.digest;
  const round = Date.now();
  await deps.sends.save({ ...send, state: "sending", digest });
  await deps.audit.append({
    actor: actor.user.username,
    address: actor.address,
    action: "send.resumed",
    target: `post:${postId}`,
  });
  if (send.digest.recipients > 0)
    await deps.scheduler.enqueueDigestBatches(postId, await deps.sends.audienceBatches(postId, deps.batchSize), round);
  await finishIfDone(deps, postId);
}

/** Stops a send for good: nobody else gets it. Says how many were not reached. */
export async function cancelSend(deps: SendDeps, actor: Actor, postId: string): Promise<{ notReached: number }> {
  mustBeAllowed(actor, "send.control");
  const [send, post] = await Promise.all([deps.sends.get(postId), load(deps, postId)]);
  if (!send || (send.state !== "sending" && send.state !== "paused" && send.state !== "waiting_for_person"))
    throw new WorkflowError("conflict", "Không có lượt gửi nào để hủy");
  await deps.sends.setFlag(postId, "cancelled", true);
  const counts = await deps.sends.counts(postId);
  const notReached = Math.max(0, send.digest.recipients - counts.sent - counts.failed - counts.skipped);
  await deps.sends.save({ ...send, state: "cancelled", finishedAt: new Date(deps.now()).toISOString() });
  await commitPost(
    deps,
    { username: actor.user.username, address: actor.address },
    post,
    { ...post, status: "cancelled" },
    "send.cancelled",
    { notReached, ...counts },
  );
  return { notReached };
}

/** A person confirms a send that waits for them (late, or its plan changed): it starts now. */
export async function proceedWithSend(deps: SendDeps, actor: Actor, postId: string): Promise<void> {
  mustBeAllowed(actor, "send.control");
  const [send, post] = await Promise.all([deps.sends.get(postId), load(deps, postId)]);
  if (!send || send.state !== "waiting_for_person") throw new WorkflowError("conflict", "Lượt gửi không chờ xác nhận");
  const plan = await planFor(deps, post, deps.now());
  const { reasons: _r, ...record } = send;
  await deps.sends.save({ ...record, state: "scheduled", scheduledFor: plan.startsAt, plan });
  await deps.audit.append({
    actor: actor.user.username,
    address: actor.address,
    action: "send.confirmed",
    target: `post:${postId}`,
    details: { reasons: send.reasons },
  });
  await deps.scheduler.scheduleStart(postId, Date.parse(plan.startsAt));
}

/** A person settles an uncertain broadcast from the OA Manager's record: it went out, or it did not. */
export async function settleBroadcast(deps: SendDeps, actor: Actor, postId: string, wentOut: boolean): Promise<void> {
  mustBeAllowed(actor, "send.control");
  const send = await deps.sends.get(postId);
  if (!send || send.broadcast.state !== "uncertain")
    throw new WorkflowError("conflict", "Không có tin quảng bá nào cần xác nhận");
  const state = wentOut ? "in_review" : "refused";
  await deps.sends.saveBroadcast(postId, {
    ...send.broadcast,
    state,
    lastAnswer: `${wentOut ? "đã gửi" : "không gửi"} (xác nhận bởi ${actor.user.username})`,
  });
  const post = await load(deps, postId);
  const by = { username: actor.user.username, address: actor.address };
  // A send that finished while its broadcast was uncertain now knows how it ended.
  if (post.status === "uncertain") {
    const status = finalStatus(state, await deps.sends.counts(postId));
    await commitPost(
      deps,
      by,
      post,
      {
        ...post,
        status,
        ...(status !== "failed" && {
          publishedAt: post.publishedAt ?? new Date(deps.now()).toISOString(),
          publishedBy: post.publishedBy ?? by.username,
        }),
      },
      "send.broadcast_settled",
      { wentOut, status },
    );
  } else {
    await deps.audit.append({
      actor: by.username,
      address: by.address,
      action: "send.broadcast_settled",
      target: `post:${postId}`,
      details: { wentOut },
    });
  }
}

/** Live figures of a send, for the console and /metrics. */
export async function sendProgress(deps: SendDeps, postId: string) {
  const send = await deps.sends.get(postId);
  if (!send) throw new WorkflowError("not_found", "Bài viết chưa có lượt gửi");
  const counts = await deps.sends.counts(postId);
  const settled = counts.sent + counts.failed + counts.skipped;
  const remaining = Math.max(0, send.digest.recipients - settled);
  const elapsedS = send.startedAt ? Math.max(1, (deps.now() - Date.parse(send.startedAt)) / 1000) : 0;
  const rate = elapsedS > 0 ? settled / elapsedS : 0;
  return {
    send,
    ...counts,
    remaining,
    ratePerSecond: Math.round(rate * 10) / 10,
    etaSeconds: rate > 0 ? Math.round(remaining / rate) : null,
  };
}

/** Tries again only the recipients whose send failed (a finished or paused send); the rest stay settled. */
export async function retryFailed(deps: SendDeps, actor: Actor, postId: string): Promise<{ retrying: number }> {
  mustBeAllowed(actor, "send.control");
  const [send, post] = await Promise.all([deps.sends.get(postId), load(deps, postId)]);
  if (!send || (send.state !== "done" && send.state !== "paused"))
    throw new WorkflowError("conflict", "Chỉ gửi lại được khi lượt gửi đã xong hoặc tạm dừng");
  const { failed } = await deps.sends.counts(postId);
  if (failed === 0) throw new WorkflowError("conflict", "Không có người nhận nào gửi thất bại");
  await deps.sends.reopenFailed(postId);
  await deps.sends.setFlag(postId, "paused", false);
  const { finishedAt: _f, ...record } = send;
  const { pausedReason: _r, ...digest } = send.digest;
  await deps.sends.save({ ...record, state: "sending", digest });
  const by = { username: actor.user.username, address: actor.address };
  if (post.status !== "sending")
    await commitPost(deps, by, post, { ...post, status: "sending" }, "send.retry_failed", { failed });
  else
    await deps.audit.append({
      actor: by.username,
      address: by.address,
      action: "send.retry_failed",
      target: `post:${postId}`,
      details: { failed },
    });
  await deps.scheduler.enqueueDigestBatches(
    postId,
    await deps.sends.audienceBatches(postId, deps.batchSize),
    Date.now(),
  );
  return { retrying: failed };
}

/**
 * The digest exactly as followers will get it, to the department's own accounts, at once: allowed for any
 * post at any time, so an editor sees it before an approver does. Touches no ledger and no follower.
 */
export async function testSend(
  deps: SendDeps,
  actor: Actor,
  postId: string,
): Promise<Array<{ userId: string; outcome: string }>> {
  mustBeAllowed(actor, "post.test_send");
  if (deps.testGroup.length === 0)
    throw new WorkflowError("conflict", "Chưa cấu hình nhóm nhận thử (TEST_GROUP_USER_IDS)");
  const post = await load(deps, postId);
  const results: Array<{ userId: string; outcome: string }> = [];
  for (const userId of deps.testGroup) {
    try {
      await deps.channel.sendDigest(userId, digestText(post), deps.postUrl(postId));
      results.push({ userId, outcome: "sent" });
    } catch (err) {
      const unreachable = err instanceof SendRefusal && err.reason === "unreachable";
      results.push({
        userId,
        outcome: unreachable
          ? "không nhận được: tài khoản cần nhắn tin cho OA trong 7 ngày qua"
          : `lỗi: ${err instanceof Error ? err.message : String(err)}`,
      });
    }
  }
  await deps.audit.append({
    actor: actor.user.username,
    address: actor.address,
    action: "post.test_sent",
    target: `post:${postId}`,
    details: { results },
  });
  return results;
}
