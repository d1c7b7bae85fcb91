import { createHash } from "node:crypto";
import type { CoverStore } from "../domain/posts/workflow";
import type { Keyspace } from "./keys";
import type { Redis } from "./redis";

/** The image's name: its post and a hash of its bytes, so a new cover is a new URL (no stale caches). */
export const COVER_FILE = /^([a-z0-9-]{1,80})-([0-9a-f]{12})\.(jpg|png)$/;

/** Cover images in Redis (≤ 1 MB each, a handful a week), served at `<public base>/media/covers/<file>`. */
export function createCoverStore(redis: Redis, keys: Keyspace, publicBaseUrl: string) {
  const store: CoverStore & { read(file: string): Promise<{ bytes: Buffer; type: "jpg" | "png" } | undefined> } = {
    async save(postId, bytes, type) {
      const file = `${postId}-${createHash("sha256").update(bytes).digest("hex").slice(0, 12)}.${type}`;
      await redis.set(keys.cover(file), Buffer.from(bytes));
      return `${publicBaseUrl.replace(/\/$/, "")}/media/covers/${file}`;
    },
    async read(file) {
      const m = COVER_FILE.exec(file);
      if (!m) return undefined;
      const bytes = await redis.getBuffer(keys.cover(file));
      return bytes ? { bytes, type: m[3] as "jpg" | "png" } : undefined;
    },
  };
  return store;
}

export type CoverFiles = ReturnType<typeof createCoverStore>;
