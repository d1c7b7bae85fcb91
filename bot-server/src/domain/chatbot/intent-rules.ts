/**
 * What the chatbot listens for, as data. Every phrase is written in the matcher's canonical form: folded
 * (lower case, no diacritics, single spaces) and after the spelling rewrites below ("dang ky", never
 * "dang ki" or "dk"), so a table entry and what a follower typed compare equal. Indicator and group
 * vocabulary is not here: it comes from the catalogue.
 */

/** Shorthand, spelling variants and loan words people type, each → its canonical word(s). */
export const WORD_REWRITES: Readonly<Record<string, string>> = {
  dk: "dang ky",
  dky: "dang ky",
  dki: "dang ky",
  ki: "ky",
  ti: "ty",
  k: "khong",
  ko: "khong",
  kh: "khong",
  kg: "khong",
  khg: "khong",
  hok: "khong",
  online: "truc tuyen",
  onl: "truc tuyen",
  bn: "bao nhieu",
  nhiu: "nhieu",
  j: "gi",
  dc: "duoc",
  hs: "ho so",
  tthc: "thu tuc hanh chinh",
  cds: "chuyen doi so",
  fb: "fanpage",
  facebook: "fanpage",
  app: "ung dung",
  tk: "tai khoan",
  ntn: "nhu the nao",
  lsao: "lam sao",
  ng: "nguoi",
  hdsd: "huong dan su dung",
  vs: "voi",
  r: "roi",
  follow: "theo doi",
  like: "thich",
};

/** Multi-word synonyms, rewritten after WORD_REWRITES so questions use the catalogue's words. */
export const PHRASE_REWRITES: readonly (readonly [from: string, to: string])[] = [
  ["nguoi dung", "tai khoan"],
  ["luot cai", "cai dat"],
  ["luot tai", "cai dat"],
  ["tai ve", "cai dat"],
  ["giai quyet", "xu ly"],
];

/**
 * Words that carry no meaning for matching: politeness, pronouns, "có", "là", "tỉnh". They are ignored
 * when deciding whether a message says "only" a greeting, and when scoring indicator names. The
 * province's own name is added from the catalogue.
 */
export const FILLER_WORDS: readonly string[] = [
  "a",
  "ah",
  "ak",
  "ad",
  "admin",
  "oi",
  "o",
  "nhe",
  "nha",
  "nhi",
  "voi",
  "toi",
  "minh",
  "em",
  "anh",
  "chi",
  "ban",
  "ba",
  "bac",
  "co",
  "hoi",
  "xin",
  "vay",
  "the",
  "la",
  "gi",
  "nao",
  "khong",
  "muon",
  "xem",
  "biet",
  "cua",
  "tren",
  "va",
  "cac",
  "nhung",
  "ve",
  "trong",
  "thi",
  "ma",
  "roi",
  "se",
  "hay",
  "nhu",
  "de",
  "khi",
  "dum",
  "nguoi",
  "dan",
  "tinh",
  "tuan",
  "nay",
  "hien",
  "vui",
  "long",
  "thang",
  "nam",
  "chao",
  "nhieu",
  "lam",
  "duoc",
];

/**
 * Real words one edit away from a word the matcher knows ("thuong" is "thường", not a slip for "thong"):
 * they are taken as typed, never "corrected".
 */
export const WORDS_TAKEN_AS_TYPED: readonly string[] = [
  "thuong",
  "truong",
  "quyen",
  "huong",
  "phuong",
  "chuong",
  "khuong",
  "nguon",
  "thuoc",
  "nguyen",
  "nghien",
  "chinh",
  "thinh",
  "khanh",
  "nhanh",
  "giang",
  "thien",
  "truoc",
  "luong",
  "cuong",
  "tuong",
  "xuong",
];

/** Words that make a message a question about figures ("how many", "what rate"). */
export const METRIC_CUES: readonly string[] = [
  "chi so",
  "so lieu",
  "thong ke",
  "bao nhieu",
  "ty le",
  "phan tram",
  "con so",
  "so luong",
  "so nguoi",
  "may",
  "tang",
  "giam",
  "bao cao",
];

/** A general request for the week's figures: with nothing more specific, the overview answers it. */
export const OVERVIEW_CUES: readonly string[] = ["chi so", "so lieu", "thong ke", "con so", "bao cao"];

/** "What does it mean / how is it counted": the definition is what is asked for. */
export const DEFINITION_CUES: readonly string[] = [
  "la gi",
  "nghia la",
  "la sao",
  "la nhu the nao",
  "la the nao",
  "tinh the nao",
  "tinh nhu the nao",
  "duoc tinh",
  "hieu the nao",
  "hieu la",
  "y nghia",
  "giai thich",
  "khai niem",
];

/** "This month": the figures are weekly; the reply says so and where the weeks of the month are. */
export const MONTH_CUES: readonly string[] = ["thang nay", "trong thang", "thang qua", "ca thang"];

/** Words that join two questions in one message ("A và B"). */
export const CONJUNCTIONS: readonly string[] = ["va", "voi", "cung", "and"];

/**
 * About the follower's own case ("hồ sơ của tôi", "bao giờ được duyệt"): the province's figures do not answer
 * it, the editors do, unless the message plainly asks for the figures.
 */
export const PERSONAL_CUES: readonly string[] = [
  "cua toi",
  "cua minh",
  "cua em",
  "nha toi",
  "toi nop",
  "minh nop",
  "em nop",
  "don vi toi",
  "co quan toi",
  "bao gio",
  "khi nao",
  "den dau",
];

/** Said around a figure question but naming no indicator: removed before indicator names are scored. */
export const FIGURE_NOISE: readonly string[] = [
  "chi so",
  "so lieu",
  "thong ke",
  "bao nhieu",
  "con so",
  "so luong",
  "so nguoi",
  "phan tram",
  "may",
  "tang",
  "giam",
  "bao cao",
  // "cho hỏi" is politeness, but "chờ" (folded "cho") is in labels ("chờ phê duyệt"), so only the phrases go.
  "cho hoi",
  "cho minh",
  "cho toi",
  "cho em",
  "cho biet",
  "xin cho",
  "cho xin",
  // "đạt bao nhiêu" (reached how much): folded, "đạt" is "đất" (land), a group's name.
  "dat bao nhieu",
  "dat muc",
  "dat duoc",
  "tuan nay",
  "tuan qua",
  "tuan vua qua",
  "tuan truoc",
  "so voi",
  "moi nhat",
  "hien nay",
  "hien tai",
  "nhu the nao",
  "the nao",
  "ra sao",
];

export type PhraseIntentKind = "news" | "subscribe" | "unsubscribe" | "help" | "how_to_file" | "greeting";

/** `all`: each list needs one of its phrases somewhere; `none`: any of these phrases vetoes the rule. */
export interface AllRule {
  kind: PhraseIntentKind;
  all: readonly (readonly string[])[];
  none?: readonly string[];
}
/** `only`: the message holds one or more of these phrases and nothing else but filler words. */
export interface OnlyRule {
  kind: PhraseIntentKind;
  only: readonly string[];
}
export type PhraseRule = AllRule | OnlyRule;

const UNSUBSCRIBE_PHRASES = [
  "huy dang ky",
  "huy nhan",
  "huy ban tin",
  "huy theo doi",
  "huy tin",
  "dung nhan",
  "dung gui",
  "ngung nhan",
  "ngung gui",
  "thoi nhan",
  "thoi gui",
  "bo dang ky",
  "khong muon nhan",
  "khong nhan ban tin",
  "tat thong bao",
  "unsubscribe",
];
const SUBSCRIBE_PHRASES = [
  "dang ky nhan",
  "dang ky ban tin",
  "dang ky tin",
  "dang ky theo doi",
  "dang ky lai",
  "nhan ban tin",
  "muon nhan tin",
  "nhan tin hang tuan",
  "theo doi ban tin",
  "subscribe",
];
/** "how / where / what are the steps" */
const METHOD_CUES = [
  "cach",
  "lam sao",
  "lam the nao",
  "nhu the nao",
  "the nao",
  "nhu nao",
  "ra sao",
  "o dau",
  "tai dau",
  "cho nao",
  "huong dan",
  "chi dan",
  "quy trinh",
  "cac buoc",
  "link",
  "duong dan",
  "dia chi",
  "trang web",
  "website",
  "web",
  "tra cuu",
  "muon nop",
  "can nop",
  "phai nop",
  "how",
  "trang nao",
  "vao dau",
  "vao trang",
];
/** "filing / the public-service portal / an administrative procedure" */
const FILING_TOPICS = ["nop", "ho so", "dich vu cong", "dvc", "thu tuc", "cong dich vu"];
const NEWS_PHRASES = [
  "tin moi",
  "ban tin",
  "tin tuc",
  "news",
  "bai viet",
  "bai moi",
  "thong tin moi",
  "tin nong",
  "co gi moi",
];

/**
 * Rules tried in order before the figures (catalogue) matcher; the first that holds wins. The order is
 * the priority: stopping the digest outranks starting it ("hủy đăng ký" contains "đăng ký"), and asking
 * how to file outranks the filing indicators unless the question asks for a figure ("tỷ lệ nộp hồ sơ").
 */
export const RULES_BEFORE_FIGURES: readonly PhraseRule[] = [
  { kind: "unsubscribe", all: [UNSUBSCRIBE_PHRASES] },
  { kind: "unsubscribe", all: [["khong nhan"], ["nua"]] },
  { kind: "unsubscribe", only: ["huy", "stop", "dung lai"] },
  { kind: "subscribe", all: [SUBSCRIBE_PHRASES] },
  { kind: "subscribe", only: ["dang ky"] },
  // "dvc tuần này thế nào" asks how the week went, not how to file.
  { kind: "how_to_file", all: [METHOD_CUES, FILING_TOPICS], none: [...METRIC_CUES, "tuan nay", "tuan qua"] },
  { kind: "help", all: [["lam duoc gi", "giup duoc gi"]] },
  { kind: "news", all: [NEWS_PHRASES], none: METRIC_CUES },
  { kind: "news", all: [["tin"], ["moi"]], none: METRIC_CUES },
  { kind: "news", only: ["tin"] },
];

/**
 * Rules tried when the message names no figure. Greetings and bare "help" must be the whole message:
 * "chào ad, cho hỏi giờ làm việc" is a question for the editors, not a greeting.
 */
export const RULES_AFTER_FIGURES: readonly PhraseRule[] = [
  { kind: "help", all: [["menu", "help", "tro giup", "chuc nang", "huong dan su dung", "lam duoc gi", "danh muc"]] },
  { kind: "help", only: ["huong dan", "giup", "giup do", "ho tro", "bat dau", "start"] },
  {
    kind: "greeting",
    only: [
      "xin chao",
      "chao",
      "hi",
      "hello",
      "helo",
      "hey",
      "alo",
      "buoi sang",
      "buoi chieu",
      "buoi toi",
      "cam on",
      "thanks",
      "thank you",
      "tks",
      "ok",
      "oke",
      "oa",
    ],
  },
];
