import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import type { Catalogue } from "@cds/shared";
import { importReport } from "../importer/import-report";
import { importDraft } from "../indicators/import-draft";
import { publishSnapshot } from "../indicators/publish-snapshot";
import { seedDemoHistory } from "../indicators/seed-demo-history";
import { bulletinId, createPostFromDraft, publishPost } from "../posts/posts";
import type { ReportRepository } from "../reports/ports";
import type { SnapshotRepository } from "../indicators/ports";
import type { PostRepository } from "../posts/ports";

export interface SeedResult {
  /** Weeks (their `to` dates) this run imported and published from the seed reports. */
  weeksPublished: string[];
  /** Demo weeks created before the founding week for trend charts (flagged sample where made up). */
  historyWeeks: string[];
  postsPublished: string[];
}

const SEED_BY = "demo-seed";

/**
 * Demo data for a local stack, from the weekly reports shipped in bot-server/seed/reports: each is
 * imported by the real importer, published, given its weekly bulletin post, and the founding week gets a
 * trend history. Idempotent: a week that already has a snapshot and a post that exists are left alone.
 */
export async function seedDemo(deps: {
  reports: ReportRepository;
  snapshots: SnapshotRepository;
  posts: PostRepository;
  catalogue: Catalogue;
  seedDir: string;
  now: () => Date;
}): Promise<SeedResult> {
  const result: SeedResult = { weeksPublished: [], historyWeeks: [], postsPublished: [] };
  const dir = join(deps.seedDir, "reports");
  const names = (await readdir(dir)).filter((n) => n.endsWith(".txt")).sort();
  for (const name of names) {
    const text = await readFile(join(dir, name), "utf8");
    const imported = importReport(text, deps.catalogue);
    const week = imported.period.to;
    if (!(await deps.snapshots.get(week))) {
      const draft = await importDraft(deps, { name, text, result: imported, by: SEED_BY });
      await publishSnapshot(deps, { week, revision: draft.revision, by: SEED_BY });
      result.weeksPublished.push(week);
    }
    const published = await deps.snapshots.getPublished(week);
    if (published) result.historyWeeks.push(...(await seedDemoHistory(deps, published)).created);
    const { post, created } = await createPostFromDraft(deps.posts, {
      id: bulletinId(week),
      draft: imported.news,
      periodTo: week,
      by: SEED_BY,
      now: deps.now(),
    });
    if (created || post.status !== "published") {
      await publishPost(deps.posts, post.id, SEED_BY, deps.now());
      result.postsPublished.push(post.id);
    }
  }
  return result;
}
