import type { Snapshot } from "@cds/shared";
import { snapshotOf } from "../domain/indicators/snapshot-of";
import { checkWeek, snapshotRefusal, WEEK_ID } from "../domain/indicators/snapshot-error";
import type { Keyspace } from "./keys";
import type { Redis } from "./redis";
import { luaScript } from "./lua";
import type { NewRevision, Publication, SnapshotRepository } from "../domain/indicators/ports";

// Both scripts run atomically in Redis, so two concurrent writers can never take the same revision number,
// and a publish can never be half-recorded (revision, index and version counter move together).
const ADD_REVISION = `
local head = tonumber(redis.call('HGET', KEYS[1], 'head')) or 0
if ARGV[5] ~= '' and tonumber(ARGV[5]) ~= head then return {0, head} end
local n = head + 1
redis.call('HSET', KEYS[1], 'head', n, 'rev:' .. n, ARGV[1])
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
redis.call('HSET', KEYS[3], ARGV[4], ARGV[3])
if ARGV[6] ~= '' then
  redis.call('HSET', KEYS[1], 'pub:' .. n, ARGV[6], 'published', n)
  redis.call('ZADD', KEYS[4], ARGV[2], ARGV[3])
  redis.call('INCR', KEYS[5])
end
return {1, n}
`;
const addRevision = luaScript<[number, number]>("snapshot_add_revision", ADD_REVISION, 5);

const PUBLISH = `
local n = tonumber(ARGV[1])
if redis.call('HEXISTS', KEYS[1], 'rev:' .. n) == 0 then return 'not_found' end
if redis.call('HEXISTS', KEYS[1], 'pub:' .. n) == 1 then return 'already_published' end
if n < (tonumber(redis.call('HGET', KEYS[1], 'published')) or 0) then return 'superseded' end
redis.call('HSET', KEYS[1], 'pub:' .. n, ARGV[2], 'published', n)
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[4])
redis.call('INCR', KEYS[3])
return 'ok'
`;
const publishRevision = luaScript<string>("snapshot_publish", PUBLISH, 3);

/** Sorted-set score of a week: days since 1970-01-01, so weeks sort by date. */
const dayNumber = (isoDate: string) => Date.parse(`${isoDate}T00:00:00Z`) / 86_400_000;

/** Rebuilds revision n of a week from its hash fields (validated: what comes out is what the schema says). */
function assemble(week: string, hash: Record<string, string>, n: number): Snapshot | undefined {
  const body = hash[`rev:${n}`];
  if (body === undefined) return undefined;
  const publication = hash[`pub:${n}`];
  return snapshotOf(
    week,
    n,
    JSON.parse(body) as NewRevision,
    publication ? (JSON.parse(publication) as Publication) : undefined,
  );
}

export function createSnapshotRepository(redis: Redis, keys: Keyspace): SnapshotRepository {
  const readWeek = async (week: string) => {
    checkWeek(week);
    return redis.hgetall(keys.snapshot(week));
  };

  return {
    async addRevision(input, options = {}) {
      const week = input.period.to;
      checkWeek(week);
      const reply = await addRevision(
        redis,
        [keys.snapshot(week), keys.snapshotWeeks, keys.weekByFrom, keys.publishedWeeks, keys.publishedVersion],
        [
          JSON.stringify(input),
          dayNumber(week),
          week,
          input.period.from,
          options.expectedHead === undefined ? "" : String(options.expectedHead),
          options.publish ? JSON.stringify(options.publish) : "",
        ],
      );
      const [ok, n] = reply;
      if (!ok) throw snapshotRefusal.staleHead(week, n);
      return snapshotOf(week, n, input, options.publish);
    },

    async publish(week, revision, publication) {
      checkWeek(week);
      const outcome = await publishRevision(
        redis,
        [keys.snapshot(week), keys.publishedWeeks, keys.publishedVersion],
        [revision, JSON.stringify(publication), dayNumber(week), week],
      );
      if (outcome === "not_found") throw snapshotRefusal.noRevision(week, revision);
      if (outcome === "already_published") throw snapshotRefusal.alreadyPublished(week, revision);
      if (outcome === "superseded") throw snapshotRefusal.superseded(week, revision);
    },

    async get(week, revision) {
      const hash = await readWeek(week);
      const n = revision ?? Number(hash.head ?? 0);
      return assemble(week, hash, n);
    },

    async revisions(week) {
      const hash = await readWeek(week);
      const head = Number(hash.head ?? 0);
      const all: Snapshot[] = [];
      for (let n = 1; n <= head; n++) {
        const s = assemble(week, hash, n);
        if (s) all.push(s);
      }
      return all;
    },

    async getPublished(week) {
      const hash = await readWeek(week);
      return hash.published ? assemble(week, hash, Number(hash.published)) : undefined;
    },

    publishedWeeks(options = {}) {
      return options.last === undefined
        ? redis.zrange(keys.publishedWeeks, 0, -1)
        : redis.zrange(keys.publishedWeeks, -options.last, -1);
    },

    async listPublished() {
      const weeks = await redis.zrange(keys.publishedWeeks, 0, -1);
      // Auto-pipelining sends these in one round trip.
      const hashes = await Promise.all(weeks.map((w) => redis.hgetall(keys.snapshot(w))));
      return weeks.flatMap((week, i) => {
        const hash = hashes[i]!;
        const s = hash.published ? assemble(week, hash, Number(hash.published)) : undefined;
        return s ? [s] : [];
      });
    },

    weeks() {
      return redis.zrange(keys.snapshotWeeks, 0, -1);
    },

    async weekStartingOn(from) {
      if (!WEEK_ID.test(from)) return undefined;
      return (await redis.hget(keys.weekByFrom, from)) ?? undefined;
    },

    async publishedVersion() {
      return Number((await redis.get(keys.publishedVersion)) ?? 0);
    },
  };
}
