import { keyspace } from "../../bot-server/src/store/keys";
import { postRepository } from "../../bot-server/src/store/post-repository";
import { reportRepository } from "../../bot-server/src/store/report-repository";
import { sessionRepository } from "../../bot-server/src/store/session-repository";
import { snapshotRepository } from "../../bot-server/src/store/snapshot-repository";
import { userRepository } from "../../bot-server/src/store/user-repository";
import { connectTestRedis, dropPrefix, uniquePrefix } from "../harness/redis";
import { repositoryContract } from "./repositories";

repositoryContract("Redis (production)", async () => {
  const redis = connectTestRedis();
  const prefix = uniquePrefix("contract");
  const keys = keyspace(prefix);
  return {
    snapshots: snapshotRepository(redis, keys),
    reports: reportRepository(redis, keys),
    posts: postRepository(redis, keys),
    users: userRepository(redis, keys),
    sessions: sessionRepository(redis, keys),
    async close() {
      await dropPrefix(redis, prefix);
      await redis.quit();
    },
  };
});
