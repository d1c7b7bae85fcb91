import type { Catalogue, GroupDefinition, IndicatorDefinition, Province } from "@cds/shared";

export interface PublicCatalogue {
  province: Province;
  overviewPhrases: string[];
  groups: GroupDefinition[];
  indicators: IndicatorDefinition[];
}

/**
 * The catalogue as data (the shape `catalogueSchema` validates), without the lookup helpers and without the
 * importer's report rules: how the department's report is worded is nobody else's concern.
 */
export function publicCatalogue(catalogue: Catalogue): PublicCatalogue {
  return {
    province: catalogue.province,
    overviewPhrases: catalogue.overviewPhrases,
    groups: catalogue.groups,
    indicators: catalogue.indicators.map(({ report: _report, ...def }) => def),
  };
}
