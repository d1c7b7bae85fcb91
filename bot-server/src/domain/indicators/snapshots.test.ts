import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { defaultCatalogue, indicatorsResponseSchema } from "@cds/shared";
import { foundingImport, foundingReportText, FOUNDING_REPORT_NAME } from "../../../../test/api/founding-week";
import { publishFounding } from "../../../../test/api/helpers";
import { createMemoryStore, type MemoryStore } from "../../../../test/harness/memory-store";
import { correctSnapshot } from "./correct-snapshot";
import { importDraft } from "./import-draft";
import { indicatorHistory } from "./indicator-history";
import { latestPublished } from "./latest-published";
import { presentWeek } from "./present-week";
import { publishSnapshot } from "./publish-snapshot";
import { findPublishedWeek, listPublishedWeeks } from "./published-weeks";
import { SnapshotError } from "./snapshot-error";

let store: MemoryStore;
beforeEach(() => {
  store = createMemoryStore();
});
afterEach(() => store.close());

const catalogue = defaultCatalogue;
const draftDeps = () => ({ snapshots: store.snapshots, reports: store.reports, now: store.clock.now });
const publishDeps = () => ({ snapshots: store.snapshots, now: store.clock.now });
const correctDeps = () => ({ snapshots: store.snapshots, catalogue, now: store.clock.now });

async function rejection(p: Promise<unknown>): Promise<SnapshotError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SnapshotError);
  return err as SnapshotError;
}

/** The founding import moved to another week, with some values replaced. */
function weekImport(from: string, to: string, label: string, values: Record<string, number> = {}) {
  const result = foundingImport();
  result.period = { from, to };
  result.periodLabel = label;
  for (const [id, value] of Object.entries(values)) result.values[id] = { value, source_text: "test" };
  return result;
}

describe("importing a draft", () => {
  it("stores the report verbatim and a draft revision with the report's hash and period label", async () => {
    const draft = await importDraft(draftDeps(), {
      name: FOUNDING_REPORT_NAME,
      text: foundingReportText(),
      result: foundingImport(),
      by: "editor",
    });
    expect(draft).toMatchObject({
      id: "2024-08-30",
      period: { from: "2024-08-24", to: "2024-08-30", label: "Tuần 5 tháng 8/2024" },
      status: "draft",
      revision: 1,
      createdBy: "editor",
      createdAt: "2024-08-30T10:00:00.000Z",
    });
    expect(Object.keys(draft.values)).toHaveLength(30);
    const report = await store.reports.get(draft.reportSha256!);
    expect(report?.text).toBe(foundingReportText().replace(/\r\n?/g, "\n"));
    expect(await store.snapshots.get("2024-08-30")).toEqual(draft);
    expect(await store.snapshots.publishedWeeks()).toEqual([]);
  });

  it("adds a new revision when the week already exists, keeping the report once", async () => {
    const input = { name: FOUNDING_REPORT_NAME, text: foundingReportText(), result: foundingImport(), by: "editor" };
    await importDraft(draftDeps(), input);
    const second = await importDraft(draftDeps(), input);
    expect(second.revision).toBe(2);
    expect(await store.snapshots.revisions("2024-08-30")).toHaveLength(2);
    expect(await store.reports.listNewestFirst(10)).toHaveLength(1);
  });

  it("refuses an import whose period ends before it starts", async () => {
    const bad = weekImport("2024-08-30", "2024-08-24", "x");
    const err = await rejection(importDraft(draftDeps(), { name: "x.txt", text: "x", result: bad, by: "editor" }));
    expect(err.code).toBe("invalid");
  });
});

describe("publishing", () => {
  it("publishes a draft revision, recording who and when, indexing the week and bumping the version", async () => {
    const draft = await importDraft(draftDeps(), { name: "r.txt", text: "r", result: foundingImport(), by: "editor" });
    const before = await store.snapshots.publishedVersion();
    store.clock.set("2024-08-30T15:00:00Z");
    const published = await publishSnapshot(publishDeps(), { week: draft.id, revision: 1, by: "approver" });
    expect(published).toMatchObject({
      status: "published",
      publishedBy: "approver",
      publishedAt: "2024-08-30T15:00:00.000Z",
      revision: 1,
    });
    expect(await store.snapshots.getPublished("2024-08-30")).toEqual(published);
    expect(await store.snapshots.publishedWeeks()).toEqual(["2024-08-30"]);
    expect(await store.snapshots.publishedVersion()).toBe(before + 1);
  });

  it("refuses to publish twice, an unknown revision, or an empty snapshot", async () => {
    const draft = await importDraft(draftDeps(), { name: "r.txt", text: "r", result: foundingImport(), by: "editor" });
    await publishSnapshot(publishDeps(), { week: draft.id, revision: 1, by: "approver" });
    expect(
      (await rejection(publishSnapshot(publishDeps(), { week: draft.id, revision: 1, by: "approver" }))).code,
    ).toBe("already_published");
    expect(
      (await rejection(publishSnapshot(publishDeps(), { week: draft.id, revision: 9, by: "approver" }))).code,
    ).toBe("not_found");

    const empty = weekImport("2024-08-31", "2024-09-06", "Tuần 1 tháng 9/2024");
    empty.values = {};
    const emptyDraft = await importDraft(draftDeps(), { name: "e.txt", text: "e", result: empty, by: "editor" });
    expect(
      (await rejection(publishSnapshot(publishDeps(), { week: emptyDraft.id, revision: 1, by: "approver" }))).code,
    ).toBe("empty");
  });

  it("lets exactly one of two concurrent publishes of the same revision win", async () => {
    await importDraft(draftDeps(), { name: "r.txt", text: "r", result: foundingImport(), by: "editor" });
    const outcomes = await Promise.allSettled(
      [1, 2, 3].map(() =>
        store.snapshots.publish("2024-08-30", 1, { publishedAt: new Date().toISOString(), publishedBy: "a" }),
      ),
    );
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    expect(await store.snapshots.publishedVersion()).toBe(1);
  });

  it("refuses to publish a draft older than the revision the public sees", async () => {
    const input = { name: "r.txt", text: "r", result: foundingImport(), by: "editor" };
    await importDraft(draftDeps(), input);
    await importDraft(draftDeps(), input);
    await publishSnapshot(publishDeps(), { week: "2024-08-30", revision: 2, by: "approver" });
    expect(
      (await rejection(publishSnapshot(publishDeps(), { week: "2024-08-30", revision: 1, by: "approver" }))).code,
    ).toBe("superseded");
  });

  it("gives concurrent imports of one week distinct revisions", async () => {
    const input = { name: "r.txt", text: "r", result: foundingImport(), by: "editor" };
    const drafts = await Promise.all(Array.from({ length: 8 }, () => importDraft(draftDeps(), input)));
    expect(drafts.map((d) => d.revision).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
});

describe("correcting a published week", () => {
  it("creates a published revision n+1 with its note and keeps the earlier one readable", async () => {
    await publishFounding(store);
    const version = await store.snapshots.publishedVersion();
    store.clock.set("2024-08-31T08:00:00Z");
    const corrected = await correctSnapshot(correctDeps(), {
      week: "2024-08-30",
      changes: { "vbdlis.cases_returned": { value: 10_081 }, "media.facebook_items": null },
      note: "sửa số liệu VBDLIS",
      by: "approver",
    });
    expect(corrected).toMatchObject({
      revision: 2,
      status: "published",
      note: "sửa số liệu VBDLIS",
      publishedBy: "approver",
      publishedAt: "2024-08-31T08:00:00.000Z",
    });
    expect(corrected.values["vbdlis.cases_returned"]).toEqual({ value: 10_081 });
    expect(corrected.values["media.facebook_items"]).toBeUndefined();

    const revisions = await store.snapshots.revisions("2024-08-30");
    expect(revisions.map((r) => [r.revision, r.status])).toEqual([
      [1, "published"],
      [2, "published"],
    ]);
    expect(revisions[0]!.values["vbdlis.cases_returned"]?.value).toBe(10_080);
    expect((await store.snapshots.getPublished("2024-08-30"))?.revision).toBe(2);
    expect(await store.snapshots.publishedVersion()).toBe(version + 1);
  });

  it("refuses a correction of an unpublished week, an unknown indicator, no change, or no note", async () => {
    await importDraft(draftDeps(), { name: "r.txt", text: "r", result: foundingImport(), by: "editor" });
    const base = { week: "2024-08-30", note: "n", by: "approver" };
    expect(
      (await rejection(correctSnapshot(correctDeps(), { ...base, changes: { "infosec.units": { value: 1 } } }))).code,
    ).toBe("not_published");
    await publishSnapshot(publishDeps(), { week: "2024-08-30", revision: 1, by: "approver" });
    expect(
      (await rejection(correctSnapshot(correctDeps(), { ...base, changes: { "no.such": { value: 1 } } }))).code,
    ).toBe("invalid");
    expect(
      (await rejection(correctSnapshot(correctDeps(), { ...base, changes: { "infosec.units": { value: 246 } } }))).code,
    ).toBe("unchanged");
    expect(
      (
        await rejection(
          correctSnapshot(correctDeps(), { ...base, note: " ", changes: { "infosec.units": { value: 1 } } }),
        )
      ).code,
    ).toBe("invalid");
  });

  it("keeps every revision and every change when corrections race", async () => {
    await publishFounding(store);
    const ids = [
      "infosec.units",
      "infosec.approved",
      "infosec.pending",
      "media.portal_items",
      "media.cds_page_items",
      "dvc.end_to_end_rate",
    ];
    const results = await Promise.all(
      ids.map((id, i) =>
        correctSnapshot(correctDeps(), {
          week: "2024-08-30",
          changes: { [id]: { value: 1000 + i } },
          note: `sửa ${id}`,
          by: "approver",
        }),
      ),
    );
    expect(results.map((r) => r.revision).sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7]);
    const latest = await store.snapshots.getPublished("2024-08-30");
    expect(latest?.revision).toBe(7);
    ids.forEach((id, i) => expect(latest?.values[id]?.value).toBe(1000 + i));
    expect(await store.snapshots.revisions("2024-08-30")).toHaveLength(7);
  });
});

describe("reading published weeks", () => {
  async function twoWeeks() {
    const result = weekImport("2024-08-17", "2024-08-23", "Tuần 4 tháng 8/2024", {
      "smart_hd.installs": 45_839,
      "infosec.units": 240,
    });
    delete result.values["media.facebook_items"];
    const earlier = await importDraft(draftDeps(), { name: "w4.txt", text: "w4", result, by: "editor" });
    await publishSnapshot(publishDeps(), { week: earlier.id, revision: 1, by: "approver" });
    await publishFounding(store);
  }

  it("presents the latest week with the previous week's values, in catalogue order", async () => {
    await twoWeeks();
    const latest = await latestPublished({ snapshots: store.snapshots });
    expect(latest?.snapshot.id).toBe("2024-08-30");
    expect(latest?.previous?.id).toBe("2024-08-23");
    const view = indicatorsResponseSchema.parse(presentWeek(catalogue, latest!));
    expect(view.indicators.map((i) => i.id)).toEqual(catalogue.indicators.map((d) => d.id));
    const installs = view.indicators.find((i) => i.id === "smart_hd.installs");
    expect(installs).toMatchObject({
      value: 45_929,
      change: 90,
      previous: 45_839,
      unit: "count",
      unitLabel: "tài khoản",
    });
    expect(view.indicators.find((i) => i.id === "media.zalo_oa_followers")).toMatchObject({
      value: 1_200_000,
      qualifier: "more_than",
    });
    expect(view.missing).toEqual([]);
    expect(view.sample).toBeUndefined();
  });

  it("compares only with the week just before: after a skipped week there is no previous value", async () => {
    const result = weekImport("2024-08-10", "2024-08-16", "Tuần 3 tháng 8/2024", { "smart_hd.installs": 45_700 });
    const earlier = await importDraft(draftDeps(), { name: "w3.txt", text: "w3", result, by: "editor" });
    await publishSnapshot(publishDeps(), { week: earlier.id, revision: 1, by: "approver" });
    await publishFounding(store);
    const latest = await latestPublished({ snapshots: store.snapshots });
    expect(latest?.snapshot.id).toBe("2024-08-30");
    expect(latest?.previous).toBeUndefined();
    expect(presentWeek(catalogue, latest!).indicators.some((i) => i.previous !== undefined)).toBe(false);
    expect((await findPublishedWeek({ snapshots: store.snapshots }, "2024-08-30"))?.previous).toBeUndefined();
  });

  it("lists missing indicators and has no previous value for the first week", async () => {
    const result = foundingImport();
    delete result.values["infosec.units"];
    const draft = await importDraft(draftDeps(), { name: "r.txt", text: "r", result, by: "editor" });
    await publishSnapshot(publishDeps(), { week: draft.id, revision: 1, by: "approver" });
    const view = presentWeek(catalogue, (await latestPublished({ snapshots: store.snapshots }))!);
    expect(view.missing).toEqual(["infosec.units"]);
    expect(view.indicators.some((i) => i.previous !== undefined)).toBe(false);
  });

  it("finds a week by its last or first day, lists weeks newest first, ignores drafts", async () => {
    await twoWeeks();
    await importDraft(draftDeps(), {
      name: "w1.txt",
      text: "w1",
      result: weekImport("2024-08-31", "2024-09-06", "Tuần 1 tháng 9/2024"),
      by: "editor",
    });
    expect((await findPublishedWeek({ snapshots: store.snapshots }, "2024-08-30"))?.previous?.id).toBe("2024-08-23");
    expect((await findPublishedWeek({ snapshots: store.snapshots }, "2024-08-24"))?.snapshot.id).toBe("2024-08-30");
    expect(await findPublishedWeek({ snapshots: store.snapshots }, "2024-09-06")).toBeUndefined();
    expect((await listPublishedWeeks({ snapshots: store.snapshots })).snapshots.map((s) => s.period.to)).toEqual([
      "2024-08-30",
      "2024-08-23",
    ]);
    expect(await store.snapshots.weeks()).toEqual(["2024-08-23", "2024-08-30", "2024-09-06"]);
  });

  it("gives one indicator's history oldest first, with each week's corrected value", async () => {
    await twoWeeks();
    await correctSnapshot(correctDeps(), {
      week: "2024-08-30",
      changes: { "infosec.units": { value: 247 } },
      note: "sửa",
      by: "approver",
    });
    const history = await indicatorHistory({ snapshots: store.snapshots, catalogue }, "infosec.units");
    expect(history?.indicator).toMatchObject({ id: "infosec.units", unitLabel: "đơn vị" });
    expect(history?.points.map((p) => [p.period.to, p.value])).toEqual([
      ["2024-08-23", 240],
      ["2024-08-30", 247],
    ]);
    const facebook = await indicatorHistory({ snapshots: store.snapshots, catalogue }, "media.facebook_items");
    expect(facebook?.points.map((p) => p.period.to)).toEqual(["2024-08-30"]);
    expect(await indicatorHistory({ snapshots: store.snapshots, catalogue }, "nope.nope")).toBeUndefined();
  });
});
