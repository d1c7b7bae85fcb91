import { keyspace } from "../../bot-server/src/store/keys";
import { createPostRepository } from "../../bot-server/src/store/post-repository";
import { createReportRepository } from "../../bot-server/src/store/report-repository";
import { createSessionRepository } from "../../bot-server/src/store/session-repository";
import { createSnapshotRepository } from "../../bot-server/src/store/snapshot-repository";
import { createUserRepository } from "../../bot-server/src/store/user-repository";
import { connectTestRedis, dropPrefix, uniquePrefix } from "../harness/redis";
import { repositoryContract } from "./repositories";

repositoryContract("Redis (production)", async () => {
  const redis = connectTestRedis();
  const prefix = uniquePrefix("contract");
  const keys = keyspace(prefix);
  return {
    snapshots: createSnapshotRepository(redis, keys),
    reports: createReportRepository(redis, keys),
    posts: createPostRepository(redis, keys),
    users: createUserRepository(redis, keys),
    sessions: createSessionRepository(redis, keys),
    async close() {
      await dropPrefix(redis, prefix);
      await redis.quit();
    },
  };
});
