import type { Redis } from "./redis";
import type { Keyspace } from "./keys";
import { luaScript } from "./lua";
import type { ReportRepository } from "../domain/reports/ports";

const ADD_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'sha256', ARGV[1], 'name', ARGV[2], 'text', ARGV[3], 'receivedAt', ARGV[4])
redis.call('ZADD', KEYS[2], ARGV[5], ARGV[1])
return 1`;
const addReport = luaScript<number>("report_add", ADD_SCRIPT, 2);

export function createReportRepository(redis: Redis, keys: Keyspace): ReportRepository {
  return {
    async addIfAbsent(report) {
      // One script: a crash can never leave a report half written (an id without its text).
      const created = await addReport(
        redis,
        [keys.report(report.sha256), keys.reports],
        [report.sha256, report.name, report.text, report.receivedAt, Date.parse(report.receivedAt)],
      );
      return created === 1;
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
