import { describe, expect, it } from "vitest";
import type { Period } from "@cds/shared";
import type { Post } from "@cds/shared";
import type { SessionRepository, UserRepository } from "../../bot-server/src/domain/accounts/ports";
import type { SnapshotRepository } from "../../bot-server/src/domain/indicators/ports";
import type { PostRepository } from "../../bot-server/src/domain/posts/ports";
import type { ReportRepository } from "../../bot-server/src/domain/reports/ports";

/**
 * What the domain relies on from its repositories, as one suite run against every implementation: the Redis
 * store (integration) and the in-memory fakes the domain's unit tests use. A fake that drifts fails here.
 */
export interface Repositories {
  snapshots: SnapshotRepository;
  reports: ReportRepository;
  posts: PostRepository;
  users: UserRepository;
  sessions: SessionRepository;
}

const period = (from: string, to: string): Period => ({ from, to, label: `Tuần đến ${to}` });
const revision = (to: string, from: string, value: number) => ({
  period: period(from, to),
  values: { "dvc.online_filing_rate": { value } },
  createdAt: "2024-08-30T10:00:00.000Z",
  createdBy: "editor",
});
const post = (id: string, createdAt: string, extra: Partial<Post> = {}): Post => ({
  id,
  title: `Bài ${id}`,
  summary: "Tóm tắt",
  body: "Nội dung",
  highlights: [],
  events: [],
  status: "draft",
  version: 1,
  createdAt,
  createdBy: "editor",
  ...extra,
});
const user = (username: string) => ({
  username,
  name: `Người ${username}`,
  roles: ["editor" as const],
  passwordHash: "$scrypt$…",
  disabled: false,
  createdAt: "2024-08-30T10:00:00.000Z",
  createdBy: "admin",
  passwordChangedAt: "2024-08-30T10:00:00.000Z",
});
const publication = { publishedAt: "2024-08-31T02:00:00.000Z", publishedBy: "approver" };

export function repositoryContract(name: string, open: () => Promise<Repositories & { close(): Promise<void> }>): void {
  describe(`repository contract: ${name}`, () => {
    const using = async (test: (r: Repositories) => Promise<void>) => {
      const r = await open();
      try {
        await test(r);
      } finally {
        await r.close();
      }
    };

    it("numbers a week's revisions, reads the latest or any one, and refuses a stale writer", () =>
      using(async ({ snapshots }) => {
        expect((await snapshots.addRevision(revision("2024-08-30", "2024-08-24", 90))).revision).toBe(1);
        expect(
          (await snapshots.addRevision(revision("2024-08-30", "2024-08-24", 93), { expectedHead: 1 })).revision,
        ).toBe(2);
        await expect(
          snapshots.addRevision(revision("2024-08-30", "2024-08-24", 94), { expectedHead: 1 }),
        ).rejects.toMatchObject({ code: "conflict" });
        expect((await snapshots.get("2024-08-30"))?.values["dvc.online_filing_rate"]?.value).toBe(93);
        expect((await snapshots.get("2024-08-30", 1))?.values["dvc.online_filing_rate"]?.value).toBe(90);
        expect((await snapshots.revisions("2024-08-30")).map((s) => [s.revision, s.status])).toEqual([
          [1, "draft"],
          [2, "draft"],
        ]);
        expect(await snapshots.get("2024-09-06")).toBeUndefined();
        expect(await snapshots.weekStartingOn("2024-08-24")).toBe("2024-08-30");
        expect(await snapshots.weekStartingOn("not-a-date")).toBeUndefined();
        await expect(snapshots.get("30/8/2024")).rejects.toMatchObject({ code: "invalid" });
      }));

    it("publishes once, never an older revision over a newer one, and bumps the public version with each", () =>
      using(async ({ snapshots }) => {
        await snapshots.addRevision(revision("2024-08-30", "2024-08-24", 90));
        await snapshots.addRevision(revision("2024-08-30", "2024-08-24", 93));
        const before = await snapshots.publishedVersion();
        await expect(snapshots.publish("2024-08-30", 3, publication)).rejects.toMatchObject({ code: "not_found" });
        await snapshots.publish("2024-08-30", 2, publication);
        await expect(snapshots.publish("2024-08-30", 2, publication)).rejects.toMatchObject({
          code: "already_published",
        });
        await expect(snapshots.publish("2024-08-30", 1, publication)).rejects.toMatchObject({ code: "superseded" });
        expect(await snapshots.publishedVersion()).toBe(before + 1);
        expect(await snapshots.getPublished("2024-08-30")).toMatchObject({
          revision: 2,
          status: "published",
          ...publication,
        });
        const corrected = await snapshots.addRevision(revision("2024-08-30", "2024-08-24", 94), {
          expectedHead: 2,
          publish: publication,
        });
        expect(corrected).toMatchObject({ revision: 3, status: "published" });
        expect(await snapshots.publishedVersion()).toBe(before + 2);
        expect((await snapshots.getPublished("2024-08-30"))?.revision).toBe(3);
      }));

    it("lets one of two writers who read the same head win, and tells the other", () =>
      using(async ({ snapshots }) => {
        await snapshots.addRevision(revision("2024-08-30", "2024-08-24", 90));
        const outcomes = await Promise.allSettled([
          snapshots.addRevision(revision("2024-08-30", "2024-08-24", 93), { expectedHead: 1 }),
          snapshots.addRevision(revision("2024-08-30", "2024-08-24", 94), { expectedHead: 1 }),
        ]);
        expect(outcomes.map((o) => o.status).sort()).toEqual(["fulfilled", "rejected"]);
        expect((await snapshots.revisions("2024-08-30")).length).toBe(2);
      }));

    it("lists weeks oldest first: every week, the published ones, the newest few", () =>
      using(async ({ snapshots }) => {
        await snapshots.addRevision(revision("2024-09-06", "2024-08-31", 95));
        await snapshots.addRevision(revision("2024-08-30", "2024-08-24", 93), { publish: publication });
        await snapshots.addRevision(revision("2024-08-23", "2024-08-17", 91), { publish: publication });
        expect(await snapshots.weeks()).toEqual(["2024-08-23", "2024-08-30", "2024-09-06"]);
        expect(await snapshots.publishedWeeks()).toEqual(["2024-08-23", "2024-08-30"]);
        expect(await snapshots.publishedWeeks({ last: 1 })).toEqual(["2024-08-30"]);
        expect((await snapshots.listPublished()).map((s) => s.id)).toEqual(["2024-08-23", "2024-08-30"]);
      }));

    it("keeps each report once, by its content's hash, newest first", () =>
      using(async ({ reports }) => {
        const report = (sha256: string, receivedAt: string) => ({
          sha256,
          name: `${sha256}.txt`,
          text: "Báo cáo",
          receivedAt,
        });
        expect(await reports.addIfAbsent(report("aaa", "2024-08-30T10:00:00.000Z"))).toBe(true);
        expect(await reports.addIfAbsent(report("aaa", "2024-08-31T10:00:00.000Z"))).toBe(false);
        expect(await reports.addIfAbsent(report("bbb", "2024-09-06T10:00:00.000Z"))).toBe(true);
        expect(await reports.get("aaa")).toEqual(report("aaa", "2024-08-30T10:00:00.000Z"));
        expect(await reports.get("ccc")).toBeUndefined();
        expect(await reports.listNewestFirst(10)).toEqual(["bbb", "aaa"]);
      }));

    it("creates a post once, replaces it only at the version read, and lists newest first by status", () =>
      using(async ({ posts }) => {
        expect(await posts.createIfAbsent(post("a", "2024-08-30T10:00:00.000Z"))).toBe(true);
        expect(await posts.createIfAbsent(post("a", "2024-08-31T10:00:00.000Z", { title: "Khác" }))).toBe(false);
        expect((await posts.get("a"))?.title).toBe("Bài a");
        expect(await posts.get("none")).toBeUndefined();
        await posts.createIfAbsent(post("b", "2024-09-06T10:00:00.000Z"));

        const submitted = post("a", "2024-08-30T10:00:00.000Z", { status: "submitted", version: 2 });
        const outcomes = await Promise.all([
          posts.replaceIfVersion(submitted, 1),
          posts.replaceIfVersion({ ...submitted, title: "Đổi" }, 1),
        ]);
        expect(outcomes.sort()).toEqual([false, true]);
        expect(await posts.replaceIfVersion(post("none", "2024-08-30T10:00:00.000Z"), 1)).toBe(false);
        expect((await posts.get("a"))?.version).toBe(2);

        expect((await posts.list({ limit: 10 })).map((p) => p.id)).toEqual(["b", "a"]);
        expect((await posts.list({ statuses: ["submitted"], limit: 10 })).map((p) => p.id)).toEqual(["a"]);
        expect((await posts.list({ limit: 1 })).map((p) => p.id)).toEqual(["b"]);
      }));

    it("lists published posts newest publication first, whether published directly or by a replacement", () =>
      using(async ({ posts }) => {
        await posts.createIfAbsent(post("a", "2024-08-30T10:00:00.000Z"));
        await posts.createIfAbsent(post("b", "2024-08-31T10:00:00.000Z"));
        await posts.savePublished({
          ...post("b", "2024-08-31T10:00:00.000Z"),
          status: "published",
          publishedAt: "2024-09-01T02:00:00.000Z",
        });
        expect(
          await posts.replaceIfVersion(
            {
              ...post("a", "2024-08-30T10:00:00.000Z"),
              status: "sent",
              version: 2,
              publishedAt: "2024-09-02T02:00:00.000Z",
            },
            1,
          ),
        ).toBe(true);
        expect((await posts.listPublished(10)).map((p) => [p.id, p.status])).toEqual([
          ["a", "sent"],
          ["b", "published"],
        ]);
        expect((await posts.listPublished(1)).map((p) => p.id)).toEqual(["a"]);
      }));

    it("creates a user once by username, saves changes, lists by username", () =>
      using(async ({ users }) => {
        expect(await users.create(user("minh"))).toBe(true);
        expect(await users.create({ ...user("minh"), name: "Khác" })).toBe(false);
        expect(await users.create(user("an"))).toBe(true);
        await users.save({ ...user("minh"), disabled: true, roles: ["editor", "approver"] });
        expect(await users.get("minh")).toMatchObject({
          name: "Người minh",
          disabled: true,
          roles: ["editor", "approver"],
        });
        expect(await users.get("none")).toBeUndefined();
        expect((await users.list()).map((u) => u.username)).toEqual(["an", "minh"]);
      }));

    it("keeps sessions until deleted, one or all of a person's, and touching records the last use", () =>
      using(async ({ sessions }) => {
        const session = (id: string, username: string) => ({
          id,
          username,
          csrfToken: `t-${id}`,
          createdAt: 1,
          lastSeenAt: 1,
        });
        const hour = 3_600_000;
        await sessions.create(session("s1", "minh"), hour);
        await sessions.create(session("s2", "minh"), hour);
        await sessions.create(session("s3", "an"), hour);
        await sessions.touch("s1", 5, hour);
        await sessions.touch("none", 5, hour);
        expect(await sessions.get("s1")).toEqual({ ...session("s1", "minh"), lastSeenAt: 5 });
        expect(await sessions.get("none")).toBeUndefined();
        await sessions.delete("s1");
        expect(await sessions.get("s1")).toBeUndefined();
        expect(await sessions.deleteAllOf("minh")).toBe(1);
        expect(await sessions.get("s2")).toBeUndefined();
        expect(await sessions.deleteAllOf("minh")).toBe(0);
        expect(await sessions.get("s3")).toMatchObject({ username: "an" });
      }));
  });
}
