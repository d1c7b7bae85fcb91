import { isPublic, postSchema, type Post, type Snapshot } from "@cds/shared";
import type { Session, SessionRepository, User, UserRepository } from "../../bot-server/src/domain/accounts/ports";
import type { NewRevision, Publication, SnapshotRepository } from "../../bot-server/src/domain/indicators/ports";
import { checkWeek, snapshotRefusal, WEEK_ID } from "../../bot-server/src/domain/indicators/snapshot-error";
import { snapshotOf } from "../../bot-server/src/domain/indicators/snapshot-of";
import type { PostRepository } from "../../bot-server/src/domain/posts/ports";
import type { ReportRepository } from "../../bot-server/src/domain/reports/ports";
import type { StoredReport } from "../../bot-server/src/domain/reports/report";

/**
 * In-memory stand-ins for the repositories, for unit tests of the domain: the same contract as the Redis
 * ones (test/contract/ runs one suite against both), without a server.
 */
interface Week {
  revisions: NewRevision[];
  publications: Map<number, Publication>;
  published: number;
}

export function createMemorySnapshotRepository(): SnapshotRepository {
  const weeks = new Map<string, Week>();
  const byFrom = new Map<string, string>();
  const publishedWeeks = new Set<string>();
  let version = 0;
  const weekOf = (week: string) => {
    let w = weeks.get(week);
    if (!w) weeks.set(week, (w = { revisions: [], publications: new Map(), published: 0 }));
    return w;
  };
  const assemble = (week: string, w: Week | undefined, n: number): Snapshot | undefined => {
    const body = w?.revisions[n - 1];
    if (!w || !body) return undefined;
    return snapshotOf(week, n, body, w.publications.get(n));
  };
  const sorted = (set: Iterable<string>) => [...set].sort();
  return {
    async addRevision(input, options = {}) {
      const week = input.period.to;
      checkWeek(week);
      const w = weekOf(week);
      const head = w.revisions.length;
      if (options.expectedHead !== undefined && options.expectedHead !== head) {
        throw snapshotRefusal.staleHead(week, head);
      }
      w.revisions.push(structuredClone(input));
      const n = w.revisions.length;
      byFrom.set(input.period.from, week);
      if (options.publish) {
        w.publications.set(n, options.publish);
        w.published = n;
        publishedWeeks.add(week);
        version++;
      }
      return snapshotOf(week, n, input, options.publish);
    },
    async publish(week, revision, publication) {
      checkWeek(week);
      const w = weeks.get(week);
      if (!w || !w.revisions[revision - 1]) throw snapshotRefusal.noRevision(week, revision);
      if (w.publications.has(revision)) throw snapshotRefusal.alreadyPublished(week, revision);
      if (revision < w.published) throw snapshotRefusal.superseded(week, revision);
      w.publications.set(revision, publication);
      w.published = revision;
      publishedWeeks.add(week);
      version++;
    },
    async get(week, revision) {
      checkWeek(week);
      const w = weeks.get(week);
      return assemble(week, w, revision ?? w?.revisions.length ?? 0);
    },
    async revisions(week) {
      checkWeek(week);
      const w = weeks.get(week);
      return (w?.revisions ?? []).flatMap((_, i) => assemble(week, w, i + 1) ?? []);
    },
    async getPublished(week) {
      checkWeek(week);
      const w = weeks.get(week);
      return w && w.published > 0 ? assemble(week, w, w.published) : undefined;
    },
    async publishedWeeks(options = {}) {
      const all = sorted(publishedWeeks);
      return options.last === undefined ? all : all.slice(-options.last);
    },
    async listPublished() {
      return sorted(publishedWeeks).flatMap((week) => {
        const w = weeks.get(week)!;
        return assemble(week, w, w.published) ?? [];
      });
    },
    async weeks() {
      return sorted(weeks.keys());
    },
    async weekStartingOn(from) {
      return WEEK_ID.test(from) ? byFrom.get(from) : undefined;
    },
    async publishedVersion() {
      return version;
    },
  };
}

export function createMemoryReportRepository(): ReportRepository {
  const reports = new Map<string, StoredReport>();
  return {
    async addIfAbsent(report) {
      if (reports.has(report.sha256)) return false;
      reports.set(report.sha256, { ...report });
      return true;
    },
    async get(sha256) {
      const r = reports.get(sha256);
      return r ? { ...r } : undefined;
    },
    async listNewestFirst(limit) {
      return [...reports.values()]
        .sort((a, b) => Date.parse(b.receivedAt) - Date.parse(a.receivedAt))
        .slice(0, limit)
        .map((r) => r.sha256);
    },
  };
}

export function createMemoryPostRepository(): PostRepository {
  const posts = new Map<string, Post>();
  const published = new Map<string, number>();
  // Stored through the schema, as Redis does, so a fake never holds what the real store would refuse.
  const store = (post: Post) => {
    posts.set(post.id, postSchema.parse(structuredClone(post)));
    if (isPublic(post) && post.publishedAt) published.set(post.id, Date.parse(post.publishedAt));
  };
  const newestFirst = (entries: Iterable<[string, number]>) =>
    [...entries]
      .sort(([a, x], [b, y]) => y - x || (a < b ? 1 : a > b ? -1 : 0))
      .map(([id]) => structuredClone(posts.get(id)!));
  return {
    async createIfAbsent(post) {
      if (posts.has(post.id)) return false;
      store(post);
      return true;
    },
    async get(id) {
      const post = posts.get(id);
      return post ? structuredClone(post) : undefined;
    },
    async replaceIfVersion(post, expectedVersion) {
      if ((posts.get(post.id)?.version ?? 0) !== expectedVersion) return false;
      store(post);
      return true;
    },
    async savePublished(post) {
      store(post);
      published.set(post.id, Date.parse(post.publishedAt));
    },
    async listPublished(limit) {
      return newestFirst(published).slice(0, limit);
    },
    async list(filter) {
      return newestFirst([...posts.values()].map((p) => [p.id, Date.parse(p.createdAt)] as [string, number]))
        .filter((p) => !filter.statuses || filter.statuses.includes(p.status))
        .slice(0, filter.limit);
    },
  };
}

export function createMemoryUserRepository(): UserRepository {
  const users = new Map<string, User>();
  return {
    async get(username) {
      const user = users.get(username);
      return user ? { ...user, roles: [...user.roles] } : undefined;
    },
    async create(user) {
      if (users.has(user.username)) return false;
      users.set(user.username, { ...user, roles: [...user.roles] });
      return true;
    },
    async save(user) {
      users.set(user.username, { ...user, roles: [...user.roles] });
    },
    async list() {
      return [...users.values()].sort((a, b) => a.username.localeCompare(b.username)).map((u) => ({ ...u }));
    },
  };
}

/** Sessions that lapse `idleTtlMs` after their last use, by the clock given (Redis uses its own). */
export function createMemorySessionRepository(now: () => number = Date.now): SessionRepository {
  const sessions = new Map<string, { session: Session; expiresAt: number }>();
  const live = (id: string) => {
    const entry = sessions.get(id);
    if (entry && entry.expiresAt <= now()) sessions.delete(id);
    return sessions.get(id);
  };
  return {
    async create(session, idleTtlMs) {
      sessions.set(session.id, { session: { ...session }, expiresAt: now() + idleTtlMs });
    },
    async get(id) {
      const entry = live(id);
      return entry ? { ...entry.session } : undefined;
    },
    async touch(id, at, idleTtlMs) {
      const entry = live(id);
      if (entry) sessions.set(id, { session: { ...entry.session, lastSeenAt: at }, expiresAt: now() + idleTtlMs });
    },
    async delete(id) {
      sessions.delete(id);
    },
    async deleteAllOf(username) {
      const ids = [...sessions.keys()].filter((id) => live(id)?.session.username === username);
      for (const id of ids) sessions.delete(id);
      return ids.length;
    },
  };
}

/** The parts of a test store the domain's unit tests use, in memory; `clock` is moved by hand. */
export function createMemoryStore() {
  let current = new Date("2024-08-30T10:00:00Z");
  return {
    snapshots: createMemorySnapshotRepository(),
    reports: createMemoryReportRepository(),
    clock: { now: () => current, set: (iso: string) => void (current = new Date(iso)) },
    async close() {},
  };
}

export type MemoryStore = ReturnType<typeof createMemoryStore>;
