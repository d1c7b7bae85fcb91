import { formatViDate } from "@cds/shared/format/dates";
import { chatReply, queryButton, urlButton } from "./buttons";
import { definitionReply, groupReply, indicatorReply, overviewReply, severalReply } from "./figure-replies";
import type { Intent } from "./intents";
import { MENU_QUERIES, menuButtons } from "./menu";
import { clipText, fitLines } from "./reply-text";
import type { ChatButton, ChatReply, NewsItem, ReplyContext } from "./reply-types";

export type { ChatButton, ChatReply, NewsItem, ReplyContext } from "./reply-types";

/** The national public-service portal: the same for every province, so it is not catalogue data. */
const NATIONAL_PORTAL_URL = "https://dichvucong.gov.vn";
const NEWS_SHOWN = 3;
const NEWS_TITLE_LENGTH = 200;
const NEWS_SUMMARY_LENGTH = 300;

/** The reply to one message, in plain, polite Vietnamese, within Zalo's limits (2,000 characters, 5 buttons). */
export function composeReply(intent: Intent, ctx: ReplyContext): ChatReply {
  switch (intent.kind) {
    case "indicators":
      return intent.group ? groupReply(intent.group, ctx) : overviewReply(ctx);
    case "indicator":
      return indicatorReply(intent.id, ctx, intent.span);
    case "definition":
      return definitionReply(intent.id, ctx);
    case "several":
      return severalReply(intent.ids, ctx);
    case "news":
      return newsReply(ctx);
    case "subscribe":
      return subscribeReply(ctx);
    case "unsubscribe":
      return unsubscribeReply(ctx);
    case "help":
      return helpReply(ctx);
    case "how_to_file":
      return howToFileReply(ctx);
    case "greeting":
      return chatReply(
        [
          `Dạ, ${ctx.catalogue.province.oaName} luôn sẵn sàng hỗ trợ bạn.`,
          "Bạn có thể xem chỉ số chuyển đổi số hằng tuần, tin mới và cách nộp hồ sơ trực tuyến bằng các nút bên dưới.",
        ].join(" "),
        menuButtons(ctx, ctx.subscribed),
      );
    case "unknown":
      return chatReply(
        [
          "Dạ, cảm ơn bạn đã nhắn tin. OA chưa tự trả lời được câu hỏi này nên đã chuyển tới bộ phận biên tập;" +
            " bạn sẽ được phản hồi trong thời gian sớm nhất.",
          "Trong lúc chờ, bạn có thể chọn một mục bên dưới.",
        ].join("\n"),
        menuButtons(ctx, ctx.subscribed),
      );
  }
}

/** For a new follower: what the OA offers, and the menu. */
export function welcomeReply(ctx: ReplyContext): ChatReply {
  const { province } = ctx.catalogue;
  return chatReply(
    [
      `Cảm ơn bạn đã quan tâm ${province.oaName}!`,
      `Tại đây, bạn có thể xem các chỉ số chuyển đổi số hằng tuần của ${province.name}, đọc tin mới,` +
        " đăng ký nhận bản tin và tìm hiểu cách nộp hồ sơ trực tuyến.",
      "Bấm một mục bên dưới hoặc nhắn câu hỏi cho OA, ví dụ: “chỉ số tuần này”.",
    ].join("\n"),
    menuButtons(ctx, ctx.subscribed),
  );
}

/**
 * For someone who asks for the digest without following the OA: the digest goes out as OA messages, so
 * following comes first. The same rule refuses the mini app's subscribe button.
 */
export function notFollowingReply(ctx: ReplyContext): ChatReply {
  const { oaName } = ctx.catalogue.province;
  return chatReply(
    [
      `Dạ, bản tin hằng tuần được gửi qua tin nhắn của ${oaName}, nên bạn cần quan tâm OA trước khi đăng ký.`,
      `Bạn vui lòng bấm “Quan tâm” trên trang của OA, rồi nhắn “${MENU_QUERIES.subscribe}” để đăng ký. Cảm ơn bạn!`,
    ].join("\n"),
    menuButtons(ctx, ctx.subscribed),
  );
}

function helpReply(ctx: ReplyContext): ChatReply {
  const example = ctx.catalogue.indicators.find((i) => i.headline) ?? ctx.catalogue.indicators[0];
  const digest = ctx.subscribed
    ? `• “${MENU_QUERIES.unsubscribe}” để dừng nhận bản tin hằng tuần`
    : `• “${MENU_QUERIES.subscribe}” để nhận bản tin hằng tuần qua tin nhắn`;
  const lines = [
    "Dạ, bạn có thể nhắn cho OA:",
    `• “${MENU_QUERIES.indicators}”${example ? ` hoặc tên một chỉ số, ví dụ “${example.label}”` : ""}`,
    `• “${MENU_QUERIES.news}” để đọc tin mới nhất`,
    digest,
    `• “${MENU_QUERIES.howToFile}”`,
    "Hoặc bấm một nút bên dưới.",
  ];
  return chatReply(lines.join("\n"), menuButtons(ctx, ctx.subscribed));
}

function howToFileReply(ctx: ReplyContext): ChatReply {
  const lines = [
    "Dạ, để nộp hồ sơ trực tuyến, bạn làm như sau:",
    `1. Truy cập Cổng Dịch vụ công quốc gia (dichvucong.gov.vn) hoặc cổng dịch vụ công của ${ctx.catalogue.province.name}.`,
    "2. Đăng nhập bằng tài khoản định danh điện tử VNeID.",
    "3. Tìm thủ tục cần làm, điền tờ khai và đính kèm bản chụp giấy tờ theo hướng dẫn.",
    "4. Nộp hồ sơ, thanh toán phí, lệ phí trực tuyến (nếu có) và theo dõi tình trạng hồ sơ trên cổng.",
    "5. Nhận kết quả bản điện tử hoặc qua bưu chính theo lựa chọn khi nộp.",
    "Nếu gặp khó khăn, bạn nhắn câu hỏi cụ thể cho OA để được hỗ trợ.",
  ];
  return chatReply(lines.join("\n"), [
    urlButton("Cổng Dịch vụ công quốc gia", NATIONAL_PORTAL_URL),
    queryButton("Chỉ số dịch vụ công"),
    queryButton(MENU_QUERIES.indicators),
  ]);
}

function subscribeReply(ctx: ReplyContext): ChatReply {
  const text = ctx.subscribed
    ? "Dạ, bạn đã đăng ký nhận bản tin từ trước; OA vẫn tiếp tục gửi bản tin hằng tuần cho bạn."
    : [
        `Cảm ơn bạn đã đăng ký! Mỗi tuần, OA sẽ gửi bạn bản tin chuyển đổi số của ${ctx.catalogue.province.name}` +
          " khi bản tin được công bố.",
        // Zalo lets an OA message a follower only for a while after the follower last wrote to it.
        "Lưu ý: theo quy định của Zalo, OA chỉ gửi được tin nhắn cho bạn nếu gần đây bạn có nhắn tin với OA," +
          " vì vậy thỉnh thoảng bạn hãy nhắn cho OA để không bỏ lỡ bản tin.",
      ].join("\n");
  return chatReply(`${text}\nMuốn dừng nhận, bạn nhắn “${MENU_QUERIES.unsubscribe}”.`, [
    queryButton(MENU_QUERIES.indicators),
    queryButton(MENU_QUERIES.news),
    queryButton(MENU_QUERIES.unsubscribe),
    urlButton("Mở Mini App", ctx.miniAppUrl("/")),
  ]);
}

function unsubscribeReply(ctx: ReplyContext): ChatReply {
  const text =
    ctx.subscribed === false
      ? "Dạ, bạn hiện không đăng ký nhận bản tin, nên OA không gửi bản tin riêng cho bạn."
      : [
          "Dạ, OA đã hủy đăng ký nhận bản tin của bạn; bạn sẽ không nhận bản tin hằng tuần qua tin nhắn riêng nữa.",
          // Unsubscribing stops the digest, not the OA's posts to all followers: say so rather than over-promise.
          "Các bài đăng chung OA gửi tới mọi người quan tâm vẫn có thể đến với bạn;" +
            " muốn dừng hẳn, bạn có thể bỏ quan tâm OA.",
        ].join("\n");
  const again = ctx.subscribed === false ? "Muốn nhận bản tin" : "Muốn nhận lại";
  return chatReply(`${text}\n${again}, bạn nhắn “${MENU_QUERIES.subscribe}”.`, [
    queryButton(MENU_QUERIES.subscribe),
    queryButton(MENU_QUERIES.indicators),
    urlButton("Mở Mini App", ctx.miniAppUrl("/")),
  ]);
}

function newsDate(item: NewsItem, timeZone: string): string | undefined {
  const at = new Date(item.publishedAt);
  return Number.isNaN(at.getTime()) ? undefined : formatViDate(at, timeZone);
}

function newsReply(ctx: ReplyContext): ChatReply {
  const latest = [...(ctx.news ?? [])]
    .sort((a, b) => (Date.parse(b.publishedAt) || 0) - (Date.parse(a.publishedAt) || 0))
    .slice(0, NEWS_SHOWN);
  if (latest.length === 0) {
    return chatReply("Dạ, hiện chưa có tin mới. Khi có tin, OA sẽ đăng tại đây và trên Mini App.", [
      queryButton(ctx.subscribed ? MENU_QUERIES.unsubscribe : MENU_QUERIES.subscribe),
      queryButton(MENU_QUERIES.indicators),
      urlButton("Mở Mini App", ctx.miniAppUrl("/")),
    ]);
  }
  const body = latest.flatMap((item, n) => {
    const date = newsDate(item, ctx.catalogue.province.timeZone);
    const summary = clipText(item.summary, NEWS_SUMMARY_LENGTH);
    return [
      "",
      `${n + 1}. ${clipText(item.title, NEWS_TITLE_LENGTH)}${date ? ` (${date})` : ""}`,
      ...(summary ? [summary] : []),
    ];
  });
  const buttons: ChatButton[] = [
    ...latest.map((item) => urlButton(item.title, ctx.miniAppUrl(`/news/${encodeURIComponent(item.id)}`))),
    urlButton("Xem tất cả tin", ctx.miniAppUrl("/news")),
  ];
  return chatReply(fitLines(["Dạ, tin mới nhất của OA:"], body, [], "… Xem thêm tin trên Mini App."), buttons);
}
