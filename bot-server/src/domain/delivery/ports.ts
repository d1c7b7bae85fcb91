import type { Post } from "@cds/shared";
import type { DeliveryPlan } from "./plan";

/** The broadcast part of a send, at most once: every step is recorded before the next is taken. */
export interface BroadcastState {
  state: "pending" | "article_created" | "calling" | "in_review" | "uncertain" | "refused" | "skipped";
  articleToken?: string;
  articleId?: string;
  /** Set just before the broadcast call: if a record stops here, nobody knows whether Zalo got it. */
  callingSince?: string;
  messageId?: string;
  /** Zalo's last answer, for the person who must settle an uncertain broadcast. */
  lastAnswer?: string;
}

export type SendState = "scheduled" | "waiting_for_person" | "sending" | "paused" | "cancelled" | "done";

/** One post's send to followers: when, the plan it was approved with, and how far it got. */
export interface SendRecord {
  postId: string;
  state: SendState;
  scheduledFor: string;
  scheduledBy: string;
  plan: DeliveryPlan;
  /** Why a person must look before it goes on (a stale schedule, a plan that changed). */
  reasons?: string[];
  startedAt?: string;
  finishedAt?: string;
  broadcast: BroadcastState;
  /** Recipients frozen at start, and the digest jobs that page them. */
  digest: { state: "pending" | "frozen" | "none"; recipients: number; batches: number; pausedReason?: string };
}

export type StopFlag = "paused" | "cancelled";

export interface LedgerCounts {
  sent: number;
  failed: number;
  skipped: number;
}

export interface SendRepository {
  /** The send with its broadcast state (kept apart, so the broadcast's steps never overwrite a pause). */
  get(postId: string): Promise<SendRecord | undefined>;
  /** The record; its broadcast state, if the object carries one, is not written (saveBroadcast does that). */
  save(record: Omit<SendRecord, "broadcast"> & { broadcast?: BroadcastState }): Promise<void>;
  saveBroadcast(postId: string, broadcast: BroadcastState): Promise<void>;
  /** Posts whose send is under way (sending, paused, or waiting for a person). */
  activeSends(): Promise<string[]>;
  /** True for the one caller that finishes the send. */
  claimFinish(postId: string): Promise<boolean>;
  /** Freezes the digest's audience (subscribed, following, interacted within the CS window) as of now. */
  freezeAudience(postId: string, nowMs: number, csWindowMs: number): Promise<number>;
  /** Dense follower indexes of the frozen audience, cut into ranges of about `size` recipients each. */
  audienceBatches(postId: string, size: number): Promise<Array<{ from: number; to: number }>>;
  /** The frozen recipients in a range of dense indexes, with their user ids. */
  recipientsIn(postId: string, from: number, to: number): Promise<Array<{ index: number; userId: string }>>;
  /**
   * Before the calls of a group of recipients, in one atomic step: whether the send is paused or cancelled
   * (then nothing is claimed), else for each recipient whether it is already settled, was in flight when a
   * worker died, or is free to go (then marked in flight).
   */
  claimMany(
    postId: string,
    indexes: readonly number[],
  ): Promise<{ stop: StopFlag } | { stop?: undefined; claims: Array<"go" | "settled" | "in_flight"> }>;
  /** Whether the send was paused or cancelled: checked before every call. */
  stopFlag(postId: string): Promise<StopFlag | undefined>;
  /** Clears the in-flight marks of claimed recipients whose call was never made (the send stopped first). */
  release(postId: string, indexes: readonly number[]): Promise<void>;
  /**
   * After a call: the recipient's outcome, the in-flight mark cleared, and the send's failures in a row
   * (reset by any other outcome) returned, in one step.
   */
  settle(postId: string, index: number, outcome: "sent" | "failed" | "skipped"): Promise<number>;
  counts(postId: string): Promise<LedgerCounts>;
  /** Forgets the failures (and that the send finished) so the failed recipients are tried again. */
  reopenFailed(postId: string): Promise<void>;
  setFlag(postId: string, flag: "paused" | "cancelled", on: boolean): Promise<void>;
  /** Broadcasts made this local month and day (Zalo's per-follower caps), and the record of one more. */
  broadcastsSent(month: string, day: string): Promise<{ month: number; day: number }>;
  countBroadcast(month: string, day: string): Promise<void>;
}

/** The delayed start of a send, on the queue: one job per post, replaced when rescheduled. */
export interface SendScheduler {
  scheduleStart(postId: string, atMs: number): Promise<void>;
  unscheduleStart(postId: string): Promise<void>;
  enqueueBroadcast(postId: string): Promise<void>;
  enqueueDigestBatches(postId: string, batches: Array<{ from: number; to: number }>, round: number): Promise<void>;
}

/**
 * How a call of the channel failed, in the send's terms: `unreachable` (this recipient, now: skip them),
 * `retry` (may pass later: the job runs again), `refused` (Zalo said no: nothing was sent, and sending again
 * gets the same answer). Any other error leaves the outcome unknown.
 */
export class SendRefusal extends Error {
  constructor(
    readonly reason: "unreachable" | "retry" | "refused",
    message: string,
  ) {
    super(message);
  }
}

/** The Zalo calls a send makes (the client implements them); failures Zalo explains are SendRefusals. */
export interface SendChannel {
  createArticle(post: Post, coverUrl: string): Promise<string>;
  waitForArticle(token: string): Promise<string>;
  broadcastArticle(cities: string, articleId: string): Promise<string>;
  sendDigest(userId: string, text: string, postUrl: string): Promise<void>;
  wasSent(userId: string, isTheMessage: (text: string) => boolean, sinceMs: number): Promise<boolean>;
}
