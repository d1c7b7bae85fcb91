import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defaultCatalogue, MINUS, NEWS_LIMITS, newsDraftSchema } from "@cds/shared";
import { describe, expect, it } from "vitest";
import { findEvents, plainEventText } from "./events";
import type { ExtractedValue } from "./extract";
import { importReport } from "./import-report";
import { draftNews } from "./news-draft";

const fixtures = fileURLToPath(new URL("../../../../test/fixtures/reports/", import.meta.url));
const founding = importReport(readFileSync(`${fixtures}bao-cao-tuan-5-thang-8-2024.txt`, "utf8")).news;
const otherWeek = importReport(readFileSync(`${fixtures}bao-cao-tuan-1-thang-9-2024.txt`, "utf8")).news;

describe("the news draft of the founding report", () => {
  it("is titled after the week", () => {
    expect(founding.title).toBe("Chuyển đổi số Hải Dương tuần 5 tháng 8/2024");
    expect(newsDraftSchema.safeParse(founding).success).toBe(true);
  });

  it("gives the headline figures, then the figures that moved, the Vietnamese way", () => {
    expect(founding.highlights).toEqual([
      { indicatorId: "dvc.online_filing_rate", text: "Nộp hồ sơ trực tuyến: 93%" },
      { indicatorId: "dvc.end_to_end_rate", text: "Trực tuyến toàn trình: 22%" },
      { indicatorId: "smart_hd.installs", text: "Tài khoản Smart-HaiDuong: 45.929 tài khoản (+90 so với tuần trước)" },
      { indicatorId: "media.zalo_oa_followers", text: "Người quan tâm Zalo OA: trên 1,2 triệu tài khoản" },
      {
        indicatorId: "vbdlis.cases_total",
        text: "Hồ sơ đất đai đã tiếp nhận: 28.922 hồ sơ (+1.231 so với tuần trước)",
      },
      { indicatorId: "vbdlis.tax_cases_total", text: "Hồ sơ liên thông thuế: 9.654 bộ hồ sơ (+150 so với tuần trước)" },
    ]);
  });

  it("sums the week up within the article description limit", () => {
    expect(founding.summary).toBe(
      "Tuần 5 tháng 8/2024 (24/8–30/8/2024): nộp hồ sơ trực tuyến 93%; trực tuyến toàn trình 22%; tài khoản Smart-HaiDuong 45.929 (+90); người quan tâm Zalo OA trên 1,2 triệu.",
    );
    expect(founding.summary.length).toBeLessThanOrEqual(NEWS_LIMITS.summary);
  });

  it("lists the week's dated events in date order, in plain words, keeping dates outside the period", () => {
    const dates = founding.events.map((e) => e.date);
    expect(dates).toEqual([...dates].sort());
    expect(dates).toEqual([
      "2024-07-30",
      "2024-08-26",
      "2024-08-26",
      "2024-08-27",
      "2024-08-27",
      "2024-08-27",
      "2024-08-28",
      "2024-08-29",
      "2024-08-29",
      "2024-08-30",
      "2024-08-31",
    ]);
    expect(founding.events).toContainEqual({
      date: "2024-08-27",
      text: 'Ủy ban nhân dân huyện Cẩm Giàng tổ chức tập huấn triển khai ứng dụng tên miền quốc gia ".vn" và các dịch vụ số cho các Tổ công nghệ số cộng đồng trên địa bàn huyện.',
    });
    expect(founding.events).toContainEqual({
      date: "2024-08-31",
      text: "Ban chỉ đạo chuyển đổi số tỉnh tổ chức điểm cầu trực tuyến tham gia Hội nghị chuyên đề “Nâng cao hiệu quả cung cấp và sử dụng dịch vụ công trực tuyến” do Ủy ban Quốc gia về chuyển đổi số tổ chức.",
    });
    for (const e of founding.events) expect(e.text).not.toMatch(/\*|^Ngày|(?<![/-])\bUBND\b(?![/-])/);
  });

  it("writes a plain-text body of paragraphs", () => {
    const paragraphs = founding.body.split("\n\n");
    expect(paragraphs[0]).toBe(
      "Kết quả thực hiện chuyển đổi số của tỉnh Hải Dương từ ngày 24/8/2024 đến ngày 30/8/2024.",
    );
    expect(paragraphs[1]).toBe(["Các con số nổi bật:", ...founding.highlights.map((h) => `- ${h.text}`)].join("\n"));
    expect(paragraphs[2]?.split("\n")[0]).toBe("Các hoạt động nổi bật:");
    expect(paragraphs[2]).toContain(
      "\n- 29/8/2024: Ủy ban nhân dân huyện Gia Lộc tổ chức tập huấn phổ cập kỹ năng số cộng đồng",
    );
    expect(paragraphs.at(-1)).toBe("Nguồn: báo cáo tuần của Sở Thông tin và Truyền thông tỉnh Hải Dương.");
  });
});

describe("the news draft of another week", () => {
  it("has that week's title, figures and events", () => {
    expect(otherWeek.title).toBe("Chuyển đổi số Hải Dương tuần 1 tháng 9/2024");
    expect(otherWeek.highlights.map((h) => h.text)).toContain("Nộp hồ sơ trực tuyến: 94,5%");
    expect(otherWeek.highlights.map((h) => h.text)).toContain(
      `Hồ sơ đất đai đang xử lý: 18.811 hồ sơ (${MINUS}31 so với tuần trước)`,
    );
    expect(otherWeek.events.map((e) => e.date)).toEqual([
      "2024-09-02",
      "2024-09-03",
      "2024-09-04",
      "2024-09-04",
      "2024-09-05",
      "2024-09-05",
    ]);
  });
});

describe("draftNews", () => {
  const period = { from: "2024-08-24", to: "2024-08-30", label: "Tuần 5 tháng 8/2024" };
  const v = (value: number, extra: Partial<ExtractedValue> = {}): ExtractedValue => ({
    value,
    source_text: "…",
    ...extra,
  });

  it("drafts a post even when no headline figure was given", () => {
    const news = draftNews({ period, values: { "infosec.units": v(246) }, events: [] }, defaultCatalogue);
    expect(news.summary).toBe("Tuần 5 tháng 8/2024 (24/8–30/8/2024): kết quả chuyển đổi số của tỉnh Hải Dương.");
    expect(news.highlights).toEqual([]);
    expect(news.body).not.toContain("Các con số nổi bật");
  });

  it("says a figure did not move, and a rate's change in points", () => {
    const news = draftNews(
      {
        period,
        values: { "smart_hd.installs": v(45929, { change: 0 }), "dvc.online_filing_rate": v(94.5, { change: 1.5 }) },
        events: [],
      },
      defaultCatalogue,
    );
    expect(news.highlights.map((h) => h.text)).toEqual([
      "Nộp hồ sơ trực tuyến: 94,5% (+1,5 điểm phần trăm so với tuần trước)",
      "Tài khoản Smart-HaiDuong: 45.929 tài khoản (không đổi so với tuần trước)",
    ]);
  });
});

describe("events", () => {
  it("takes sentences that start with their date", () => {
    expect(
      findEvents([
        { text: "Ngày 29/8/2024 Sở tổ chức hội nghị.", section: "2" },
        { text: "Tuy nhiên, ngày 30/8/2024, Bộ Công an có thông báo.", section: "8" },
        { text: "Ngày 27/8/2024, UBND huyện tổ chức tập huấn", section: "2" },
        { text: "Ngày 31/2/2024, không có ngày này.", section: "2" },
      ]),
    ).toEqual([
      { date: "2024-08-27", text: "Ủy ban nhân dân huyện tổ chức tập huấn." },
      { date: "2024-08-29", text: "Sở tổ chức hội nghị." },
    ]);
  });

  it.each<[string, string]>([
    ["UBND tỉnh đã có Văn bản số 3174/UBND-VP.", "Ủy ban nhân dân tỉnh đã có Văn bản số 3174/UBND-VP."],
    ["trình HĐND tỉnh về CNTT và ATTT", "Trình Hội đồng nhân dân tỉnh về công nghệ thông tin và an toàn thông tin."],
    ["nội dung (*được tham mưu*)!", "Nội dung (được tham mưu)!"],
    ["Quyết định số 2168/QĐ-UBND", "Quyết định số 2168/QĐ-UBND."],
  ])("plain text of %j", (input, expected) => {
    expect(plainEventText(input)).toBe(expected);
  });
});
