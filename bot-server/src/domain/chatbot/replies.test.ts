import { defaultCatalogue, type ApiIndicator, type GroupId } from "@cds/shared";
import { MINUS } from "@cds/shared/format/numbers";
import { describe, expect, it } from "vitest";
import { SAMPLE_MARK, SAMPLE_NOTE } from "./indicator-text";
import { matchIntent, type Intent } from "./intents";
import { MENU_QUERIES } from "./menu";
import {
  composeReply,
  notFollowingReply,
  welcomeReply,
  type ChatReply,
  type NewsItem,
  type ReplyContext,
} from "./replies";
import { MAX_BUTTON_TITLE_LENGTH, MAX_BUTTONS, MAX_TEXT_LENGTH } from "./reply-text";
import { foundingWeek, miniAppUrl } from "./test-fixtures";

const PERIOD = "Tuần 5 tháng 8/2024 (24/8–30/8/2024)";
const catalogue = defaultCatalogue;
const ctx = (extra: Partial<ReplyContext> = {}): ReplyContext => ({
  catalogue,
  latest: foundingWeek(),
  miniAppUrl,
  ...extra,
});
const ask = (text: string, c: ReplyContext = ctx()): ChatReply => composeReply(matchIntent(text, catalogue), c);
const bullet = (shortLabel: string) => `• ${shortLabel}: `;
const lineOf = (reply: ChatReply, start: string) => reply.text.split("\n").find((l) => l.startsWith(start));
const urls = (reply: ChatReply) => reply.buttons.flatMap((b) => (b.kind === "open_url" ? [b.url] : []));
const queries = (reply: ChatReply) => reply.buttons.flatMap((b) => (b.kind === "query" ? [b.query] : []));

const NEWS: NewsItem[] = [
  {
    id: "n-1",
    title: "Hải Dương đẩy mạnh dịch vụ công trực tuyến",
    summary: "Tỷ lệ hồ sơ nộp trực tuyến đạt 93%.",
    publishedAt: "2024-08-24T03:00:00Z",
  },
  {
    id: "n-3",
    title: "Smart-HaiDuong thêm tính năng phản ánh hiện trường",
    summary: "Người dân gửi phản ánh kèm ảnh.",
    publishedAt: "2024-08-31T02:00:00Z",
  },
  {
    id: "n-2",
    title: "Tập huấn an toàn thông tin cho cán bộ cấp xã",
    summary: "",
    publishedAt: "2024-08-28T01:30:00Z",
  },
  { id: "n-0", title: "Tin cũ", summary: "Không còn nằm trong ba tin mới nhất.", publishedAt: "2024-08-01T01:00:00Z" },
];

describe("figures", () => {
  it("answers two siblings named together with both figures, and each one's page", () => {
    const reply = ask("hồ sơ đất đai đang xử lý và chờ bổ sung");
    expect(reply.text).toContain(PERIOD);
    expect(lineOf(reply, bullet("Hồ sơ đất đai đang xử lý"))).toMatch(/^• Hồ sơ đất đai đang xử lý: [\d.]+ hồ sơ/);
    expect(lineOf(reply, bullet("Hồ sơ đất đai chờ bổ sung"))).toMatch(/^• Hồ sơ đất đai chờ bổ sung: [\d.]+ hồ sơ/);
    expect(urls(reply)).toEqual(
      expect.arrayContaining([
        miniAppUrl("/indicators/vbdlis.cases_in_progress"),
        miniAppUrl("/indicators/vbdlis.cases_awaiting_supplement"),
      ]),
    );
  });

  it("answers a question about the month with the week's figure and change, and says the figures are weekly", () => {
    const reply = ask("tháng này tài khoản smart hải dương tăng bao nhiêu");
    expect(reply.text).toContain("Tài khoản cài đặt Smart-HaiDuong (lũy kế): 45.929 tài khoản");
    expect(reply.text).toContain("So với tuần trước: +90");
    expect(reply.text).toContain("Số liệu được công bố theo tuần");
    expect(ask("tài khoản smart hải dương tăng bao nhiêu").text).not.toContain("Số liệu được công bố theo tuần");
  });

  it("answers “what does it mean” with the definition and source first, then the week's figure", () => {
    const reply = ask("toàn trình nghĩa là gì");
    const definition = catalogue.byId.get("dvc.end_to_end_rate")!;
    expect(reply.text.startsWith(`Dạ, “${definition.label}”: ${definition.definition}`)).toBe(true);
    expect(reply.text).toContain(`Nguồn: ${definition.source}`);
    expect(reply.text).toContain(`${PERIOD}: 22%`);
  });

  it("“chi so” answers with the headline figures and the period", () => {
    const reply = ask("chi so");
    expect(reply.text).toContain(PERIOD);
    expect(lineOf(reply, bullet("Nộp hồ sơ trực tuyến"))).toBe("• Nộp hồ sơ trực tuyến: 93%");
    expect(lineOf(reply, bullet("Tài khoản Smart-HaiDuong"))).toBe(
      "• Tài khoản Smart-HaiDuong: 45.929 tài khoản (+90 so với tuần trước)",
    );
    expect(lineOf(reply, bullet("Người quan tâm Zalo OA"))).toBe("• Người quan tâm Zalo OA: trên 1,2 triệu tài khoản");
    expect(urls(reply)).toContain(miniAppUrl("/"));
  });

  it("offers the groups it did not show in full, and each such button comes back as that group", () => {
    const reply = ask("chỉ số tuần này");
    const groupQueries = queries(reply);
    expect(groupQueries.length).toBeGreaterThan(0);
    for (const q of groupQueries) {
      const intent = matchIntent(q, catalogue);
      expect(intent.kind).toBe("indicators");
      const g = intent.kind === "indicators" ? intent.group : undefined;
      expect(catalogue.groups.find((x) => x.id === g)?.label).toBe(q);
    }
    // Smart-HaiDuong's one indicator is already in the headlines: no button needed for it.
    expect(groupQueries).not.toContain("Ứng dụng Smart-HaiDuong");
  });

  it.each(catalogue.groups.map((g) => [g.id, g.label] as const))(
    "the %s group lists its indicators and only those",
    (id: GroupId, label) => {
      const reply = composeReply({ kind: "indicators", group: id }, ctx());
      expect(reply.text).toContain(label);
      expect(reply.text).toContain(PERIOD);
      for (const ind of catalogue.indicators) {
        if (ind.group === id) expect(lineOf(reply, bullet(ind.shortLabel)), ind.id).toBeDefined();
        else expect(lineOf(reply, bullet(ind.shortLabel)), ind.id).toBeUndefined();
      }
      expect(urls(reply)).toContain(miniAppUrl(`/groups/${id}`));
    },
  );

  it("the Smart-HaiDuong reply has the cumulative count and the week's change", () => {
    for (const text of ["smart haiduong", "bao nhiêu người cài smart haiduong"]) {
      const reply = ask(text);
      expect(reply.text).toContain("45.929");
      expect(reply.text).toContain("+90");
      expect(reply.text).toContain(PERIOD);
    }
  });

  it("the land-records group shows thousands and changes the Vietnamese way", () => {
    const reply = ask("chỉ số đất đai");
    expect(lineOf(reply, bullet("Hồ sơ đất đai đã tiếp nhận"))).toBe(
      "• Hồ sơ đất đai đã tiếp nhận: 28.922 hồ sơ (+1.231 so với tuần trước)",
    );
    expect(lineOf(reply, bullet("Hồ sơ đất đai chờ bổ sung"))).toBe("• Hồ sơ đất đai chờ bổ sung: 3.036 hồ sơ");
  });

  it("keeps the lower bound on the followers figure", () => {
    const reply = ask("truyền thông");
    expect(lineOf(reply, bullet("Người quan tâm Zalo OA"))).toBe("• Người quan tâm Zalo OA: trên 1,2 triệu tài khoản");
    expect(lineOf(reply, bullet("Người theo dõi Fanpage"))).toBe("• Người theo dõi Fanpage: 83.974 người");
  });

  it("one indicator: value, period, meaning, source and its page in the mini app", () => {
    const reply = ask("tỷ lệ nộp hồ sơ trực tuyến tuần này?");
    const def = catalogue.byId.get("dvc.online_filing_rate");
    expect(reply.text).toContain(`Dạ, số liệu ${PERIOD}:`);
    expect(reply.text).toContain("Tỷ lệ hồ sơ nộp trực tuyến: 93%");
    expect(reply.text).toContain(def?.definition);
    expect(reply.text).toContain(`Nguồn: ${def?.source}`);
    expect(urls(reply)).toEqual([miniAppUrl("/indicators/dvc.online_filing_rate")]);
    expect(queries(reply).map((q) => matchIntent(q, catalogue))).toEqual([
      { kind: "indicators", group: "dvc" },
      { kind: "indicators" },
    ]);
  });

  it("works out the change from last week's value when the report gives none, in points for a rate", () => {
    const previous: Record<string, number> = { "dvc.online_filing_rate": 91.5, "infosec.units": 250 };
    const latest = foundingWeek((i) => ({ ...i, previous: previous[i.id] }));
    expect(lineOf(ask("dịch vụ công", ctx({ latest })), bullet("Nộp hồ sơ trực tuyến"))).toBe(
      "• Nộp hồ sơ trực tuyến: 93% (+1,5 điểm phần trăm so với tuần trước)",
    );
    expect(lineOf(ask("an toàn thông tin", ctx({ latest })), bullet("Đơn vị đã nộp hồ sơ cấp độ"))).toBe(
      `• Đơn vị đã nộp hồ sơ cấp độ: 246 đơn vị (${MINUS}4 so với tuần trước)`,
    );
  });

  it("never works out a change from a previous week that is demo data", () => {
    const latest = foundingWeek((i) =>
      i.id === "dvc.online_filing_rate" ? { ...i, previous: 91.5, previousSample: true } : i,
    );
    expect(lineOf(ask("dịch vụ công", ctx({ latest })), bullet("Nộp hồ sơ trực tuyến"))).toBe(
      "• Nộp hồ sơ trực tuyến: 93%",
    );
  });

  it("never works out a change for a lower bound", () => {
    const latest = foundingWeek((i) => (i.id === "media.zalo_oa_followers" ? { ...i, previous: 1100000 } : i));
    expect(lineOf(ask("truyền thông", ctx({ latest })), bullet("Người quan tâm Zalo OA"))).toBe(
      "• Người quan tâm Zalo OA: trên 1,2 triệu tài khoản",
    );
  });

  it("labels sample values wherever they appear", () => {
    const latest = foundingWeek((i) => (i.id === "dvc.online_filing_rate" ? { ...i, sample: true } : i));
    for (const text of ["chi so", "dịch vụ công", "tỷ lệ nộp hồ sơ trực tuyến"]) {
      const reply = ask(text, ctx({ latest }));
      const line = reply.text.split("\n").find((l) => l.includes("93%"));
      expect(line, text).toContain(SAMPLE_MARK);
      expect(reply.text, text).toContain(SAMPLE_NOTE);
    }
    expect(ask("chi so").text).not.toContain(SAMPLE_MARK);
  });

  it("says which figures the week lacks and never shows one for them", () => {
    const latest = foundingWeek((i) => (i.id === "infosec.pending" ? undefined : i));
    const group = ask("an toàn thông tin", ctx({ latest }));
    expect(group.text).toContain("Báo cáo tuần này không có số liệu: Hồ sơ cấp độ chờ phê duyệt.");
    expect(group.text).not.toContain("112");
    const one = composeReply({ kind: "indicator", id: "infosec.pending" }, ctx({ latest }));
    expect(one.text).toBe(`Dạ, báo cáo ${PERIOD} không có số liệu “Hồ sơ đang chờ phê duyệt”.`);
    expect(urls(one)).toContain(miniAppUrl("/indicators/infosec.pending"));
  });

  it.each<Intent>([
    { kind: "indicators" },
    { kind: "indicators", group: "smart_hd" },
    { kind: "indicator", id: "media.zalo_oa_followers" },
  ])("with nothing published, %j says so and shows no figure", (intent) => {
    const reply = composeReply(intent, ctx({ latest: undefined }));
    expect(reply.text).toContain("chưa có số liệu");
    expect(reply.text).not.toMatch(/\d/);
    expect(reply.buttons.length).toBeGreaterThan(0);
  });

  it("cuts a list that would exceed 2,000 characters by whole lines, keeps the period and points to the mini app", () => {
    const long = (i: ApiIndicator) => ({ ...i, shortLabel: `${i.shortLabel} — ${"mô tả rất dài ".repeat(12).trim()}` });
    const latest = foundingWeek((i) => (i.group === "media" ? long(i) : i));
    const reply = ask("truyền thông", ctx({ latest }));
    expect(reply.text.length).toBeLessThanOrEqual(MAX_TEXT_LENGTH);
    expect(reply.text).toContain(PERIOD);
    expect(reply.text).toContain("Xem đầy đủ trên Mini App");
    const expectedLines = new Set(
      latest.indicators.filter((i) => i.group === "media").map((i) => `${bullet(i.shortLabel)}`),
    );
    const bullets = reply.text.split("\n").filter((l) => l.startsWith("• "));
    expect(bullets.length).toBeGreaterThan(0);
    expect(bullets.length).toBeLessThan(expectedLines.size);
    for (const l of bullets)
      expect([...expectedLines].some((start) => l.startsWith(start) && /\d( \S+)*$/.test(l))).toBe(true);
  });
});

describe("conversation", () => {
  it("help is a short menu whose buttons come back as the intents they name", () => {
    for (const subscribed of [false, true]) {
      const reply = composeReply({ kind: "help" }, ctx({ subscribed }));
      const digest = subscribed ? MENU_QUERIES.unsubscribe : MENU_QUERIES.subscribe;
      expect(queries(reply)).toEqual([MENU_QUERIES.indicators, MENU_QUERIES.news, digest, MENU_QUERIES.howToFile]);
      expect(queries(reply).map((q) => matchIntent(q, catalogue).kind)).toEqual([
        "indicators",
        "news",
        subscribed ? "unsubscribe" : "subscribe",
        "how_to_file",
      ]);
      expect(urls(reply)).toEqual([miniAppUrl("/")]);
    }
  });

  it("help's example indicator is one the matcher recognises", () => {
    const reply = composeReply({ kind: "help" }, ctx());
    const example = /ví dụ “([^”]+)”/.exec(reply.text)?.[1] ?? "";
    expect(matchIntent(example, catalogue).kind).toBe("indicator");
  });

  it("unknown says the question went to the editors and offers the menu", () => {
    const reply = ask("asdfgh");
    expect(reply.text).toContain("chuyển tới bộ phận biên tập");
    expect(queries(reply)).toContain(MENU_QUERIES.indicators);
  });

  it("welcomes a new follower with the OA's name and the menu", () => {
    const reply = welcomeReply(ctx());
    expect(reply.text).toContain(catalogue.province.oaName);
    expect(reply.buttons).toHaveLength(5);
  });

  it("subscribe and unsubscribe tell the result, and how to undo it", () => {
    const subscribed = ask("đăng ký nhận bản tin", ctx({ subscribed: false }));
    expect(subscribed.text).toContain("Cảm ơn bạn đã đăng ký");
    expect(queries(subscribed)).toContain(MENU_QUERIES.unsubscribe);
    expect(ask("dk", ctx({ subscribed: true })).text).toContain("đã đăng ký nhận bản tin từ trước");
    const stopped = ask("huỷ đăng ký", ctx({ subscribed: true }));
    expect(stopped.text).toContain("đã hủy đăng ký");
    expect(queries(stopped)).toContain(MENU_QUERIES.subscribe);
    expect(ask("dung nhan tin", ctx({ subscribed: false })).text).toContain("hiện không đăng ký");
  });

  it("asks someone who wants the digest without following the OA to follow it first, with the menu", () => {
    const reply = notFollowingReply(ctx({ subscribed: false }));
    expect(reply.text).toContain(catalogue.province.oaName);
    expect(reply.text).toContain("quan tâm OA trước khi đăng ký");
    expect(reply.text).toContain(`nhắn “${MENU_QUERIES.subscribe}”`);
    expect(reply.buttons).toEqual(welcomeReply(ctx({ subscribed: false })).buttons);
  });

  it("how to file points to the national portal, and its buttons come back as figures", () => {
    const reply = ask("làm sao nộp hồ sơ online");
    expect(reply.text).toContain("VNeID");
    expect(urls(reply)).toEqual(["https://dichvucong.gov.vn"]);
    expect(queries(reply).map((q) => matchIntent(q, catalogue))).toEqual([
      { kind: "indicators", group: "dvc" },
      { kind: "indicators" },
    ]);
  });

  it("news: the three newest first, dated, each with its page, and the news list", () => {
    const reply = ask("tin mới", ctx({ news: NEWS }));
    const titles = reply.text.split("\n").filter((l) => /^\d\. /.test(l));
    expect(titles).toEqual([
      "1. Smart-HaiDuong thêm tính năng phản ánh hiện trường (31/8/2024)",
      "2. Tập huấn an toàn thông tin cho cán bộ cấp xã (28/8/2024)",
      "3. Hải Dương đẩy mạnh dịch vụ công trực tuyến (24/8/2024)",
    ]);
    expect(reply.text).not.toContain("Tin cũ");
    expect(urls(reply)).toEqual(["/news/n-3", "/news/n-2", "/news/n-1", "/news"].map(miniAppUrl));
  });

  it("news: says so when there is none", () => {
    expect(ask("tin tuc", ctx({ news: [] })).text).toContain("chưa có tin mới");
    expect(ask("tin tuc", ctx()).text).toContain("chưa có tin mới");
  });
});

describe("every reply fits Zalo", () => {
  const hugeNews: NewsItem[] = Array.from({ length: 8 }, (_, n) => ({
    id: `n${n}`,
    title: `Tin số ${n} `.repeat(40),
    summary: "Nội dung tóm tắt rất dài. ".repeat(200).normalize("NFD"),
    publishedAt: `2024-08-${String(10 + n).padStart(2, "0")}T00:00:00Z`,
  }));
  const intents: Intent[] = [
    { kind: "indicators" },
    ...catalogue.groups.map((g): Intent => ({ kind: "indicators", group: g.id })),
    ...catalogue.indicators.map((i): Intent => ({ kind: "indicator", id: i.id })),
    { kind: "news" },
    { kind: "subscribe" },
    { kind: "unsubscribe" },
    { kind: "help" },
    { kind: "how_to_file" },
    { kind: "greeting" },
    { kind: "unknown" },
  ];
  const contexts: [string, ReplyContext][] = [
    ["founding week", ctx({ news: NEWS, subscribed: true })],
    ["nothing published", ctx({ latest: undefined, subscribed: false })],
    [
      "sample data and huge news",
      ctx({ latest: foundingWeek((i) => ({ ...i, sample: true, previous: i.value - 1 })), news: hugeNews }),
    ],
  ];
  it.each(contexts)("%s", (_, c) => {
    for (const reply of [...intents.map((i) => composeReply(i, c)), welcomeReply(c), notFollowingReply(c)]) {
      expect(reply.text.length).toBeLessThanOrEqual(MAX_TEXT_LENGTH);
      expect(reply.text).toBe(reply.text.normalize("NFC"));
      expect(reply.text.trim()).not.toBe("");
      expect(reply.buttons.length).toBeLessThanOrEqual(MAX_BUTTONS);
      for (const b of reply.buttons) expect(b.title.length).toBeLessThanOrEqual(MAX_BUTTON_TITLE_LENGTH);
    }
  });
});
