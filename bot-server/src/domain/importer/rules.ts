import { stripDiacritics } from "@cds/shared";

/**
 * How each catalogue indicator is read from the weekly report: one rule per id, applied to the sentences
 * of the indicator's section (the catalogue's `section`). A rule that does not match leaves the indicator
 * missing; nothing is inferred from neighbouring numbers or from another week.
 *
 * Pattern language, so that the rules read like the report:
 *   {N}        the value: a Vietnamese number ("45.929", "3036", "01", "94,5", "1,2 triệu"), optionally after
 *              "trên"/"hơn" (a lower bound)
 *   {V}        an optional verb before a value: "đạt", "là", "ở mức", ":"
 *   {province} the catalogue province's short name, with or without diacritics and spaces ("HaiDuong")
 *   ~          a few words within the same comma-separated clause
 *   …          words within the same semicolon-separated clause
 *   a space    any run of whitespace, line breaks included
 * The rest is a regular expression, matched without regard to case.
 */
export interface ExtractionRule {
  pattern: string;
  /** Only sentences matching this are read (two sentences of one section can share wording). */
  within?: RegExp;
  /** Sentences matching this are skipped. */
  without?: RegExp;
}

const VBDLIS = { within: /Quản\s+lý\s+đất\s+đai|VBDLIS/iu, without: /liên\s+thông\s+Thuế/iu };
const TAX = { within: /liên\s+thông\s+Thuế/iu };
const ITEMS = String.raw`(?:lượt )?tin,?\s*bài`;

export const EXTRACTION_RULES: Readonly<Record<string, ExtractionRule>> = {
  "dvc.online_filing_rate": { pattern: String.raw`t[ỷỉ] lệ hồ sơ nộp trực tuyến {V}{N}\s*%` },
  "dvc.end_to_end_rate": { pattern: String.raw`t[ỷỉ] lệ hồ sơ (?:nộp )?(?:trực tuyến )?toàn trình {V}{N}\s*%` },
  "dvc.services_with_online_filings_rate": {
    pattern: String.raw`t[ỷỉ] lệ dịch vụ công trực tuyến có phát sinh hồ sơ(?: trực tuyến)? {V}{N}\s*%`,
  },
  "dvc.online_result_rate": { pattern: String.raw`t[ỷỉ] lệ trả kết quả (?:theo hình thức )?(?:trực tuyến|điện tử) {V}{N}\s*%` },

  "smart_hd.installs": { pattern: String.raw`{N} tài khoản (?:cài đặt|đăng ký|sử dụng)` },

  "media.provincial_broadcast_items": { pattern: String.raw`Đài Phát thanh và Truyền hình tỉnh … {N} ${ITEMS}` },
  "media.newspaper_items": { pattern: String.raw`Báo {province} ~{N} ${ITEMS}` },
  "media.portal_items": { pattern: String.raw`Cổng thông tin điện tử … {N} ${ITEMS}` },
  "media.district_radio_sections": { pattern: String.raw`Đài Phát thanh cấp huyện … {N} chuyên mục` },
  "media.district_radio_items": { pattern: String.raw`Đài Phát thanh cấp huyện … {N} ${ITEMS}` },
  "media.commune_radio_items": { pattern: String.raw`Đài Truyền thanh cấp xã … {N} ${ITEMS}` },
  "media.cds_page_items": { pattern: String.raw`{N} ${ITEMS} trên Trang chuyển đổi số` },
  "media.smart_hd_items": { pattern: String.raw`{N} ${ITEMS} trên ứng dụng Smart[\s-]*{province}` },
  "media.zalo_oa_items": { pattern: String.raw`{N} ${ITEMS} trên (?:Trang )?Zalo` },
  "media.zalo_oa_followers": { pattern: String.raw`{N} tài khoản Zalo quan tâm` },
  "media.facebook_items": { pattern: String.raw`{N} ${ITEMS} trên (?:Fanpage|Trang Facebook|Facebook)` },
  "media.facebook_followers": { pattern: String.raw`Fanpage … {N} người theo dõi` },

  "vbdlis.cases_total": { ...VBDLIS, pattern: String.raw`hồ sơ (?:được )?xử lý qua hệ thống Quản lý đất đai ~{N} hồ sơ` },
  "vbdlis.cases_in_progress": { ...VBDLIS, pattern: String.raw`đang xử lý {V}{N} hồ sơ` },
  "vbdlis.cases_awaiting_supplement": { ...VBDLIS, pattern: String.raw`(?:đang )?chờ bổ sung {V}{N} hồ sơ` },
  "vbdlis.cases_returned": { ...VBDLIS, pattern: String.raw`đã trả kết quả {V}{N} hồ sơ` },
  "vbdlis.tax_cases_total": { ...TAX, pattern: String.raw`liên thông Thuế … là {N} (?:bộ )?hồ sơ` },
  "vbdlis.tax_cases_in_progress": { ...TAX, pattern: String.raw`đang xử lý {V}{N} (?:bộ )?hồ sơ` },
  "vbdlis.tax_cases_supplement_requested": { ...TAX, pattern: String.raw`yêu cầu bổ sung {V}{N} (?:bộ )?hồ sơ` },
  "vbdlis.tax_notices_issued": { ...TAX, pattern: String.raw`(?:đã )?có thông báo thuế {V}{N} (?:bộ )?hồ sơ` },

  "infosec.units": { pattern: String.raw`cấp độ … của {N} đơn vị` },
  "infosec.dossiers": { pattern: String.raw`tổng số {V}{N} (?:bộ )?hồ sơ` },
  "infosec.approved": { pattern: String.raw`{N} (?:bộ )?hồ sơ (?:đã )?được phê duyệt` },
  "infosec.pending": { pattern: String.raw`{N} (?:bộ )?hồ sơ (?:đang )?chờ phê duyệt` },
  "infosec.to_supplement": { pattern: String.raw`{N} (?:bộ )?hồ sơ cần bổ sung` },
};

/** A number as the report writes it, scale word included; digits or separators around it make it part of another number. */
export const NUMBER_SOURCE = String.raw`(?<![\p{L}\d.,])(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)(?:\s*(?:nghìn|ngàn|triệu|tỷ|tỉ)(?!\p{L}))?(?!\d|[.,]\d)`;

/**
 * Where a rule expects its value, whatever stands there that contains a digit: digits with any separators,
 * a sign, digit groups split by single spaces, stray characters glued on. The extractor then reads it only
 * if it is a number beyond doubt ("45.929", "45 929") and otherwise reports it: a figure is never read from a
 * fragment of itself ("929" of "45 929", "45.929" of "−45.929"). Emphasis marks (*) are not part of it.
 */
const RAW_NUMBER = String.raw`(?<![^\s(*])[^\s();:%*]*\d(?:[^\s();:%*]*[^\s();:%*.,])?(?: \d(?:[^\s();:%*]*[^\s();:%*.,])?)*(?:\s*(?:nghìn|ngàn|triệu|tỷ|tỉ)(?!\p{L}))?`;

const VALUE = String.raw`(?:(?<qualifier>trên|hơn)\s+)?(?<number>${RAW_NUMBER})`;
const VERB = String.raw`(?:(?:đạt|là|ở)(?:\s+mức)?\s+|:\s*)?`;
const CLAUSE_GAP = String.raw`(?:\s+[^;]{0,200}?)?\s+`;
const COMMA_GAP = String.raw`(?:\s+[^;,]{0,60}?)?\s+`;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const flexibleSpaces = (s: string) => s.split(/\s+/).map(escape).join(String.raw`[\s-]*`);

function provinceSource(shortName: string): string {
  const forms = new Set([shortName, stripDiacritics(shortName)]);
  return `(?:${[...forms].map(flexibleSpaces).join("|")})`;
}

/** The rule's pattern as a regular expression: global (every match is a candidate), with match indices. */
export function compileRule(rule: ExtractionRule, provinceShortName: string): RegExp {
  const source = rule.pattern
    .replace(/\s*…\s*/g, "\u0001")
    .replace(/\s*~\s*/g, "\u0002")
    .replace(/ +/g, String.raw`\s+`)
    .replace(/\u0001/g, CLAUSE_GAP)
    .replace(/\u0002/g, COMMA_GAP)
    .replace("{province}", () => provinceSource(provinceShortName))
    .replace("{V}", () => VERB)
    .replace("{N}", () => VALUE);
  return new RegExp(source, "giud");
}
