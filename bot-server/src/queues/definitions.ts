import { z } from "zod";
import { inboundEventSchema } from "../zalo/webhook";

/**
 * Every queue: its name and the schema of its payload, shared by producers and the consumer.
 * Adding a queue here without a handler in queues/handlers.ts fails start-up.
 */
export const queueDefinitions = {
  inbound: {
    name: "inbound",
    schema: z.object({ event: inboundEventSchema, receivedAt: z.number() }),
  },
  followersBackfill: {
    name: "followers-backfill",
    schema: z.object({ days: z.number().int().min(1).max(366) }),
  },
  /** A post's send: its start at the scheduled time, its broadcast, and the pages of its digest. */
  delivery: {
    name: "delivery",
    schema: z.discriminatedUnion("kind", [
      z.object({ kind: z.literal("start"), postId: z.string() }),
      z.object({ kind: z.literal("broadcast"), postId: z.string() }),
      z.object({
        kind: z.literal("digest"),
        postId: z.string(),
        from: z.number().int().min(0),
        to: z.number().int().min(1),
      }),
    ]),
  },
} as const;

export type QueueName = keyof typeof queueDefinitions;
export type QueuePayload<N extends QueueName> = z.output<(typeof queueDefinitions)[N]["schema"]>;
