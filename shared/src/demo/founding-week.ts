import type { IndicatorValue, Period } from "../schemas/indicators";

const v = (value: number, extra: Omit<IndicatorValue, "value"> = {}): IndicatorValue => ({ value, ...extra });

const values = {
  "dvc.online_filing_rate": v(93),
  "dvc.end_to_end_rate": v(22),
  "dvc.services_with_online_filings_rate": v(79),
  "dvc.online_result_rate": v(100),
  "smart_hd.installs": v(45_929, { change: 90 }),
  "media.provincial_broadcast_items": v(4),
  "media.newspaper_items": v(4),
  "media.portal_items": v(7),
  "media.district_radio_sections": v(3),
  "media.district_radio_items": v(42),
  "media.commune_radio_items": v(229),
  "media.cds_page_items": v(3),
  "media.smart_hd_items": v(10),
  "media.zalo_oa_items": v(1),
  "media.zalo_oa_followers": v(1_200_000, { qualifier: "more_than" }),
  "media.facebook_items": v(8),
  "media.facebook_followers": v(83_974),
  "vbdlis.cases_total": v(28_922, { change: 1231 }),
  "vbdlis.cases_in_progress": v(18_842),
  "vbdlis.cases_awaiting_supplement": v(3036),
  "vbdlis.cases_returned": v(10_080),
  "vbdlis.tax_cases_total": v(9654, { change: 150 }),
  "vbdlis.tax_cases_in_progress": v(530),
  "vbdlis.tax_cases_supplement_requested": v(1553),
  "vbdlis.tax_notices_issued": v(7544),
  "infosec.units": v(246),
  "infosec.dossiers": v(257),
  "infosec.approved": v(118),
  "infosec.pending": v(112),
  "infosec.to_supplement": v(27),
};

/** The ids of the founding week's values (all 30 of the catalogue), for data keyed by them. */
export type FoundingIndicatorId = keyof typeof values;

/**
 * The founding week (the report of week 5, August 2024) as INDICATORS.md states it: demo and test data, written
 * by hand from that table rather than read by the importer, so the tests and the fake API do not depend on it.
 * Each user adds what it needs (publication time, source sentences, earlier weeks).
 */
export const FOUNDING_WEEK: { period: Period; values: Readonly<Record<string, IndicatorValue>> } = {
  period: { from: "2024-08-24", to: "2024-08-30", label: "Tuần 5 tháng 8/2024" },
  values,
};
