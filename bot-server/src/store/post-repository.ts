import { isPublic, postSchema, type Post } from "@cds/shared";
import type { Keyspace } from "./keys";
import type { Redis } from "./redis";
import { luaScript } from "./lua";
import type { PostRepository } from "../domain/posts/ports";

// KEYS: post, all-posts index, published index, public version. ARGV: expected version, new JSON, created ms, published ms or "".
const REPLACE_IF_VERSION = `
local cur = redis.call('GET', KEYS[1])
if not cur then return 0 end
local ok, decoded = pcall(cjson.decode, cur)
if not ok then return 0 end
local version = decoded.version or 1
if version ~= tonumber(ARGV[1]) then return 0 end
redis.call('SET', KEYS[1], ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[3], cjson.decode(ARGV[2]).id)
if ARGV[4] ~= '' then
  redis.call('ZADD', KEYS[3], ARGV[4], cjson.decode(ARGV[2]).id)
  redis.call('INCR', KEYS[4])
end
return 1`;
const replaceIfVersion = luaScript<number>("post_replace_if_version", REPLACE_IF_VERSION, 4);

export function createPostRepository(redis: Redis, keys: Keyspace): PostRepository {
  const read = (raw: string | null) => {
    if (!raw) return undefined;
    const parsed = postSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  };
  const readMany = async (ids: string[]) => {
    if (ids.length === 0) return [];
    const raws = await redis.mget(ids.map((id) => keys.post(id)));
    return raws.map(read).filter((p): p is Post => p !== undefined);
  };
  return {
    async createIfAbsent(post) {
      const [[, set] = []] = (await redis
        .multi()
        .set(keys.post(post.id), JSON.stringify(postSchema.parse(post)), "NX")
        .zadd(keys.postsAll, "NX", Date.parse(post.createdAt), post.id)
        .exec()) ?? [[]];
      return set === "OK";
    },
    async get(id) {
      return read(await redis.get(keys.post(id)));
    },
    async replaceIfVersion(post, expectedVersion) {
      const json = JSON.stringify(postSchema.parse(post));
      const published = isPublic(post) && post.publishedAt ? String(Date.parse(post.publishedAt)) : "";
      const replaced = await replaceIfVersion(
        redis,
        [keys.post(post.id), keys.postsAll, keys.postsPublished, keys.publishedVersion],
        [expectedVersion, json, Date.parse(post.createdAt), published],
      );
      return replaced === 1;
    },
    async savePublished(post) {
      await redis
        .multi()
        .set(keys.post(post.id), JSON.stringify(postSchema.parse(post)))
        .zadd(keys.postsAll, "NX", Date.parse(post.createdAt), post.id)
        .zadd(keys.postsPublished, Date.parse(post.publishedAt), post.id)
        .incr(keys.publishedVersion)
        .exec();
    },
    async listPublished(limit) {
      return readMany(await redis.zrevrange(keys.postsPublished, 0, limit - 1));
    },
    async list(filter) {
      const all = await readMany(await redis.zrevrange(keys.postsAll, 0, -1));
      return all.filter((p) => !filter.statuses || filter.statuses.includes(p.status)).slice(0, filter.limit);
    },
  };
}
