import { queryButton, urlButton } from "./buttons";
import type { ChatButton, ReplyContext } from "./reply-types";

/** The menu's queries: each is sent back as typed text, so each must match its own intent. */
export const MENU_QUERIES = {
  indicators: "Chỉ số tuần này",
  news: "Tin mới",
  subscribe: "Đăng ký bản tin",
  unsubscribe: "Hủy đăng ký",
  howToFile: "Cách nộp hồ sơ trực tuyến",
} as const;

/** The short menu: figures, news, the digest (offered or withdrawn as the follower stands), filing, the mini app. */
export function menuButtons(ctx: ReplyContext, subscribed: boolean | undefined): ChatButton[] {
  return [
    queryButton(MENU_QUERIES.indicators),
    queryButton(MENU_QUERIES.news),
    queryButton(subscribed ? MENU_QUERIES.unsubscribe : MENU_QUERIES.subscribe),
    queryButton(MENU_QUERIES.howToFile),
    urlButton("Mở Mini App", ctx.miniAppUrl("/")),
  ];
}
