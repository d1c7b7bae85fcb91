import { z } from "zod";
import { GROUP_IDS, INDICATOR_KINDS } from "../catalogue/types";

/** A calendar date "YYYY-MM-DD" (ISO 8601), checked to exist. */
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD")
  .refine(
    (s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    "is not a real date",
  );

export const periodSchema = z
  .object({
    from: isoDateSchema,
    to: isoDateSchema,
    /** As the report names it, e.g. "Tuần 5 tháng 8/2024". */
    label: z.string().min(1),
  })
  .refine((p) => p.from <= p.to, "period ends before it starts");
export type Period = z.output<typeof periodSchema>;

/** "more_than": the report gives a lower bound ("trên 1,2 triệu"); never round it away. */
export const QUALIFIERS = ["more_than"] as const;

export const indicatorValueSchema = z.object({
  value: z.number().finite(),
  qualifier: z.enum(QUALIFIERS).optional(),
  /** The change on the previous week as the report states it (signed). */
  change: z.number().finite().optional(),
  /** The sentence of the report the value was read from. */
  source_text: z.string().optional(),
  /** Demo history that no report stated: shown as sample data, never as fact. */
  sample: z.boolean().optional(),
});
export type IndicatorValue = z.output<typeof indicatorValueSchema>;

/** What the importer reads from one weekly report (`npm run import-report -- <file> --json`). */
export const importResultSchema = z.object({
  period: z.object({ from: isoDateSchema, to: isoDateSchema }),
  periodLabel: z.string(),
  values: z.record(z.string(), indicatorValueSchema.extend({ source_text: z.string() })),
  missing: z.array(z.string()),
  warnings: z.array(z.string()),
});
export type ImportResult = z.output<typeof importResultSchema>;

export const SNAPSHOT_STATUSES = ["draft", "published"] as const;

/** One week's indicator values. A correction is a new revision; earlier revisions are kept. */
export const snapshotSchema = z.object({
  /** The period's key: its `to` date (a week is identified by the day it ends). */
  id: isoDateSchema,
  period: periodSchema,
  values: z.record(z.string(), indicatorValueSchema),
  status: z.enum(SNAPSHOT_STATUSES),
  revision: z.number().int().min(1),
  createdAt: z.string().datetime(),
  createdBy: z.string().min(1),
  publishedAt: z.string().datetime().optional(),
  publishedBy: z.string().optional(),
  /** SHA-256 of the stored report it was imported from. */
  reportSha256: z.string().optional(),
  /** Why this revision exists (e.g. "sửa số liệu VBDLIS"). */
  note: z.string().optional(),
});
export type Snapshot = z.output<typeof snapshotSchema>;

/** One indicator as the public API serves it. */
export const apiIndicatorSchema = z.object({
  id: z.string(),
  group: z.enum(GROUP_IDS),
  label: z.string(),
  shortLabel: z.string(),
  unit: z.enum(["percent", "count"]),
  unitLabel: z.string(),
  value: z.number(),
  qualifier: z.enum(QUALIFIERS).optional(),
  change: z.number().optional(),
  /** The value of the previous published week, when there is one. */
  previous: z.number().optional(),
  /** The previous week's value is demo data: a difference worked out from it is not a fact. */
  previousSample: z.boolean().optional(),
  source: z.string(),
  definition: z.string(),
  sample: z.boolean().optional(),
});
export type ApiIndicator = z.output<typeof apiIndicatorSchema>;

export const indicatorsResponseSchema = z.object({
  period: periodSchema,
  revision: z.number().int(),
  publishedAt: z.string(),
  indicators: z.array(apiIndicatorSchema),
  /** Catalogue indicators the week's report did not give. */
  missing: z.array(z.string()),
  /** The week holds demo values no report stated (each is flagged `sample` too). */
  sample: z.boolean().optional(),
});
export type IndicatorsResponse = z.output<typeof indicatorsResponseSchema>;

export const historyPointSchema = z.object({
  period: periodSchema,
  value: z.number(),
  qualifier: z.enum(QUALIFIERS).optional(),
  change: z.number().optional(),
  sample: z.boolean().optional(),
});
export const indicatorHistoryResponseSchema = z.object({
  indicator: apiIndicatorSchema.omit({ value: true, qualifier: true, change: true, previous: true, sample: true }),
  points: z.array(historyPointSchema),
});
export type IndicatorHistoryResponse = z.output<typeof indicatorHistoryResponseSchema>;

/** What the public API answers to bad input or a missing resource; `message` is Vietnamese, for people. */
export const apiErrorSchema = z.object({ error: z.string(), message: z.string() });
export type ApiError = z.output<typeof apiErrorSchema>;

/** One published week in `GET /api/v1/snapshots` (newest first). */
export const snapshotSummarySchema = z.object({
  period: periodSchema,
  revision: z.number().int(),
  publishedAt: z.string(),
  /** The week holds demo values no report stated. */
  sample: z.boolean().optional(),
});
export const snapshotListResponseSchema = z.object({ snapshots: z.array(snapshotSummarySchema) });
export type SnapshotListResponse = z.output<typeof snapshotListResponseSchema>;

/** One row of the open data (`indicators.csv` has the same columns, in this order). */
export const openDataRowSchema = z.object({
  period_from: isoDateSchema,
  period_to: isoDateSchema,
  period_label: z.string(),
  indicator_id: z.string(),
  label: z.string(),
  unit: z.string(),
  value: z.number(),
  qualifier: z.enum(QUALIFIERS).nullable(),
  change: z.number().nullable(),
  sample: z.boolean(),
  revision: z.number().int(),
  published_at: z.string().datetime(),
});
export type OpenDataRow = z.output<typeof openDataRowSchema>;

export const openDataResponseSchema = z.object({
  publisher: z.string(),
  license: z.string(),
  /** The latest publication time; null before anything is published. */
  lastUpdated: z.string().datetime().nullable(),
  rows: z.array(openDataRowSchema),
});
export type OpenDataResponse = z.output<typeof openDataResponseSchema>;

export const dataDictionarySchema = z.object({
  publisher: z.string(),
  license: z.string(),
  lastUpdated: z.string().datetime().nullable(),
  csv: z.object({
    encoding: z.string(),
    delimiter: z.string(),
    lineEnding: z.string(),
    fields: z.array(z.object({ name: z.string(), type: z.string(), description: z.string() })),
  }),
  indicators: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      unit: z.enum(["percent", "count"]),
      unitLabel: z.string(),
      kind: z.enum(INDICATOR_KINDS),
      group: z.enum(GROUP_IDS),
      groupLabel: z.string(),
      section: z.string(),
      source: z.string(),
      definition: z.string(),
      relations: z.array(z.object({ type: z.enum(["sum_of", "part_of"]), ids: z.array(z.string()), note: z.string() })),
    }),
  ),
});
export type DataDictionary = z.output<typeof dataDictionarySchema>;
