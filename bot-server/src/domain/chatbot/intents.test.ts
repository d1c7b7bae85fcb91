import { defaultCatalogue, loadCatalogue } from "@cds/shared";
import { describe, expect, it } from "vitest";
import { withinOneEdit } from "./edit-distance";
import { FIGURE_NOISE, FILLER_WORDS, METRIC_CUES, RULES_AFTER_FIGURES, RULES_BEFORE_FIGURES } from "./intent-rules";
import { matchIntent, type Intent } from "./intents";
import { canonicalPhrase } from "./message-tokens";

const match = (text: string): Intent => matchIntent(text, defaultCatalogue);

const all: Intent = { kind: "indicators" };
const group = (g: "dvc" | "smart_hd" | "media" | "vbdlis" | "infosec"): Intent => ({ kind: "indicators", group: g });
const indicator = (id: string): Intent => ({ kind: "indicator", id });

/** Messages as followers write them: with and without diacritics, shorthand, Telex leftovers, slips. */
const MESSAGES: readonly (readonly [string, Intent])[] = [
  // the week's figures
  ["chi so", all],
  ["Chỉ số tuần này", all],
  ["chỉ số tuần này là bao nhiêu ạ?", all],
  ["chir so", all],
  ["chiso", all],
  ["CHỈ SỐ!!! 📊", all],
  ["số liệu mới nhất", all],
  ["thong ke tuan nay", all],
  ["Chào ad, cho mình hỏi chỉ số tuần này", all],
  // one group, named by the catalogue's keywords or label
  ["chỉ số đất đai", group("vbdlis")],
  ["chi so dat dai", group("vbdlis")],
  ["số liệu VBDLIS", group("vbdlis")],
  ["dịch vụ công", group("dvc")],
  ["dvc", group("dvc")],
  ["smart haiduong", group("smart_hd")],
  ["SMART-HAIDUONG bao nhieu", group("smart_hd")],
  ["Smart Hải Dương", group("smart_hd")],
  ["smarthaiduong", group("smart_hd")],
  ["smrat haiduog", group("smart_hd")],
  ["an toàn thông tin tuần này", group("infosec")],
  ["thống kê an toàn thông tin", group("infosec")],
  ["truyền thông", group("media")],
  ["tỷ lệ", group("dvc")],
  // one indicator, named clearly
  ["tỷ lệ nộp hồ sơ trực tuyến tuần này?", indicator("dvc.online_filing_rate")],
  ["ti le nop ho so truc tuyen", indicator("dvc.online_filing_rate")],
  ["tỷ lệ nộp hồ sơ online bao nhiêu %", indicator("dvc.online_filing_rate")],
  ["tỉ lệ trực tuyến toàn trình là bao nhiêu", indicator("dvc.end_to_end_rate")],
  ["ty le tra ket qua truc tuyen", indicator("dvc.online_result_rate")],
  ["bao nhiêu người cài smart haiduong", indicator("smart_hd.installs")],
  ["Hải Dương có bao nhiêu người dùng Smart-HaiDuong", indicator("smart_hd.installs")],
  ["smart haiduong có bao nhiêu tài khoản", indicator("smart_hd.installs")],
  ["zalo oa có bao nhiêu người quan tâm", indicator("media.zalo_oa_followers")],
  ["fanpage có bao nhiêu người theo dõi", indicator("media.facebook_followers")],
  ["Báo Hải Dương có bao nhiêu tin bài", indicator("media.newspaper_items")],
  ["hồ sơ đất đai đang chờ bổ sung bao nhiêu", indicator("vbdlis.cases_awaiting_supplement")],
  ["hồ sơ đất đai đang xử lý", indicator("vbdlis.cases_in_progress")],
  ["bao nhieu ho so da co thong bao thue", indicator("vbdlis.tax_notices_issued")],
  ["bao nhiêu hồ sơ cấp độ được phê duyệt", indicator("infosec.approved")],
  // news
  ["tin mới", { kind: "news" }],
  ["bản tin", { kind: "news" }],
  ["tin tuc", { kind: "news" }],
  ["có tin gì mới không ad", { kind: "news" }],
  // the weekly digest
  ["đăng ký nhận bản tin", { kind: "subscribe" }],
  ["đăng kí nhận tin", { kind: "subscribe" }],
  ["dk", { kind: "subscribe" }],
  ["dang ki", { kind: "subscribe" }],
  ["Tôi muốn đăng ký ạ", { kind: "subscribe" }],
  ["ddawng kys nhaanj tin", { kind: "subscribe" }],
  ["hủy đăng ký", { kind: "unsubscribe" }],
  ["huỷ đăng ký", { kind: "unsubscribe" }],
  ["huy dang ky", { kind: "unsubscribe" }],
  ["huydk", { kind: "unsubscribe" }],
  ["dừng nhận", { kind: "unsubscribe" }],
  ["dung nhan tin", { kind: "unsubscribe" }],
  ["ko nhan tin nua", { kind: "unsubscribe" }],
  ["không muốn nhận bản tin nữa", { kind: "unsubscribe" }],
  // help and filing
  ["menu", { kind: "help" }],
  ["hướng dẫn", { kind: "help" }],
  ["help", { kind: "help" }],
  ["giúp tôi với", { kind: "help" }],
  ["👍", { kind: "help" }],
  ["nộp hồ sơ trực tuyến thế nào", { kind: "how_to_file" }],
  ["làm sao nộp hồ sơ online", { kind: "how_to_file" }],
  ["lam sao nop online", { kind: "how_to_file" }],
  ["dich vu cong o dau", { kind: "how_to_file" }],
  ["cách nộp hồ sơ trực tuyến", { kind: "how_to_file" }],
  ["hướng dẫn nộp hồ sơ", { kind: "how_to_file" }],
  // greetings
  ["xin chào", { kind: "greeting" }],
  ["xin chao", { kind: "greeting" }],
  ["hi", { kind: "greeting" }],
  ["chào ad", { kind: "greeting" }],
  ["Chào buổi sáng ad 👋", { kind: "greeting" }],
  ["cảm ơn ad", { kind: "greeting" }],
  // for the editors
  ["asdfgh", { kind: "unknown" }],
  ["cho hỏi giờ làm việc của bộ phận một cửa", { kind: "unknown" }],
  ["Tôi muốn hỏi về thủ tục cấp giấy phép xây dựng", { kind: "unknown" }],
  ["nộp hồ sơ trực tuyến bị lỗi", { kind: "unknown" }],
  ["phí làm căn cước công dân bao nhiêu", { kind: "unknown" }],
  ["đăng ký khai sinh ở đâu", { kind: "unknown" }],
];

describe("matchIntent", () => {
  it("has a table large enough to mean something", () => {
    expect(MESSAGES.length).toBeGreaterThanOrEqual(40);
  });

  it.each(MESSAGES)("%s", (text, expected) => {
    expect(match(text)).toEqual(expected);
  });

  it.each(MESSAGES)("%s: the same in capitals, decomposed Unicode and with trailing punctuation", (text, expected) => {
    expect(match(text.toUpperCase())).toEqual(expected);
    expect(match(text.normalize("NFD"))).toEqual(expected);
    expect(match(`${text} ?!`)).toEqual(expected);
  });

  describe("priority", () => {
    it.each([
      ["hủy đăng ký nhận bản tin", "unsubscribe"],
      ["đăng ký nhận bản tin", "subscribe"],
      ["cách nộp hồ sơ trực tuyến", "how_to_file"],
      ["tỷ lệ nộp hồ sơ trực tuyến", "indicator"],
      ["tỷ lệ nộp hồ sơ trực tuyến thế nào", "indicator"],
      ["xin chào, cho hỏi chỉ số đất đai", "indicators"],
      ["chào ad, mình muốn đăng ký nhận tin", "subscribe"],
      ["menu chỉ số", "indicators"],
    ] as const)("%s → %s", (text, kind) => {
      expect(match(text).kind).toBe(kind);
    });
  });

  it("names an indicator by its short label alone, but a group name alone stays the group", () => {
    expect(match("Nộp hồ sơ trực tuyến")).toEqual(indicator("dvc.online_filing_rate"));
    expect(match("Dịch vụ công trực tuyến")).toEqual(group("dvc"));
    expect(match("Ứng dụng Smart-HaiDuong")).toEqual(group("smart_hd"));
  });

  it.each(defaultCatalogue.indicators.flatMap((i) => [[i.label, i.id] as const, [i.shortLabel, i.id] as const]))(
    "the catalogue's own name “%s” names %s",
    (name, id) => {
      expect(match(name)).toEqual(indicator(id));
    },
  );

  it("finds every group by its own label, so the label can be a query button", () => {
    for (const g of defaultCatalogue.groups) expect(match(g.label)).toEqual(group(g.id));
  });

  it("takes group vocabulary from the catalogue, not from code", () => {
    const data = {
      ...defaultCatalogue,
      groups: defaultCatalogue.groups.map((g) =>
        g.id === "media" ? { ...g, keywords: [...g.keywords, "mang xa hoi"] } : g,
      ),
    };
    const edited = loadCatalogue(data);
    expect(matchIntent("số liệu mạng xã hội", edited)).toEqual(group("media"));
    expect(matchIntent("số liệu mạng xã hội", defaultCatalogue)).not.toEqual(group("media"));
  });
});

describe("rule tables", () => {
  const phrases = [
    ...[...RULES_BEFORE_FIGURES, ...RULES_AFTER_FIGURES].flatMap((r) =>
      "only" in r ? r.only : [...r.all.flat(), ...(r.none ?? [])],
    ),
    ...METRIC_CUES,
    ...FIGURE_NOISE,
    ...FILLER_WORDS,
  ];
  it.each(phrases)("“%s” is written in canonical form, so it can match", (phrase) => {
    expect(canonicalPhrase(phrase).join(" ")).toBe(phrase);
  });
});

describe("withinOneEdit", () => {
  it.each([
    ["smart", "smart", true],
    ["smat", "smart", true],
    ["smartt", "smart", true],
    ["smarx", "smart", true],
    ["smrat", "smart", true],
    ["haiduog", "haiduong", true],
    ["sram", "smart", false],
    ["thong", "truong", false],
    ["abc", "abcde", false],
  ] as const)("%s ~ %s: %s", (a, b, expected) => {
    expect(withinOneEdit(a, b)).toBe(expected);
    expect(withinOneEdit(b, a)).toBe(expected);
  });
});
