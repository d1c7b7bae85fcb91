import { DEFAULT_PLATFORM_LIMITS } from "@cds/shared";
import type { AuditLog } from "../../bot-server/src/domain/audit/audit-log";
import type { SendChannel, SendRepository } from "../../bot-server/src/domain/delivery/ports";
import type { SendDeps } from "../../bot-server/src/domain/delivery/send";
import type { PostRepository } from "../../bot-server/src/domain/posts/ports";
import type { Actor } from "../../bot-server/src/domain/posts/workflow";

/**
 * The delivery engine's dependencies for a test that drives it directly: the real stores and the given
 * channel, with a scheduler that schedules nothing (the test calls the steps) and an empty audience.
 */
export function directSendDeps(
  o: { posts: PostRepository; audit: AuditLog; sends: SendRepository; channel: SendChannel },
  overrides: Partial<SendDeps> = {},
): SendDeps {
  return {
    ...o,
    scheduler: {
      scheduleStart: async () => {},
      unscheduleStart: async () => {},
      enqueueBroadcast: async () => {},
      enqueueDigestBatches: async () => {},
    },
    audience: async () => ({
      following: 0,
      subscribed: 0,
      subscribedFree: 0,
      subscribedBillable: 0,
      subscribedSilent: 0,
    }),
    limits: DEFAULT_PLATFORM_LIMITS,
    oaPackage: "premium",
    cities: "10",
    citiesLabel: "Hải Dương (10)",
    billedMessagePriceVnd: 55,
    staleAfterMs: 30 * 60_000,
    batchSize: 500,
    lanes: 1,
    claimGroup: 1,
    durability: { replicated: async () => {} },
    maxFailureStreak: 50,
    postUrl: (id) => `https://example.org/${id}`,
    testGroup: [],
    author: "Sở Thông tin và Truyền thông",
    now: Date.now,
    ...overrides,
  };
}

/** An approver acting on a send, as the admin routes would pass one. */
export function approverActor(): Actor {
  const at = new Date().toISOString();
  return {
    user: {
      username: "approver",
      name: "A",
      roles: ["approver"],
      passwordHash: "",
      disabled: false,
      createdAt: at,
      createdBy: "test",
      passwordChangedAt: at,
    },
    address: "test",
  };
}
