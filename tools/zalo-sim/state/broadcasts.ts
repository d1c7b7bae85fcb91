/**
 * Broadcasts as Zalo handles them (ZALO-PLATFORM A.5): the call only submits; the message is moderated
 * (about 30 minutes), then delivered or rejected. Recipients are counted at delivery, never returned.
 */
export interface SubmittedBroadcast {
  messageId: string;
  target: Record<string, string>;
  /** City codes to match, or null for every follower. */
  cities: number[] | null;
  articleIds: string[];
  submittedAt: number;
  reviewUntil: number;
}

export interface BroadcastRecord {
  message_id: string;
  status: "in_review" | "delivered" | "rejected";
  target: Record<string, string>;
  article_ids: string[];
  submitted_at: string;
  review_until: string;
  recipients?: number;
  reason?: string;
}

export class BroadcastStore {
  private inReview: SubmittedBroadcast[] = [];
  private records = new Map<string, BroadcastRecord>();

  reset(): void {
    this.inReview = [];
    this.records.clear();
  }

  submit(b: SubmittedBroadcast): void {
    this.inReview.push(b);
    this.records.set(b.messageId, {
      message_id: b.messageId,
      status: "in_review",
      target: b.target,
      article_ids: b.articleIds,
      submitted_at: new Date(b.submittedAt).toISOString(),
      review_until: new Date(b.reviewUntil).toISOString(),
    });
  }

  /** Takes the broadcasts whose review ended by `now`, in the order they end. */
  takeReviewed(now: number): SubmittedBroadcast[] {
    const done = this.inReview.filter((b) => b.reviewUntil <= now).sort((a, b) => a.reviewUntil - b.reviewUntil);
    if (done.length) this.inReview = this.inReview.filter((b) => b.reviewUntil > now);
    return done;
  }

  decided(
    messageId: string,
    outcome: { status: "delivered"; recipients: number } | { status: "rejected"; reason: string },
  ): void {
    const r = this.records.get(messageId);
    if (r) Object.assign(r, outcome);
  }

  list(): BroadcastRecord[] {
    return [...this.records.values()];
  }
}
