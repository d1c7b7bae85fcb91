import type { ApiIndicator, GroupId, IndicatorsResponse } from "@cds/shared";
import { chatReply, queryButton, urlButton } from "./buttons";
import { indicatorLine, periodText, SAMPLE_MARK, SAMPLE_NOTE, changeText, valueText } from "./indicator-text";
import { MENU_QUERIES, menuButtons } from "./menu";
import { fitLines } from "./reply-text";
import type { ChatButton, ChatReply, ReplyContext } from "./reply-types";

/**
 * Replies that carry the week's figures. Every figure comes from the published week (`latest`), with
 * its period; a figure the week lacks is said to be missing, never taken from elsewhere.
 */

const MORE = "… Xem đầy đủ trên Mini App (nút bên dưới).";

function published(latest: IndicatorsResponse): Map<string, ApiIndicator> {
  return new Map(latest.indicators.map((i) => [i.id, i]));
}

/** The caveat under a list holding sample figures. */
function sampleFoot(shown: readonly ApiIndicator[]): string[] {
  return shown.some((i) => i.sample) ? ["", SAMPLE_NOTE] : [];
}

/** "Báo cáo tuần này không có số liệu: A; B." for the catalogue indicators the week did not give. */
function missingLines(labels: readonly string[]): string[] {
  return labels.length > 0 ? ["", `Báo cáo tuần này không có số liệu: ${labels.join("; ")}.`] : [];
}

function nothingPublished(ctx: ReplyContext, what: string, page: string): ChatReply {
  return chatReply(
    `Dạ, hiện chưa có số liệu ${what} được công bố. Khi số liệu được công bố, OA sẽ cập nhật tại đây và trên Mini App.`,
    [urlButton("Mở Mini App", ctx.miniAppUrl(page)), ...menuButtons(ctx, ctx.subscribed).slice(1, 4)],
  );
}

/** The week at a glance: the headline indicators, and a way into each group. */
export function overviewReply(ctx: ReplyContext): ChatReply {
  const { catalogue, latest } = ctx;
  if (!latest) return nothingPublished(ctx, "tuần nào", "/");
  const byId = published(latest);
  const headline = catalogue.indicators.filter((i) => i.headline);
  // A catalogue without headlines still gets a glance: the first published figure of each group.
  const chosen =
    headline.length > 0
      ? headline
      : catalogue.groups.flatMap((g) =>
          catalogue
            .inGroup(g.id)
            .filter((i) => byId.has(i.id))
            .slice(0, 1),
        );
  const shown = chosen.flatMap((i) => byId.get(i.id) ?? []);
  const missing = chosen.filter((i) => !byId.has(i.id)).map((i) => i.shortLabel);
  const shownIds = new Set(shown.map((i) => i.id));
  const moreToSee = catalogue.groups.filter((g) =>
    catalogue.inGroup(g.id).some((i) => byId.has(i.id) && !shownIds.has(i.id)),
  );

  const head = [`Dạ, chỉ số chuyển đổi số ${catalogue.province.name}, ${periodText(latest.period)}:`, ""];
  const body = [
    ...shown.map(indicatorLine),
    ...missingLines(missing),
    "",
    `Xem theo nhóm (bấm nút hoặc nhắn tên nhóm): ${catalogue.groups.map((g) => g.label).join("; ")}.`,
  ];
  const buttons: ChatButton[] = [
    urlButton("Xem đầy đủ trên Mini App", ctx.miniAppUrl("/")),
    ...moreToSee.map((g) => queryButton(g.label)),
  ];
  return chatReply(fitLines(head, body, sampleFoot(shown), MORE), buttons);
}

/** Every published figure of one group, in catalogue order. */
export function groupReply(group: GroupId, ctx: ReplyContext): ChatReply {
  const { catalogue, latest } = ctx;
  const label = catalogue.groups.find((g) => g.id === group)?.label ?? group;
  const page = `/groups/${encodeURIComponent(group)}`;
  if (!latest) return nothingPublished(ctx, `nhóm “${label}”`, page);
  const byId = published(latest);
  const members = catalogue.inGroup(group);
  const shown = members.flatMap((i) => byId.get(i.id) ?? []);
  const missing = members.filter((i) => !byId.has(i.id)).map((i) => i.shortLabel);

  const head = [`Dạ, số liệu nhóm “${label}”, ${periodText(latest.period)}:`, ""];
  const body = [...shown.map(indicatorLine), ...missingLines(missing)];
  const buttons = [urlButton(`Xem nhóm trên Mini App`, ctx.miniAppUrl(page)), queryButton(MENU_QUERIES.indicators)];
  return chatReply(fitLines(head, body, sampleFoot(shown), MORE), buttons);
}

/** Several indicators the message named or could mean: each figure, and a way into each one's page. */
export function severalReply(ids: readonly string[], ctx: ReplyContext): ChatReply {
  const { catalogue, latest } = ctx;
  const definitions = ids.flatMap((id) => catalogue.byId.get(id) ?? []);
  if (definitions.length === 0) return overviewReply(ctx);
  if (!latest) return nothingPublished(ctx, definitions.map((d) => `“${d.label}”`).join(", "), "/");
  const byId = published(latest);
  const shown = definitions.flatMap((d) => byId.get(d.id) ?? []);
  const missing = definitions.filter((d) => !byId.has(d.id)).map((d) => d.shortLabel);
  const head = [`Dạ, số liệu ${periodText(latest.period)}:`, ""];
  const body = [...shown.map(indicatorLine), ...missingLines(missing)];
  const buttons: ChatButton[] = [
    ...definitions
      .slice(0, 4)
      .map((d) => urlButton(d.shortLabel, ctx.miniAppUrl(`/indicators/${encodeURIComponent(d.id)}`))),
    queryButton(MENU_QUERIES.indicators),
  ];
  return chatReply(fitLines(head, body, sampleFoot(shown), MORE), buttons);
}

/** What an indicator means, how it is counted and where it comes from, then this week's figure. */
export function definitionReply(id: string, ctx: ReplyContext): ChatReply {
  const definition = ctx.catalogue.byId.get(id);
  if (!definition) return overviewReply(ctx);
  const figure = ctx.latest ? published(ctx.latest).get(id) : undefined;
  const lines = [
    `Dạ, “${definition.label}”: ${definition.definition}`,
    `Nguồn: ${definition.source}`,
    ...(figure && ctx.latest
      ? ["", `${periodText(ctx.latest.period)}: ${valueText(figure)}${figure.sample ? ` ${SAMPLE_MARK}` : ""}`]
      : []),
  ];
  return chatReply(fitLines(lines, [], figure ? sampleFoot([figure]) : [], MORE), [
    urlButton("Xem chi tiết và diễn biến", ctx.miniAppUrl(`/indicators/${encodeURIComponent(id)}`)),
    queryButton(MENU_QUERIES.indicators),
  ]);
}

/** One indicator: its value and change, what it means and where it comes from. */
export function indicatorReply(id: string, ctx: ReplyContext, span?: "month"): ChatReply {
  const { catalogue, latest } = ctx;
  const definition = catalogue.byId.get(id);
  if (!definition) return overviewReply(ctx);
  const page = `/indicators/${encodeURIComponent(id)}`;
  const group = catalogue.groups.find((g) => g.id === definition.group);
  const buttons: ChatButton[] = [
    urlButton("Xem chi tiết và diễn biến", ctx.miniAppUrl(page)),
    ...(group ? [queryButton(`Nhóm ${group.label}`, group.label)] : []),
    queryButton(MENU_QUERIES.indicators),
  ];
  if (!latest) return nothingPublished(ctx, `“${definition.label}”`, page);
  const indicator = published(latest).get(id);
  if (!indicator) {
    return chatReply(`Dạ, báo cáo ${periodText(latest.period)} không có số liệu “${definition.label}”.`, buttons);
  }
  const change = changeText(indicator);
  const sample = indicator.sample ? ` ${SAMPLE_MARK}` : "";
  const head = [`Dạ, số liệu ${periodText(latest.period)}:`, `${indicator.label}: ${valueText(indicator)}${sample}`];
  const body = [
    ...(change !== undefined ? [`So với tuần trước: ${change}`] : []),
    ...(span === "month"
      ? ["Số liệu được công bố theo tuần; diễn biến từng tuần trong tháng xem ở nút “Xem chi tiết và diễn biến”."]
      : []),
    "",
    indicator.definition,
    `Nguồn: ${indicator.source}`,
  ];
  return chatReply(fitLines(head, body, sampleFoot([indicator]), MORE), buttons);
}
