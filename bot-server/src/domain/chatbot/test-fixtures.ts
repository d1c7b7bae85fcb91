import { defaultCatalogue, type ApiIndicator, type IndicatorsResponse } from "@cds/shared";

/**
 * The founding week (report of week 5, August 2024) as the public API serves it, built from the
 * catalogue so labels and definitions are the real ones. For tests only.
 */
const FOUNDING_VALUES: Readonly<Record<string, Pick<ApiIndicator, "value" | "qualifier" | "change">>> = {
  "dvc.online_filing_rate": { value: 93 },
  "dvc.end_to_end_rate": { value: 22 },
  "dvc.services_with_online_filings_rate": { value: 79 },
  "dvc.online_result_rate": { value: 100 },
  "smart_hd.installs": { value: 45929, change: 90 },
  "media.provincial_broadcast_items": { value: 4 },
  "media.newspaper_items": { value: 4 },
  "media.portal_items": { value: 7 },
  "media.district_radio_sections": { value: 3 },
  "media.district_radio_items": { value: 42 },
  "media.commune_radio_items": { value: 229 },
  "media.cds_page_items": { value: 3 },
  "media.smart_hd_items": { value: 10 },
  "media.zalo_oa_items": { value: 1 },
  "media.zalo_oa_followers": { value: 1200000, qualifier: "more_than" },
  "media.facebook_items": { value: 8 },
  "media.facebook_followers": { value: 83974 },
  "vbdlis.cases_total": { value: 28922, change: 1231 },
  "vbdlis.cases_in_progress": { value: 18842 },
  "vbdlis.cases_awaiting_supplement": { value: 3036 },
  "vbdlis.cases_returned": { value: 10080 },
  "vbdlis.tax_cases_total": { value: 9654, change: 150 },
  "vbdlis.tax_cases_in_progress": { value: 530 },
  "vbdlis.tax_cases_supplement_requested": { value: 1553 },
  "vbdlis.tax_notices_issued": { value: 7544 },
  "infosec.units": { value: 246 },
  "infosec.dossiers": { value: 257 },
  "infosec.approved": { value: 118 },
  "infosec.pending": { value: 112 },
  "infosec.to_supplement": { value: 27 },
};

/** The founding week; `edit` changes single indicators (a missing one: return undefined). */
export function foundingWeek(edit: (i: ApiIndicator) => ApiIndicator | undefined = (i) => i): IndicatorsResponse {
  const indicators: ApiIndicator[] = [];
  const missing: string[] = [];
  for (const def of defaultCatalogue.indicators) {
    const figures = FOUNDING_VALUES[def.id];
    const base: ApiIndicator | undefined = figures && {
      id: def.id,
      group: def.group,
      label: def.label,
      shortLabel: def.shortLabel,
      unit: def.unit,
      unitLabel: def.unitLabel,
      source: def.source,
      definition: def.definition,
      ...figures,
    };
    const edited = base && edit(base);
    if (edited) indicators.push(edited);
    else missing.push(def.id);
  }
  return {
    period: { from: "2024-08-24", to: "2024-08-30", label: "Tuần 5 tháng 8/2024" },
    revision: 1,
    publishedAt: "2024-08-31T02:00:00.000Z",
    indicators,
    missing,
  };
}

export const miniAppUrl = (path: string): string => `https://zalo.me/s/1234567890${path}`;
