import { z } from "zod";
import haiDuong from "./hai-duong.json";
import {
  groupDefinitionSchema,
  indicatorDefinitionSchema,
  provinceSchema,
  type GroupId,
  type IndicatorDefinition,
} from "./types";

export * from "./types";

export const catalogueSchema = z
  .object({
    province: provinceSchema,
    /** Words of a general request for the week's figures ("chuyển đổi số"): they name no indicator. */
    overviewPhrases: z.array(z.string().min(1)).default([]),
    groups: z.array(groupDefinitionSchema).min(1),
    indicators: z.array(indicatorDefinitionSchema).min(1),
  })
  .superRefine((c, ctx) => {
    const ids = new Set<string>();
    for (const ind of c.indicators) {
      if (ids.has(ind.id)) ctx.addIssue({ code: "custom", message: `duplicate indicator id ${ind.id}` });
      ids.add(ind.id);
    }
    for (const ind of c.indicators) {
      for (const rel of ind.relations) {
        for (const id of rel.ids)
          if (!ids.has(id)) ctx.addIssue({ code: "custom", message: `${ind.id} relates to unknown ${id}` });
      }
      if (!c.groups.some((g) => g.id === ind.group))
        ctx.addIssue({ code: "custom", message: `${ind.id}: unknown group ${ind.group}` });
    }
  });

export type Catalogue = z.output<typeof catalogueSchema> & {
  byId: ReadonlyMap<string, IndicatorDefinition>;
  inGroup(group: GroupId): IndicatorDefinition[];
};

/** Validates a catalogue (the province, its groups and indicators are data: another province brings its own file). */
export function loadCatalogue(data: unknown): Catalogue {
  const parsed = catalogueSchema.parse(data);
  const byId = new Map(parsed.indicators.map((i) => [i.id, i]));
  return { ...parsed, byId, inGroup: (g) => parsed.indicators.filter((i) => i.group === g) };
}

/** The catalogue this deployment ships with. */
export const defaultCatalogue: Catalogue = loadCatalogue(haiDuong);
