import type { ApiIndicator, Catalogue, IndicatorsResponse, Snapshot } from "@cds/shared";

/** A published week and the published week before it (for "previous" values), when there is one. */
export interface PublishedWeek {
  snapshot: Snapshot;
  previous?: Snapshot;
}

/** True when the week holds a demo value no report stated. */
export function isSample(snapshot: Snapshot): boolean {
  return Object.values(snapshot.values).some((v) => v.sample === true);
}

/**
 * A week as citizens read it: every catalogue indicator the week has, in catalogue order, with its
 * definition, source and the previous published week's value; the catalogue indicators it lacks are listed
 * as missing (never guessed or carried over). Values for ids no longer in the catalogue are not shown.
 */
export function presentWeek(catalogue: Catalogue, week: PublishedWeek): IndicatorsResponse {
  const { snapshot, previous } = week;
  const indicators: ApiIndicator[] = [];
  const missing: string[] = [];
  for (const def of catalogue.indicators) {
    const v = snapshot.values[def.id];
    if (!v) {
      missing.push(def.id);
      continue;
    }
    const before = previous?.values[def.id];
    indicators.push({
      id: def.id,
      group: def.group,
      label: def.label,
      shortLabel: def.shortLabel,
      unit: def.unit,
      unitLabel: def.unitLabel,
      value: v.value,
      ...(v.qualifier && { qualifier: v.qualifier }),
      ...(v.change !== undefined && { change: v.change }),
      ...(before && { previous: before.value }),
      source: def.source,
      definition: def.definition,
      ...(v.sample && { sample: true }),
    });
  }
  return {
    period: snapshot.period,
    revision: snapshot.revision,
    // Set on every published revision; the schema makes it optional only because drafts lack it.
    publishedAt: snapshot.publishedAt ?? snapshot.createdAt,
    indicators,
    missing,
    ...(isSample(snapshot) && { sample: true }),
  };
}
