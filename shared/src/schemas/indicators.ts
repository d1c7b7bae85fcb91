import { z } from "zod";
import { GROUP_IDS } from "../catalogue/types";

/** A calendar date "YYYY-MM-DD" (ISO 8601), checked to exist. */
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD")
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), "is not a real date");

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
