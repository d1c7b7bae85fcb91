import { formatViNumber, type Catalogue } from "@cds/shared";
import type { ExtractedValue } from "./extract";

/**
 * Checks the catalogue's relations on the week's values: a `sum_of` total equals its parts, a `part_of`
 * figure does not exceed its whole. A relation with a missing value, or with a lower bound ("trên …")
 * where an exact figure is needed, cannot be checked and is skipped; a failed check is a warning for the
 * editor, the values stay as the report gives them.
 */
export function checkRelations(values: Readonly<Record<string, ExtractedValue>>, catalogue: Catalogue): string[] {
  const warnings: string[] = [];
  for (const def of catalogue.indicators) {
    const own = values[def.id];
    if (!own) continue;
    for (const rel of def.relations) {
      const others = rel.ids.map((id) => ({ id, v: values[id] }));
      if (rel.type === "sum_of") {
        const parts = others.flatMap(({ id, v }) => (v ? [{ id, v }] : []));
        if (parts.length !== others.length || own.qualifier || parts.some((p) => p.v.qualifier)) continue;
        const sum = parts.reduce((acc, p) => acc + p.v.value, 0);
        if (sum !== own.value) {
          const terms = parts.map((p) => `${p.id} (${formatViNumber(p.v.value)})`).join(" + ");
          warnings.push(
            `${def.id}: ${formatViNumber(own.value)} khác tổng ${terms} = ${formatViNumber(sum)} (${rel.note}).`,
          );
        }
      } else {
        for (const { id, v: whole } of others) {
          if (!whole || whole.qualifier) continue;
          if (own.value > whole.value)
            warnings.push(
              `${def.id}: ${formatViNumber(own.value)} lớn hơn ${id} (${formatViNumber(whole.value)}) mà nó là một phần (${rel.note}).`,
            );
        }
      }
    }
  }
  return warnings;
}
