import type { Catalogue, GroupDefinition, IndicatorDefinition, Province } from "@cds/shared";

export interface PublicCatalogue {
  province: Province;
  groups: GroupDefinition[];
  indicators: IndicatorDefinition[];
}

/** The catalogue as data (the shape `catalogueSchema` validates), without the lookup helpers. */
export function publicCatalogue(catalogue: Catalogue): PublicCatalogue {
  return { province: catalogue.province, groups: catalogue.groups, indicators: catalogue.indicators };
}
