import { describe, expect, it } from "vitest";
import { normalizeReportText, readReportText, splitSentences } from "./report-text";

describe("normalizeReportText", () => {
  it("brings Word, Notepad and Mac variants of a text to one form", () => {
    const raw = "\uFEFFHải Dương\r\nngày\u00A030/8/2024\t \r\rTỷ\u200B lệ".normalize("NFD");
    expect(normalizeReportText(raw)).toBe("Hải Dương\nngày 30/8/2024\n\nTỷ lệ");
  });
});

describe("splitSentences", () => {
  it.each<[string, string[]]>([
    ["Một câu. Câu hai có 45.929 tài khoản. Câu ba.", ["Một câu.", "Câu hai có 45.929 tài khoản.", "Câu ba."]],
    ["Dòng bị\nngắt giữa câu.", ["Dòng bị ngắt giữa câu."]],
    ["Đoạn một.\n\nĐoạn hai.", ["Đoạn một.", "Đoạn hai."]],
    // A page break inside a sentence: the next paragraph starts in lower case.
    [
      "gửi UBND các huyện, thị xã, thành\n\nphố về việc tăng cường.",
      ["gửi UBND các huyện, thị xã, thành phố về việc tăng cường."],
    ],
    ["- Ngày 30/8/2024, Sở đã có văn bản.", ["Ngày 30/8/2024, Sở đã có văn bản."]],
    ["Tại TP. Hải Dương có 3 điểm. Xong.", ["Tại TP. Hải Dương có 3 điểm.", "Xong."]],
    [
      "Trang (<https://chuyendoiso.haiduong.gov.vn>); 10 tin. Hết",
      ["Trang (<https://chuyendoiso.haiduong.gov.vn>); 10 tin.", "Hết"],
    ],
    ["Theo NĐ-CP. Đã hoàn thành.", ["Theo NĐ-CP.", "Đã hoàn thành."]],
    ["TP. Chí Linh có 2 xã.", ["TP. Chí Linh có 2 xã."]],
    ["\n\n  \n", []],
  ])("%j", (block, expected) => {
    expect(splitSentences(block)).toEqual(expected);
  });
});

describe("readReportText", () => {
  const text = [
    "BÁO CÁO TUẦN 5 THÁNG 8 NĂM 2024",
    "từ ngày 24/8/2024 đến ngày 30/8/2024",
    "",
    "I. KẾT QUẢ THỰC HIỆN",
    "",
    "1. Về công tác chỉ đạo",
    "",
    "Câu một. Câu hai có",
    "18.842 hồ sơ.",
    "",
    "4.3. Về đất đai",
    "",
    "Câu ba.",
    "",
    "II. KHÓ KHĂN, VƯỚNG MẮC",
    "",
    "2. Khó khăn không thuộc mục 2 của phần I.",
  ].join("\r\n");
  const report = readReportText(text);

  it("keeps the heading apart and reads sections only in part I", () => {
    expect(report.heading).toBe("BÁO CÁO TUẦN 5 THÁNG 8 NĂM 2024\ntừ ngày 24/8/2024 đến ngày 30/8/2024\n");
    expect([...report.sections]).toEqual(["1", "4.3"]);
  });

  it("gives each sentence its section, without heading lines", () => {
    expect(report.sentences).toEqual([
      { text: "Câu một.", section: "1" },
      { text: "Câu hai có 18.842 hồ sơ.", section: "1" },
      { text: "Câu ba.", section: "4.3" },
    ]);
  });
});
