import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { ImportResult } from "@cds/shared";
import { FOUNDING_WEEK, type FoundingIndicatorId } from "@cds/shared/demo/founding-week";

/** The founding report as shipped in bot-server/seed. */
export const FOUNDING_REPORT_NAME = "bao-cao-tuan-5-thang-8-2024.txt";
export const foundingReportText = (): string =>
  readFileSync(resolve(import.meta.dirname, "../../bot-server/seed/reports", FOUNDING_REPORT_NAME), "utf8");

const emc =
  "từ ngày 23/8-30/8/2024, tỷ lệ hồ sơ nộp trực tuyến đạt 93%, trong đó tỷ lệ hồ sơ trực tuyến toàn trình đạt 22%";
const media = "Thống kê trong tuần từ ngày 23/8 - 30/8/2024";
const vbdlis = "tổng số lượng hồ sơ xử lý qua hệ thống Quản lý đất đai (VBDLIS) là 28.922 hồ sơ";
const infosec = "hồ sơ đề xuất cấp độ an toàn thông tin của 246 đơn vị (với tổng số là 257 bộ hồ sơ)";

/** The sentence of the founding report each value is read from. */
const SOURCE_TEXT: Record<FoundingIndicatorId, string> = {
  "dvc.online_filing_rate": emc,
  "dvc.end_to_end_rate": emc,
  "dvc.services_with_online_filings_rate": emc,
  "dvc.online_result_rate": emc,
  "smart_hd.installs":
    "có 45.929 tài khoản cài đặt, sử dụng ứng dụng Smart-HaiDuong (tăng 90 tài khoản so với tuần trước)",
  "media.provincial_broadcast_items": media,
  "media.newspaper_items": media,
  "media.portal_items": media,
  "media.district_radio_sections": media,
  "media.district_radio_items": media,
  "media.commune_radio_items": media,
  "media.cds_page_items": media,
  "media.smart_hd_items": media,
  "media.zalo_oa_items": media,
  "media.zalo_oa_followers": "với trên 1,2 triệu tài khoản Zalo quan tâm theo dõi",
  "media.facebook_items": media,
  "media.facebook_followers": "với 83.974 người theo dõi",
  "vbdlis.cases_total": vbdlis,
  "vbdlis.cases_in_progress": vbdlis,
  "vbdlis.cases_awaiting_supplement": vbdlis,
  "vbdlis.cases_returned": vbdlis,
  "vbdlis.tax_cases_total": "là 9.654 bộ hồ sơ (tăng 150 hồ sơ so với tuần trước)",
  "vbdlis.tax_cases_in_progress": vbdlis,
  "vbdlis.tax_cases_supplement_requested": vbdlis,
  "vbdlis.tax_notices_issued": vbdlis,
  "infosec.units": infosec,
  "infosec.dossiers": infosec,
  "infosec.approved": infosec,
  "infosec.pending": infosec,
  "infosec.to_supplement": infosec,
};

/**
 * What the importer reads from the founding report: the hand-written founding week (INDICATORS.md, 30 values)
 * with the sentences above, so these tests do not depend on the importer.
 */
export function foundingImport(): ImportResult {
  const { period, values } = FOUNDING_WEEK;
  return {
    period: { from: period.from, to: period.to },
    periodLabel: period.label,
    // Every id has a sentence: SOURCE_TEXT is typed by the founding week's ids.
    values: Object.fromEntries(
      Object.entries(values).map(([id, value]) => [
        id,
        { ...value, source_text: SOURCE_TEXT[id as FoundingIndicatorId] },
      ]),
    ),
    missing: [],
    warnings: [],
  };
}
