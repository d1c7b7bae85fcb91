import type { IndicatorDefinition } from "../catalogue/types";
import type { ApiIndicator, IndicatorValue } from "../schemas/indicators";

type Values = Readonly<Record<string, IndicatorValue>>;

/** True when the values include a demo value no report stated. */
export function holdsSample(values: Values): boolean {
  return Object.values(values).some((v) => v.sample === true);
}

/** One catalogue indicator as the public API serves it: its definition, the week's value and, when given, the previous week's. */
export function presentIndicator(
  def: IndicatorDefinition,
  value: IndicatorValue,
  previous?: IndicatorValue,
): ApiIndicator {
  return {
    id: def.id,
    group: def.group,
    label: def.label,
    shortLabel: def.shortLabel,
    unit: def.unit,
    unitLabel: def.unitLabel,
    value: value.value,
    ...(value.qualifier && { qualifier: value.qualifier }),
    ...(value.change !== undefined && { change: value.change }),
    ...(previous && { previous: previous.value }),
    ...(previous?.sample && { previousSample: true }),
    source: def.source,
    definition: def.definition,
    ...(value.sample && { sample: true }),
  };
}

/**
 * A week's values in catalogue order; the catalogue indicators it lacks are listed as missing (never guessed or
 * carried over). Values for ids outside the catalogue are not shown.
 */
export function presentIndicators(
  definitions: readonly IndicatorDefinition[],
  values: Values,
  previous?: Values,
): { indicators: ApiIndicator[]; missing: string[] } {
  const indicators: ApiIndicator[] = [];
  const missing: string[] = [];
  for (const def of definitions) {
    const value = values[def.id];
    if (value) indicators.push(presentIndicator(def, value, previous?.[def.id]));
    else missing.push(def.id);
  }
  return { indicators, missing };
}
