import { postSchema, type Post } from "@cds/shared";
import type { Keyspace } from "./keys";
import type { Redis } from "./redis";

export interface PostRepository {
  /** Creates the post unless one with its id exists; true when created. */
  createIfAbsent(post: Post): Promise<boolean>;
  get(id: string): Promise<Post | undefined>;
  /** Stores the published post, indexes it and bumps the public content version (caches), in one transaction. */
  savePublished(post: Post & { publishedAt: string }): Promise<void>;
  listPublished(limit: number): Promise<Post[]>;
}

export function postRepository(redis: Redis, keys: Keyspace): PostRepository {
  const read = (raw: string | null) => {
    if (!raw) return undefined;
    const parsed = postSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  };
  return {
    async createIfAbsent(post) {
      return (await redis.set(keys.post(post.id), JSON.stringify(postSchema.parse(post)), "NX")) === "OK";
    },
    async get(id) {
      return read(await redis.get(keys.post(id)));
    },
    async savePublished(post) {
      await redis
        .multi()
        .set(keys.post(post.id), JSON.stringify(postSchema.parse(post)))
        .zadd(keys.postsPublished, Date.parse(post.publishedAt), post.id)
        .incr(keys.publishedVersion)
        .exec();
    },
    async listPublished(limit) {
      const ids = await redis.zrevrange(keys.postsPublished, 0, limit - 1);
      if (ids.length === 0) return [];
      const raws = await redis.mget(ids.map((id) => keys.post(id)));
      return raws.map(read).filter((p): p is Post => p !== undefined);
    },
  };
}
