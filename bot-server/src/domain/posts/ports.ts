import type { Post, PostStatus } from "@cds/shared";

/** What the posts domain needs of storage: implemented by store/post-repository.ts. */

export interface PostRepository {
  /** Creates the post unless one with its id exists; true when created. */
  createIfAbsent(post: Post): Promise<boolean>;
  get(id: string): Promise<Post | undefined>;
  /**
   * Stores `post` only if the stored one is still at `expectedVersion`, in one step: of two changes made
   * against the same version, one wins and the other learns it lost. A published post is indexed for the
   * public list and the public content version (caches) is bumped with it.
   */
  replaceIfVersion(post: Post, expectedVersion: number): Promise<boolean>;
  /** Stores the published post, indexes it and bumps the public content version (caches), in one transaction. */
  savePublished(post: Post & { publishedAt: string }): Promise<void>;
  listPublished(limit: number): Promise<Post[]>;
  /** Every post, newest first, optionally of some statuses. */
  list(filter: { statuses?: readonly PostStatus[]; limit: number }): Promise<Post[]>;
}
