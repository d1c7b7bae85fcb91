import type { AuditEntry, AuditLog } from "../domain/audit/audit-log";
import type { Keyspace } from "./keys";
import type { Redis } from "./redis";

/** How many entries one listing reads at most while filtering (a page is filled from these). */
const SCAN_LIMIT = 5_000;

/** The audit log as a Redis stream: XADD only, read newest first with XREVRANGE. */
export function createAuditStream(redis: Redis, keys: Keyspace, now: () => number = Date.now): AuditLog {
  return {
    async append(entry) {
      await redis.xadd(keys.audit, "*", "entry", JSON.stringify({ at: new Date(now()).toISOString(), ...entry }));
    },
    async list(filter, page) {
      const entries: AuditEntry[] = [];
      let end = page.before ? `(${page.before}` : "+";
      let scanned = 0;
      const fromMs = filter.from ? Date.parse(filter.from) : undefined;
      const toMs = filter.to ? Date.parse(filter.to) : undefined;
      // Stream ids are times: the time range narrows the read itself.
      if (toMs !== undefined && end === "+") end = String(toMs);
      const start = fromMs !== undefined ? String(fromMs) : "-";
      while (entries.length < page.limit && scanned < SCAN_LIMIT) {
        const batch = (await redis.xrevrange(keys.audit, end, start, "COUNT", 200)) as Array<[string, string[]]>;
        if (batch.length === 0) break;
        for (const [id, fields] of batch) {
          scanned++;
          const e = { id, ...(JSON.parse(fields[1] ?? "{}") as Omit<AuditEntry, "id">) };
          if (filter.actor && e.actor !== filter.actor) continue;
          if (filter.target && e.target !== filter.target) continue;
          entries.push(e);
          if (entries.length === page.limit) break;
        }
        end = `(${batch.at(-1)![0]}`;
      }
      const last = entries.at(-1);
      return { entries, ...(entries.length === page.limit && last ? { next: last.id } : {}) };
    },
  };
}
