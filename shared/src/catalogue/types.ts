import { z } from "zod";
import { isZaloCityCode, zaloCityName } from "../zalo/cities";

/** Indicator groups, in the order citizens see them. */
export const GROUP_IDS = ["dvc", "smart_hd", "media", "vbdlis", "infosec"] as const;
export type GroupId = (typeof GROUP_IDS)[number];

/**
 * How a figure behaves over time, which decides how a change is read:
 * `rate` a percentage over the period; `cumulative` a running total since the system started;
 * `weekly` a count of what happened in the week; `stock` a count at the end of the period.
 */
export const INDICATOR_KINDS = ["rate", "cumulative", "weekly", "stock"] as const;

const validRegExp = (source: string) => {
  try {
    new RegExp(source, "iu");
    return true;
  } catch {
    return false;
  }
};

/**
 * How the importer reads the indicator from the weekly report (bot-server/src/domain/importer/rules.ts has
 * the pattern language: {N} the value, {V} a verb such as "đạt", {province}, … and ~ for words in between).
 * `within` / `without`: regular expressions choosing the sentences of the section to read.
 */
export const reportRuleSchema = z.strictObject({
  pattern: z.string().refine((p) => p.includes("{N}"), "the pattern needs {N}, where the value stands"),
  within: z.string().refine(validRegExp, "not a valid regular expression").optional(),
  without: z.string().refine(validRegExp, "not a valid regular expression").optional(),
});
export type ReportRule = z.output<typeof reportRuleSchema>;

export const indicatorDefinitionSchema = z.object({
  id: z.string().regex(/^[a-z_]+\.[a-z_]+$/),
  group: z.enum(GROUP_IDS),
  label: z.string().min(1),
  /** Short label for cards and chat. */
  shortLabel: z.string().min(1),
  /** Machine unit: "percent" is shown with %, the others as integers followed by unitLabel. */
  unit: z.enum(["percent", "count"]),
  /** Vietnamese unit as shown after the number ("tài khoản", "tin, bài"). */
  unitLabel: z.string(),
  kind: z.enum(INDICATOR_KINDS),
  /** The weekly report's section number. */
  section: z.string(),
  /** The system or body the figure comes from. */
  source: z.string().min(1),
  /** Plain-language Vietnamese definition: what is counted, over which period, cumulative or weekly. */
  definition: z.string().min(1),
  /** Relations to other indicators, stated for readers and checked on import. */
  relations: z
    .array(z.object({ type: z.enum(["sum_of", "part_of"]), ids: z.array(z.string()).min(1), note: z.string() }))
    .default([]),
  /** Shown as a headline card on the mini app's home page. */
  headline: z.boolean().default(false),
  /**
   * How followers name it besides the labels: phrasings, abbreviations, everyday words ("người dùng", "loa xã").
   * Written as people type them; the chatbot folds diacritics and spelling itself.
   */
  aliases: z.array(z.string().min(1)).default([]),
  /**
   * The words that tell it from its siblings: its state or scope ("đang xử lý", "chờ bổ sung", "đã duyệt",
   * "lũy kế"). A message holding one is about the indicators that have it (the longest match wins).
   */
  qualifiers: z.array(z.string().min(1)).default([]),
  /** Absent: the report does not give it, and editors enter it by hand. */
  report: reportRuleSchema.optional(),
});

export type IndicatorDefinition = z.output<typeof indicatorDefinitionSchema>;

export const groupDefinitionSchema = z.object({
  id: z.enum(GROUP_IDS),
  label: z.string(),
  /** Chatbot and search keywords (without diacritics, lower case). */
  keywords: z.array(z.string()),
  section: z.string(),
});
export type GroupDefinition = z.output<typeof groupDefinitionSchema>;

export const provinceSchema = z.object({
  name: z.string(),
  /** Name without "tỉnh", for sentences like "người dân Hải Dương". */
  shortName: z.string(),
  department: z.string(),
  oaName: z.string(),
  /**
   * Zalo broadcast target (`recipient.target.cities`, ZALO-PLATFORM A.5): the province's city codes. A
   * province merged in 2025 lists every former province's code, since Zalo's table predates the mergers.
   */
  zaloCityCodes: z
    .array(z.string().refine(isZaloCityCode, "must be one of Zalo's city codes, 0–63 (ZALO-PLATFORM A.5)"))
    .min(1, "needs at least one Zalo city code")
    .refine((codes) => new Set(codes).size === codes.length, "lists a city code twice"),
  timeZone: z.string(),
  openDataLicense: z.string(),
});
export type Province = z.output<typeof provinceSchema>;

/** The broadcast target's `cities` value: the codes comma-separated, as Zalo's official SDKs send them. */
export function broadcastCities(province: Pick<Province, "zaloCityCodes">): string {
  return province.zaloCityCodes.join(",");
}

/** "Hải Dương (10)" or "Hải Dương (10), Hải Phòng (57)": what the configured codes reach, for logs and screens. */
export function describeCityCodes(codes: readonly string[]): string {
  return codes.map((c) => `${zaloCityName(c) ?? "?"} (${c})`).join(", ");
}
