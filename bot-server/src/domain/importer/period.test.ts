import { describe, expect, it } from "vitest";
import { ImportError } from "./import-error";
import { findPeriods, findReportPeriod, parsePeriodText } from "./period";
import { readReportText } from "./report-text";

describe("parsePeriodText", () => {
  it.each<[string, { from: string; to: string } | undefined]>([
    ["từ ngày 24/8/2024 đến ngày 30/8/2024", { from: "2024-08-24", to: "2024-08-30" }],
    ["Từ ngày 31/8/2024 đến ngày 06/9/2024", { from: "2024-08-31", to: "2024-09-06" }],
    ["từ  ngày\n24/8/2024\nđến ngày 30/8/2024", { from: "2024-08-24", to: "2024-08-30" }],
    ["trong tuần từ ngày 23/8 - 30/8/2024,", { from: "2024-08-23", to: "2024-08-30" }],
    ["từ ngày 23/8-30/8/2024", { from: "2024-08-23", to: "2024-08-30" }],
    ["16/9–22/9/2024", { from: "2024-09-16", to: "2024-09-22" }],
    ["24/8/2024 - 30/8/2024", { from: "2024-08-24", to: "2024-08-30" }],
    ["từ 28/12 - 3/1/2025", { from: "2024-12-28", to: "2025-01-03" }],
    ["từ ngày 30/8/2024 đến ngày 24/8/2024", undefined],
    ["từ ngày 31/2/2024 đến ngày 6/3/2024", undefined],
    ["Văn bản số 2385-CV/VPTU ngày 26/4/2024", undefined],
    ["Nghị định số 82/2024/NĐ-CP", undefined],
    ["ngày 30/8/2024", undefined],
  ])("%j", (text, expected) => {
    expect(parsePeriodText(text)).toEqual(expected);
  });

  it("tells the full form (both years) from the short one", () => {
    const found = findPeriods("từ ngày 24/8/2024 đến ngày 30/8/2024; từ ngày 23/8 - 30/8/2024");
    expect(found.map((p) => p.full)).toEqual([true, false]);
  });
});

const report = (...lines: string[]) => readReportText(lines.join("\n"));

describe("findReportPeriod", () => {
  it("takes the period under the title, not a section's own count", () => {
    const { period, warnings } = findReportPeriod(
      report(
        "BÁO CÁO TUẦN 5 THÁNG 8 NĂM 2024",
        "Kết quả thực hiện",
        "từ ngày 24/8/2024 đến ngày 30/8/2024",
        "",
        "I. KẾT QUẢ THỰC HIỆN",
        "",
        "2. Về nhận thức số",
        "",
        "Thống kê trong tuần từ ngày 23/8 - 30/8/2024, có 4 tin.",
      ),
    );
    expect(period).toEqual({ from: "2024-08-24", to: "2024-08-30", label: "Tuần 5 tháng 8/2024" });
    expect(warnings).toEqual([]);
  });

  it("finds the title's period in a .docx, where each line is its own paragraph", () => {
    const { period } = findReportPeriod(
      report(
        "BÁO CÁO TUẦN 1 THÁNG 9 NĂM 2024",
        "",
        "Kết quả",
        "",
        "từ ngày 31/8/2024 đến ngày 06/9/2024",
        "",
        "I. KẾT QUẢ THỰC HIỆN",
      ),
    );
    expect(period).toEqual({ from: "2024-08-31", to: "2024-09-06", label: "Tuần 1 tháng 9/2024" });
  });

  it("warns when the title names another week than the period's", () => {
    const { period, warnings } = findReportPeriod(
      report("BÁO CÁO TUẦN 4 THÁNG 8 NĂM 2024", "từ ngày 24/8/2024 đến ngày 30/8/2024", "", "I. KẾT QUẢ"),
    );
    expect(period.label).toBe("Tuần 4 tháng 8/2024");
    expect(warnings).toEqual([
      "Tiêu đề ghi “Tuần 4 tháng 8/2024” nhưng kỳ báo cáo kết thúc ngày 30/8/2024, tức Tuần 5 tháng 8/2024.",
    ]);
  });

  it("names the week from its last day when the title does not, and says so", () => {
    const { period, warnings } = findReportPeriod(
      report("BÁO CÁO TUẦN", "từ ngày 31/8/2024 đến ngày 6/9/2024", "", "I. KẾT QUẢ"),
    );
    expect(period).toEqual({ from: "2024-08-31", to: "2024-09-06", label: "Tuần 1 tháng 9/2024" });
    expect(warnings).toEqual(["Không thấy tên tuần ở tiêu đề; đặt theo ngày kết thúc kỳ: Tuần 1 tháng 9/2024."]);
  });

  it("falls back to a full period in the text, with a warning", () => {
    const { period, warnings } = findReportPeriod(
      report(
        "BÁO CÁO TUẦN 5 THÁNG 8 NĂM 2024",
        "",
        "I. KẾT QUẢ",
        "",
        "Trên đây là báo cáo từ ngày 24/8/2024 đến ngày 30/8/2024.",
      ),
    );
    expect(period.from).toBe("2024-08-24");
    expect(warnings).toEqual(["Không thấy kỳ báo cáo dưới tiêu đề; dùng kỳ 24/8–30/8/2024 ghi trong nội dung."]);
  });

  it("warns about a period that is not a week and a closing line from another week", () => {
    const { warnings } = findReportPeriod(
      report(
        "BÁO CÁO TUẦN 5 THÁNG 8 NĂM 2024",
        "từ ngày 20/8/2024 đến ngày 30/8/2024",
        "",
        "I. KẾT QUẢ",
        "",
        "Trên đây là báo cáo từ ngày 17/8/2024 đến ngày 23/8/2024.",
      ),
    );
    expect(warnings).toEqual([
      "Kỳ báo cáo 20/8–30/8/2024 dài 11 ngày, không phải 7 ngày.",
      "Nội dung có kỳ 17/8–23/8/2024, khác kỳ ở tiêu đề 20/8–30/8/2024: kiểm tra có phần nào chép từ báo cáo tuần khác.",
    ]);
  });

  it("refuses a text without any period", () => {
    expect(() => findReportPeriod(report("Giấy mời họp ngày 09/9/2024."))).toThrow(ImportError);
  });
});
