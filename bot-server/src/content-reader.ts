import type { Catalogue, IndicatorsResponse } from "@cds/shared";
import type { NewsItem } from "./domain/chatbot/replies";
import type { ContentReader } from "./domain/inbound/ports";
import { latestPublished } from "./domain/indicators/latest-published";
import { presentWeek } from "./domain/indicators/present-week";
import { toPostSummary } from "./domain/posts/posts";
import type { Keyspace } from "./store/keys";
import { createPostRepository } from "./store/post-repository";
import type { Redis } from "./store/redis";
import { createSnapshotRepository } from "./store/snapshot-repository";

/** Published content for chat replies, read at most every few seconds: a busy chatbot must not re-read each week per message. */
const TTL_MS = 5_000;

function memo<T>(load: () => Promise<T>): () => Promise<T> {
  let cached: { at: number; value: Promise<T> } | undefined;
  return () => {
    const now = Date.now();
    if (!cached || now - cached.at > TTL_MS) {
      const value = load();
      cached = { at: now, value };
      // A failed read is not kept: the next message tries again.
      value.catch(() => {
        if (cached?.value === value) cached = undefined;
      });
    }
    return cached.value;
  };
}

export function contentReader(redis: Redis, keys: Keyspace, catalogue: Catalogue): ContentReader {
  const snapshots = createSnapshotRepository(redis, keys);
  const posts = createPostRepository(redis, keys);
  const indicators = memo<IndicatorsResponse | undefined>(async () => {
    const week = await latestPublished({ snapshots });
    return week && presentWeek(catalogue, week);
  });
  const news = memo<NewsItem[]>(async () => (await posts.listPublished(10)).map(toPostSummary));
  return {
    latestIndicators: indicators,
    latestNews: async (limit) => (await news()).slice(0, limit),
  };
}
