import { holdsSample, presentIndicators, type Catalogue, type IndicatorsResponse, type Snapshot } from "@cds/shared";

/** A published week and the published week before it (for "previous" values), when there is one. */
export interface PublishedWeek {
  snapshot: Snapshot;
  previous?: Snapshot;
}

const DAY_MS = 86_400_000;

/**
 * A week with the published week before it, kept only when that week ends the day before this one starts:
 * after a skipped week, "so với tuần trước" would otherwise compare with a week two or more back.
 */
export function withPreviousWeek(snapshot: Snapshot, previous: Snapshot | undefined): PublishedWeek {
  const adjacent =
    previous &&
    Date.parse(`${previous.period.to}T00:00:00Z`) + DAY_MS === Date.parse(`${snapshot.period.from}T00:00:00Z`);
  return adjacent ? { snapshot, previous } : { snapshot };
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
