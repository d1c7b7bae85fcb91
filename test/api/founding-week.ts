import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { ImportResult } from "@cds/shared";

/** The founding report as shipped in bot-server/seed. */
export const FOUNDING_REPORT_NAME = "bao-cao-tuan-5-thang-8-2024.txt";
export const foundingReportText = (): string => readFileSync(resolve(import.meta.dirname, "../../bot-server/seed/reports", FOUNDING_REPORT_NAME), "utf8");

const v = (value: number, source_text: string, extra: { change?: number; qualifier?: "more_than" } = {}) => ({ value, source_text, ...extra });

/**
 * What the importer reads from the founding report (INDICATORS.md, 30 values), written by hand so these
 * tests do not depend on the importer.
 */
export function foundingImport(): ImportResult {
  const emc = "từ ngày 23/8-30/8/2024, tỷ lệ hồ sơ nộp trực tuyến đạt 93%, trong đó tỷ lệ hồ sơ trực tuyến toàn trình đạt 22%";
  const media = "Thống kê trong tuần từ ngày 23/8 - 30/8/2024";
  const vbdlis = "tổng số lượng hồ sơ xử lý qua hệ thống Quản lý đất đai (VBDLIS) là 28.922 hồ sơ";
  const infosec = "hồ sơ đề xuất cấp độ an toàn thông tin của 246 đơn vị (với tổng số là 257 bộ hồ sơ)";
  return {
    period: { from: "2024-08-24", to: "2024-08-30" },
    periodLabel: "Tuần 5 tháng 8/2024",
    values: {
      "dvc.online_filing_rate": v(93, emc),
      "dvc.end_to_end_rate": v(22, emc),
      "dvc.services_with_online_filings_rate": v(79, emc),
      "dvc.online_result_rate": v(100, emc),
      "smart_hd.installs": v(45929, "có 45.929 tài khoản cài đặt, sử dụng ứng dụng Smart-HaiDuong (tăng 90 tài khoản so với tuần trước)", { change: 90 }),
      "media.provincial_broadcast_items": v(4, media),
      "media.newspaper_items": v(4, media),
      "media.portal_items": v(7, media),
      "media.district_radio_sections": v(3, media),
      "media.district_radio_items": v(42, media),
      "media.commune_radio_items": v(229, media),
      "media.cds_page_items": v(3, media),
      "media.smart_hd_items": v(10, media),
      "media.zalo_oa_items": v(1, media),
      "media.zalo_oa_followers": v(1_200_000, "với trên 1,2 triệu tài khoản Zalo quan tâm theo dõi", { qualifier: "more_than" }),
      "media.facebook_items": v(8, media),
      "media.facebook_followers": v(83_974, "với 83.974 người theo dõi"),
      "vbdlis.cases_total": v(28_922, vbdlis, { change: 1231 }),
      "vbdlis.cases_in_progress": v(18_842, vbdlis),
      "vbdlis.cases_awaiting_supplement": v(3036, vbdlis),
      "vbdlis.cases_returned": v(10_080, vbdlis),
      "vbdlis.tax_cases_total": v(9654, "là 9.654 bộ hồ sơ (tăng 150 hồ sơ so với tuần trước)", { change: 150 }),
      "vbdlis.tax_cases_in_progress": v(530, vbdlis),
      "vbdlis.tax_cases_supplement_requested": v(1553, vbdlis),
      "vbdlis.tax_notices_issued": v(7544, vbdlis),
      "infosec.units": v(246, infosec),
      "infosec.dossiers": v(257, infosec),
      "infosec.approved": v(118, infosec),
      "infosec.pending": v(112, infosec),
      "infosec.to_supplement": v(27, infosec),
    },
    missing: [],
    warnings: [],
  };
}
