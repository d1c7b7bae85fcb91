import { holdsSample, presentIndicators, type Catalogue, type IndicatorsResponse, type Snapshot } from "@cds/shared";

/** A published week and the published week before it (for "previous" values), when there is one. */
export interface PublishedWeek {
  snapshot: Snapshot;
  previous?: Snapshot;
}

/**
 * A week as citizens read it: every catalogue indicator the week has, in catalogue order, with its
 * definition, source and the previous published week's value; the catalogue indicators it lacks are listed
 * as missing (never guessed or carried over). Values for ids no longer in the catalogue are not shown.
 */
export function presentWeek(catalogue: Catalogue, week: PublishedWeek): IndicatorsResponse {
  const { snapshot, previous } = week;
  return {
    period: snapshot.period,
    revision: snapshot.revision,
    // Set on every published revision; the schema makes it optional only because drafts lack it.
    publishedAt: snapshot.publishedAt ?? snapshot.createdAt,
    ...presentIndicators(catalogue.indicators, snapshot.values, previous?.values),
    ...(holdsSample(snapshot.values) && { sample: true }),
  };
}
