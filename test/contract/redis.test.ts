import { keyspace } from "../../bot-server/src/store/keys";
import { reportRepository } from "../../bot-server/src/store/report-repository";
import { snapshotRepository } from "../../bot-server/src/store/snapshot-repository";
import { connectTestRedis, dropPrefix, uniquePrefix } from "../harness/redis";
import { repositoryContract } from "./repositories";

repositoryContract("Redis (production)", async () => {
  const redis = connectTestRedis();
  const prefix = uniquePrefix("contract");
  const keys = keyspace(prefix);
  return {
    snapshots: snapshotRepository(redis, keys),
    reports: reportRepository(redis, keys),
    async close() {
      await dropPrefix(redis, prefix);
      await redis.quit();
    },
  };
});
