import type { Catalogue, IndicatorValue, Snapshot } from "@cds/shared";
import type { AuditLog } from "../audit/audit-log";
import { importReport, type ReportImport } from "../importer/import-report";
import { bulletinId, createPostFromDraft } from "../posts/posts";
import type { PostRepository } from "../posts/ports";
import { readDocument } from "../importer/read-document";
import type { ReportRepository } from "../reports/ports";
import type { SnapshotRepository } from "./ports";
import { correctSnapshot } from "./correct-snapshot";
import { importDraft } from "./import-draft";
import { publishSnapshot } from "./publish-snapshot";
import { plausibilityFlags } from "./plausibility";
import { SnapshotError } from "./snapshot-error";
import { publicCatalogue } from "./public-catalogue";

/**
 * The weekly report through the console: an uploaded document becomes a draft of its week (nothing is
 * stored when it cannot be read), shown with each value's sentence and what looks implausible; an editor
 * corrects the draft (a new draft revision), and it is published by name and revision.
 */
export interface WeeklyReportDeps {
  snapshots: SnapshotRepository;
  reports: ReportRepository;
  posts: PostRepository;
  audit: AuditLog;
  catalogue: Catalogue;
  maxChangeShare: number;
  now: () => Date;
}

export interface Who {
  username: string;
  address: string;
}

/** The published week just before `week`, the reference for "how it moved". */
async function previousValues(
  deps: WeeklyReportDeps,
  week: string,
): Promise<Record<string, IndicatorValue> | undefined> {
  const earlier = (await deps.snapshots.publishedWeeks()).filter((w) => w < week);
  const last = earlier.at(-1);
  return last ? (await deps.snapshots.getPublished(last))?.values : undefined;
}

export async function uploadReport(deps: WeeklyReportDeps, who: Who, file: { bytes: Uint8Array; name: string }) {
  const document = await readDocument(file.bytes, file.name);
  const imported: ReportImport = importReport(document.text, deps.catalogue);
  const snapshot = await importDraft(deps, {
    name: file.name,
    text: document.text,
    result: imported,
    by: who.username,
  });
  await deps.audit.append({
    actor: who.username,
    address: who.address,
    action: "report.uploaded",
    target: `week:${snapshot.id}`,
    details: {
      name: file.name,
      revision: snapshot.revision,
      values: Object.keys(snapshot.values).length,
      missing: imported.missing.length,
    },
  });
  return {
    snapshot,
    missing: imported.missing,
    warnings: imported.warnings,
    news: imported.news,
    flags: plausibilityFlags(
      snapshot.values,
      await previousValues(deps, snapshot.id),
      deps.catalogue,
      deps.maxChangeShare,
    ),
  };
}

/** The weeks for the console, newest first (the latest revision of each, and whether the public sees one), with the catalogue that names their figures. */
export async function weeksForReview(deps: WeeklyReportDeps, limit: number) {
  const ids = (await deps.snapshots.weeks()).slice(-limit).reverse();
  const weeks = await Promise.all(
    ids.map(async (id) => {
      const { latest, published } = weekState(await deps.snapshots.revisions(id));
      return latest
        ? [
            {
              id,
              period: latest.period,
              status: latest.status,
              revision: latest.revision,
              publishedRevision: published?.revision ?? null,
              values: Object.keys(latest.values).length,
            },
          ]
        : [];
    }),
  );
  return { weeks: weeks.flat(), catalogue: publicCatalogue(deps.catalogue) };
}

/**
 * A week's latest revision and the one the public sees, from its revisions (read once: each is in the same
 * record). Publication only moves forward, so the public revision is the newest published one.
 */
function weekState(revisions: Snapshot[]) {
  return { latest: revisions.at(-1), published: revisions.findLast((r) => r.status === "published") };
}

/** A week as the console shows it: its latest revision with flags, what the public sees, and every revision. */
export async function weekForReview(deps: WeeklyReportDeps, week: string) {
  const [revisions, previous] = await Promise.all([deps.snapshots.revisions(week), previousValues(deps, week)]);
  const { latest, published } = weekState(revisions);
  if (!latest) throw new SnapshotError("not_found", `Chưa có số liệu tuần ${week}`);
  const missing = deps.catalogue.indicators.map((i) => i.id).filter((id) => !(id in latest.values));
  return {
    latest,
    published,
    revisions,
    missing,
    flags: plausibilityFlags(latest.values, previous, deps.catalogue, deps.maxChangeShare),
  };
}

/** An editor's corrections to a draft become its next draft revision, against the revision they saw. */
export async function reviseDraft(
  deps: WeeklyReportDeps,
  who: Who,
  input: { week: string; revision: number; changes: Record<string, IndicatorValue | null> },
): Promise<Snapshot> {
  const latest = await deps.snapshots.get(input.week);
  if (!latest) throw new SnapshotError("not_found", `Chưa có số liệu tuần ${input.week}`);
  if (latest.revision !== input.revision)
    throw new SnapshotError("conflict", "Số liệu tuần này vừa có phiên bản mới: tải lại rồi sửa tiếp");
  if (latest.status === "published")
    throw new SnapshotError("already_published", "Phiên bản này đã công bố: dùng đính chính, có ghi lý do");
  for (const id of Object.keys(input.changes))
    if (!deps.catalogue.byId.has(id)) throw new SnapshotError("invalid", `Không có chỉ số "${id}" trong danh mục`);
  const values = { ...latest.values };
  for (const [id, value] of Object.entries(input.changes)) {
    if (value === null) delete values[id];
    else values[id] = value;
  }
  const revised = await deps.snapshots.addRevision(
    {
      period: latest.period,
      values,
      createdAt: deps.now().toISOString(),
      createdBy: who.username,
      ...(latest.reportSha256 && { reportSha256: latest.reportSha256 }),
      note: "sửa bản nháp",
    },
    { expectedHead: latest.revision },
  );
  await deps.audit.append({
    actor: who.username,
    address: who.address,
    action: "report.revised",
    target: `week:${input.week}`,
    details: { revision: revised.revision, changed: Object.keys(input.changes) },
  });
  return revised;
}

/**
 * Publishes the revision the person looked at (never one imported meanwhile unseen), and drafts the week's
 * bulletin from its report, once, for the editors to start from (it goes nowhere until approved).
 */
export async function publishWeek(
  deps: WeeklyReportDeps,
  who: Who,
  input: { week: string; revision: number },
): Promise<{ snapshot: Snapshot; bulletin?: string }> {
  const snapshot = await publishSnapshot(deps, { ...input, by: who.username });
  await deps.audit.append({
    actor: who.username,
    address: who.address,
    action: "report.published",
    target: `week:${input.week}`,
    details: { revision: input.revision },
  });
  const report = snapshot.reportSha256 ? await deps.reports.get(snapshot.reportSha256) : undefined;
  if (!report) return { snapshot };
  const { post, created } = await createPostFromDraft(deps.posts, {
    id: bulletinId(snapshot.id),
    draft: importReport(report.text, deps.catalogue).news,
    periodTo: snapshot.id,
    by: "system:bulletin",
    now: deps.now(),
  });
  if (created)
    await deps.audit.append({
      actor: "system:bulletin",
      address: "api",
      action: "post.created",
      target: `post:${post.id}`,
      details: { from: `week:${snapshot.id}` },
    });
  return { snapshot, bulletin: post.id };
}

/** A correction of a published week: a new published revision that says who changed what, and why. */
export async function correctWeek(
  deps: WeeklyReportDeps,
  who: Who,
  input: { week: string; changes: Record<string, IndicatorValue | null>; note: string },
): Promise<Snapshot> {
  const snapshot = await correctSnapshot(deps, { ...input, by: who.username });
  await deps.audit.append({
    actor: who.username,
    address: who.address,
    action: "report.corrected",
    target: `week:${input.week}`,
    details: { revision: snapshot.revision, note: input.note, changed: Object.keys(input.changes) },
  });
  return snapshot;
}
