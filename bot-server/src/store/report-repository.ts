import type { Redis } from "./redis";
import type { Keyspace } from "./keys";
import type { StoredReport } from "../domain/reports/report";

export interface ReportRepository {
  /** Stores the report unless one with the same content exists; true when it was new. */
  addIfAbsent(report: StoredReport): Promise<boolean>;
  get(sha256: string): Promise<StoredReport | undefined>;
  listNewestFirst(limit: number): Promise<string[]>;
}

export function reportRepository(redis: Redis, keys: Keyspace): ReportRepository {
  return {
    async addIfAbsent(report) {
      const key = keys.report(report.sha256);
      // HSETNX on the id field makes concurrent seeders agree on one winner; the rest is written by it.
      const created = await redis.hsetnx(key, "sha256", report.sha256);
      if (!created) return false;
      await redis
        .multi()
        .hset(key, { name: report.name, text: report.text, receivedAt: report.receivedAt })
        .zadd(keys.reports, Date.parse(report.receivedAt), report.sha256)
        .exec();
      return true;
    },
    async get(sha256) {
      const h = await redis.hgetall(keys.report(sha256));
      if (!h.sha256 || h.text === undefined || !h.name || !h.receivedAt) return undefined;
      return { sha256: h.sha256, name: h.name, text: h.text, receivedAt: h.receivedAt };
    },
    listNewestFirst(limit) {
      return redis.zrevrange(keys.reports, 0, limit - 1);
    },
  };
}
