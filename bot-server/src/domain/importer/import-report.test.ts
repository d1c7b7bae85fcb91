import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defaultCatalogue, importResultSchema, loadCatalogue } from "@cds/shared";
import { FOUNDING_WEEK } from "@cds/shared/demo/founding-week";
import { describe, expect, it } from "vitest";
import { ImportError } from "./import-error";
import { importReport, type ReportImport } from "./import-report";
import { readDocument } from "./read-document";

const fixtures = fileURLToPath(new URL("../../../../test/fixtures/reports/", import.meta.url));
const fixture = (name: string) => readFileSync(`${fixtures}${name}`, "utf8");
const FOUNDING = fixture("bao-cao-tuan-5-thang-8-2024.txt");
const OTHER_WEEK = fixture("bao-cao-tuan-1-thang-9-2024.txt");

type Expected = [id: string, value: number, extra?: { qualifier?: "more_than"; change?: number }];

/** INDICATORS.md, "value in the founding report": the hand-written founding week. */
const FOUNDING_VALUES: Expected[] = Object.entries(FOUNDING_WEEK.values).map(([id, { value, ...extra }]) => [
  id,
  value,
  extra,
]);

/** The hand-written week 1 of September 2024: every figure differs from the founding week. */
const OTHER_WEEK_VALUES: Expected[] = [
  ["dvc.online_filing_rate", 94.5],
  ["dvc.end_to_end_rate", 24],
  ["dvc.services_with_online_filings_rate", 81],
  ["dvc.online_result_rate", 99],
  ["smart_hd.installs", 46017, { change: 88 }],
  ["media.provincial_broadcast_items", 6],
  ["media.newspaper_items", 5],
  ["media.portal_items", 11],
  ["media.district_radio_sections", 2],
  ["media.district_radio_items", 37],
  ["media.commune_radio_items", 254],
  ["media.cds_page_items", 5],
  ["media.smart_hd_items", 12],
  ["media.zalo_oa_items", 2],
  ["media.zalo_oa_followers", 1250000, { qualifier: "more_than" }],
  ["media.facebook_items", 9],
  ["media.facebook_followers", 84106],
  ["vbdlis.cases_total", 30084, { change: 1162 }],
  ["vbdlis.cases_in_progress", 18811, { change: -31 }],
  ["vbdlis.cases_awaiting_supplement", 2987],
  ["vbdlis.cases_returned", 11273],
  ["vbdlis.tax_cases_total", 9802, { change: 148 }],
  ["vbdlis.tax_cases_in_progress", 512],
  ["vbdlis.tax_cases_supplement_requested", 1560],
  ["vbdlis.tax_notices_issued", 7730],
  ["infosec.units", 251],
  ["infosec.dossiers", 263],
  ["infosec.approved", 131],
  ["infosec.pending", 104],
  ["infosec.to_supplement", 28],
];

/** Each value exactly as expected: no qualifier or change the report does not state. */
function expectValues(result: ReportImport, expected: Expected[]): void {
  const actual = Object.fromEntries(
    Object.entries(result.values).map(([id, v]) => [id, { value: v.value, qualifier: v.qualifier, change: v.change }]),
  );
  const wanted = Object.fromEntries(
    expected.map(([id, value, extra]) => [id, { value, qualifier: extra?.qualifier, change: extra?.change }]),
  );
  expect(actual).toEqual(wanted);
}

/** Hard-wraps every paragraph at `width` columns and doubles some spaces, as a copy from an e-mail would. */
function rewrap(text: string, width: number): string {
  return text
    .split("\n")
    .map((line) => {
      const out: string[] = [];
      let current = "";
      for (const word of line.split(" ")) {
        if (current && current.length + word.length + 1 > width) {
          out.push(current);
          current = word;
        } else current = current ? `${current}${current.length % 3 === 0 ? "  " : " "}${word}` : word;
      }
      out.push(current);
      return out.join("\n");
    })
    .join("\n");
}

describe("importReport on the founding report", () => {
  const result = importReport(FOUNDING);

  it("reads the period under the title and names the week as the report does", () => {
    expect(result.period).toEqual({ from: "2024-08-24", to: "2024-08-30" });
    expect(result.periodLabel).toBe("Tuần 5 tháng 8/2024");
  });

  it("reads all 30 catalogue values of INDICATORS.md with their qualifiers and changes", () => {
    expect(defaultCatalogue.indicators).toHaveLength(30);
    expectValues(result, FOUNDING_VALUES);
    expect(result.missing).toEqual([]);
    expect(result.warnings).toEqual([]);
  });

  it("keeps the sentence each value came from", () => {
    expect(result.values["smart_hd.installs"]?.source_text).toBe(
      "Tính đến ngày 30/8/2024, có 45.929 tài khoản cài đặt, sử dụng ứng dụng Smart-HaiDuong (*tăng 90 tài khoản so với tuần trước*).",
    );
    expect(result.values["vbdlis.cases_awaiting_supplement"]?.source_text).toContain("đang chờ bổ sung là 3036 hồ sơ");
    expect(result.values["vbdlis.tax_cases_in_progress"]?.source_text).toMatch(
      /^Ngoài ra, .*liên thông Thuế.*đang xử lý là 530 bộ hồ sơ/,
    );
    expect(result.values["infosec.approved"]?.source_text).toMatch(/^Trong đó: có 118 hồ sơ đã được phê duyệt/);
    for (const [id, v] of Object.entries(result.values)) {
      expect(v.source_text, id).not.toMatch(/\n|\s{2}/);
      expect(FOUNDING.replace(/\s+/g, " "), id).toContain(v.source_text);
    }
  });

  it("satisfies the import result schema", () => {
    expect(importResultSchema.safeParse(result).success).toBe(true);
  });
});

describe("importReport on other forms of a report", () => {
  it("reads another week's own numbers, a decrease as a negative change", () => {
    const other = importReport(OTHER_WEEK);
    expect(other.period).toEqual({ from: "2024-08-31", to: "2024-09-06" });
    expect(other.periodLabel).toBe("Tuần 1 tháng 9/2024");
    expectValues(other, OTHER_WEEK_VALUES);
    expect(other.missing).toEqual([]);
    expect(other.warnings).toEqual([]);
  });

  it("reads a report with CRLF line endings the same as with LF", () => {
    const crlf = fixture("bao-cao-tuan-1-thang-9-2024-crlf.txt");
    expect(crlf).toContain("\r\n");
    expect(crlf.replace(/\r/g, "")).not.toContain("\r");
    const result = importReport(crlf);
    expectValues(result, OTHER_WEEK_VALUES);
    expect(result.values["smart_hd.installs"]?.source_text).not.toContain("\r");
  });

  it("leaves a removed section's indicators missing and invents nothing", () => {
    const result = importReport(fixture("bao-cao-tuan-5-thang-8-2024-khong-muc-4-3.txt"));
    const vbdlis = defaultCatalogue.inGroup("vbdlis").map((d) => d.id);
    expect(result.missing).toEqual(vbdlis);
    for (const id of vbdlis) expect(result.values[id]).toBeUndefined();
    expectValues(
      result,
      FOUNDING_VALUES.filter(([id]) => !id.startsWith("vbdlis.")),
    );
    expect(result.warnings).toEqual(["Báo cáo không có mục 4.3: các chỉ số của mục này để trống."]);
  });

  it("reads the .docx of the founding report like its text", async () => {
    const bytes = readFileSync(`${fixtures}bao-cao-tuan-5-thang-8-2024.docx`);
    const doc = await readDocument(bytes, "bao-cao.docx");
    expect(doc.format).toBe("docx");
    const result = importReport(doc.text);
    expect(result.period).toEqual({ from: "2024-08-24", to: "2024-08-30" });
    expectValues(result, FOUNDING_VALUES);
    expect(result.warnings).toEqual([]);
  });

  it.each([40, 72])("is not thrown by line breaks and spaces (wrapped at %i columns, decomposed accents)", (width) => {
    const wrapped = rewrap(OTHER_WEEK, width).normalize("NFD");
    expect(wrapped).not.toBe(OTHER_WEEK);
    const result = importReport(wrapped);
    expect(result.period).toEqual({ from: "2024-08-31", to: "2024-09-06" });
    expectValues(result, OTHER_WEEK_VALUES);
  });

  it("does not take a number from another figure when a value is deleted", () => {
    const text = FOUNDING.replace("đang xử lý là 18.842 hồ sơ ", "").replace("Báo Hải Dương có 4 tin, bài; ", "");
    const result = importReport(text);
    expect(result.missing).toEqual(["media.newspaper_items", "vbdlis.cases_in_progress"]);
    expect(result.values["vbdlis.cases_awaiting_supplement"]?.value).toBe(3036);
    expect(result.values["media.portal_items"]?.value).toBe(7);
  });

  it("reads digits grouped by spaces or no-break spaces as one number, and says so", () => {
    for (const grouped of ["45 929", "45\u00a0929", "45\u202f929"]) {
      const result = importReport(FOUNDING.replace("có 45.929 tài khoản", `có ${grouped} tài khoản`));
      expect(result.values["smart_hd.installs"], JSON.stringify(grouped)).toMatchObject({ value: 45929, change: 90 });
      expect(result.warnings).toEqual([expect.stringMatching(/^smart_hd\.installs: đọc “45 929” .* là 45\.929/)]);
    }
  });

  it("never reads a garbled figure as a different number: it is missing, with a warning naming the sentence", () => {
    const garbled: Array<[string, RegExp]> = [
      ["-45.929", /dấu trừ/],
      ["−45.929", /dấu trừ/],
      ["4 5.929", /tách bằng dấu cách/],
      ["45.929,5", /phần thập phân/],
      ["x45.929", /ký tự lạ/],
      ["45.929x", /ký tự lạ/],
      ["45.9299", /ký tự lạ/],
    ];
    for (const [figure, reason] of garbled) {
      const result = importReport(FOUNDING.replace("có 45.929 tài khoản", `có ${figure} tài khoản`));
      expect(result.values["smart_hd.installs"], figure).toBeUndefined();
      expect(result.missing, figure).toEqual(["smart_hd.installs"]);
      expect(result.warnings, figure).toEqual([
        expect.stringContaining(
          `smart_hd.installs: “${figure}” trong câu “Tính đến ngày 30/8/2024, có ${figure} tài khoản`,
        ),
      ]);
      expect(result.warnings[0], figure).toMatch(reason);
    }
  });

  it("warns and keeps nothing when a figure is given twice with different numbers", () => {
    const text = FOUNDING.replace(
      "(*tăng 90 tài khoản so với tuần trước*).",
      "(*tăng 90 tài khoản so với tuần trước*). Theo số liệu cập nhật, có 45.990 tài khoản cài đặt ứng dụng.",
    );
    const result = importReport(text);
    expect(result.values["smart_hd.installs"]).toBeUndefined();
    expect(result.missing).toEqual(["smart_hd.installs"]);
    expect(result.warnings).toEqual([expect.stringMatching(/^smart_hd\.installs: .*45\.929; 45\.990/)]);
  });

  it("keeps a figure repeated with the same number", () => {
    const text = FOUNDING.replace(
      "(*tăng 90 tài khoản so với tuần trước*).",
      "(*tăng 90 tài khoản so với tuần trước*). Nhắc lại: 45.929 tài khoản cài đặt.",
    );
    const result = importReport(text);
    expect(result.values["smart_hd.installs"]).toMatchObject({ value: 45929, change: 90 });
    expect(result.warnings).toEqual([]);
  });

  it("reads unchanged, approximate and stale figures with a warning where one is due", () => {
    const text = FOUNDING.replace("(*tăng 90 tài khoản so với tuần trước*)", "(*không thay đổi so với tuần trước*)")
      .replace("với 83.974 người theo dõi", "với khoảng 83.974 người theo dõi")
      .replace("Tính đến ngày 30/8/2024, tổng số lượng", "Tính đến ngày 23/8/2024, tổng số lượng")
      .replace(
        "là 9.654 bộ hồ sơ (*tăng 150 hồ sơ so với tuần trước*)",
        "là 9.654 bộ hồ sơ (*tăng nhẹ so với tuần trước*)",
      )
      .replace(
        "tỷ lệ trả kết quả theo hình thức trực tuyến đạt 100%",
        "tỷ lệ trả kết quả theo hình thức trực tuyến đạt 110%",
      );
    const result = importReport(text);
    expect(result.values["smart_hd.installs"]).toMatchObject({ value: 45929, change: 0 });
    expect(result.values["media.facebook_followers"]?.value).toBe(83974);
    expect(result.values["vbdlis.tax_cases_total"]).toEqual(expect.not.objectContaining({ change: expect.anything() }));
    expect(result.warnings).toEqual([
      expect.stringMatching(/^dvc\.online_result_rate: tỷ lệ 110% lớn hơn 100%/),
      expect.stringMatching(/^media\.facebook_followers: .*ước lượng.*khoảng 83\.974/),
      expect.stringMatching(/^vbdlis\.cases_total: số liệu tính đến ngày 23\/8\/2024/),
      expect.stringMatching(/^vbdlis\.cases_in_progress: số liệu tính đến ngày 23\/8\/2024/),
      expect.stringMatching(/^vbdlis\.cases_awaiting_supplement: số liệu tính đến ngày 23\/8\/2024/),
      expect.stringMatching(/^vbdlis\.cases_returned: số liệu tính đến ngày 23\/8\/2024/),
      expect.stringMatching(/^vbdlis\.tax_cases_total: .*không đọc được mức thay đổi/),
    ]);
  });

  it("warns when the sum of the parts is not the total", () => {
    const result = importReport(FOUNDING.replace("đã trả kết quả là 10.080 hồ sơ", "đã trả kết quả là 10.008 hồ sơ"));
    expect(result.values["vbdlis.cases_returned"]?.value).toBe(10008);
    expect(result.warnings).toEqual([expect.stringMatching(/^vbdlis\.cases_total: 28\.922 khác tổng .* = 28\.850/)]);
  });

  it("is driven by the catalogue: an indicator without a rule is missing, one removed is not read", () => {
    const { province, groups, indicators } = defaultCatalogue;
    const catalogue = loadCatalogue({
      province,
      groups,
      indicators: [
        ...indicators.filter((i) => i.group !== "infosec"),
        { ...indicators[0], id: "dvc.new_indicator", headline: false, report: undefined },
      ],
    });
    const result = importReport(FOUNDING, catalogue);
    expect(Object.keys(result.values).some((id) => id.startsWith("infosec."))).toBe(false);
    expect(result.missing).toEqual(["dvc.new_indicator"]);
    expect(result.warnings).toEqual(["dvc.new_indicator: danh mục chưa có quy tắc đọc chỉ số này từ báo cáo."]);
  });
});

describe("importReport refuses what is not a weekly report", () => {
  it("without a period", () => {
    const err = catchError(() => importReport(fixture("not-a-report.txt")));
    expect(err).toBeInstanceOf(ImportError);
    expect(err).toMatchObject({ code: "not_a_report" });
    expect((err as Error).message).not.toContain("\n");
  });

  it("with a period but not one indicator", () => {
    const err = catchError(() =>
      importReport(
        "BÁO CÁO TUẦN 5 THÁNG 8 NĂM 2024\ntừ ngày 24/8/2024 đến ngày 30/8/2024\n\nI. KẾT QUẢ\n\n1. Về công tác\n\nKhông có gì.",
      ),
    );
    expect(err).toMatchObject({
      code: "not_a_report",
      message: expect.stringContaining("No catalogue indicator found"),
    });
  });
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error("expected an error");
}
