import type { Catalogue, GroupId } from "@cds/shared";
import {
  CONJUNCTIONS,
  DEFINITION_CUES,
  FIGURE_NOISE,
  FILLER_WORDS,
  METRIC_CUES,
  MONTH_CUES,
  OVERVIEW_CUES,
} from "./intent-rules";
import { coveredPositions, hasAnyPhrase, indexOfPhrase } from "./phrases";

/**
 * Questions about the week's figures, matched against the catalogue's own words: group keywords and labels
 * name a group; an indicator's labels and aliases name it; its qualifiers ("đang xử lý", "đã duyệt") tell it
 * from its siblings. Every indicator is ranked, none is picked by a rule of its own: nothing here knows a
 * particular province or indicator, so another catalogue brings its own vocabulary.
 */

export type FigureIntent =
  | { kind: "indicators"; group?: GroupId }
  | { kind: "indicator"; id: string; span?: "month" }
  | { kind: "several"; ids: string[] }
  | { kind: "definition"; id: string };

interface IndexedIndicator {
  id: string;
  group: GroupId;
  /** Catalogue order: on a tie for a definition, the first (a group's total) is meant. */
  order: number;
  /** Content words of the labels and aliases. */
  words: ReadonlySet<string>;
  /** The short label and the aliases of two words or more: a message holding one whole names the indicator. */
  names: readonly (readonly string[])[];
  /** The label and short label as whole messages: typed (or sent by a button) alone, they name it. */
  exact: ReadonlySet<string>;
  qualifiers: readonly string[];
}

export interface FigureIndex {
  groups: readonly { id: GroupId; phrases: readonly string[] }[];
  indicators: readonly IndexedIndicator[];
  /** How much a word says about which indicator is meant: rare words say more. */
  weight: ReadonlyMap<string, number>;
  /** Every word of the catalogue's vocabulary: anything else in a question is something it does not cover. */
  catalogueWords: ReadonlySet<string>;
  /** Every indicator's qualifiers: what tells siblings apart, wherever it is written. */
  qualifiers: readonly string[];
  overview: readonly string[];
  fillers: ReadonlySet<string>;
  /** The weight of a word shared by a few indicators: less is too common to name one by itself. */
  distinctive: number;
}

/**
 * Words a figure question may carry that the catalogue does not explain ("chào", a name). More, and the
 * message is asking something else ("nộp hồ sơ bị lỗi", "thủ tục cấp giấy phép xây dựng"): it goes to
 * the editors rather than being answered with figures.
 */
const MAX_UNEXPLAINED_WORDS = 1;
/** More indicators than this equally likely: the answer is their group, not a list. */
const MAX_SEVERAL = 3;
/** A word shared by at most this many indicators can name one of them without a qualifier or whole name. */
const DISTINCTIVE_WITHIN = 5;
/** Without a whole name or a qualifier, the indicator's words must explain this share of the message. */
const MIN_COVERAGE = 0.7;
/** Scores are sums of logarithms: equal word sets must compare equal despite rounding. */
const EPSILON = 1e-9;
/** Fillers left out of names ("của" in "Tin, bài của Báo Hải Dương"); "tỉnh" stays: "đài tỉnh" is a name. */
const NAME_FILLERS = new Set(FILLER_WORDS.filter((w) => w !== "tinh"));
/** Words of a figure question left after FIGURE_NOISE is taken out ("tỷ lệ"): they ask, they do not name. */
const METRIC_WORDS = new Set(METRIC_CUES.filter((p) => !FIGURE_NOISE.includes(p)).flatMap((p) => p.split(" ")));

export function buildFigureIndex(
  catalogue: Catalogue,
  canonical: (text: string) => string[],
  fillers: ReadonlySet<string>,
): FigureIndex {
  const content = (text: string) => canonical(text).filter((w) => !fillers.has(w));
  const phrase = (text: string) => canonical(text).join(" ");
  const groups = catalogue.groups.map((g) => ({
    id: g.id,
    phrases: [...new Set([...g.keywords, g.label].map(phrase).filter((p) => p !== ""))],
  }));
  const indicators = catalogue.indicators.map((ind, order) => ({
    id: ind.id,
    group: ind.group,
    order,
    words: new Set([ind.label, ind.shortLabel, ...ind.aliases].flatMap(content)),
    names: [ind.shortLabel, ...ind.aliases]
      .map((n) => canonical(n).filter((w) => !NAME_FILLERS.has(w)))
      .filter((n) => n.length >= 2),
    exact: new Set([ind.label, ind.shortLabel].map(phrase)),
    qualifiers: [...new Set(ind.qualifiers.map(phrase).filter((p) => p !== ""))],
  }));
  const documentCount = new Map<string, number>();
  for (const ind of indicators) for (const w of ind.words) documentCount.set(w, (documentCount.get(w) ?? 0) + 1);
  const weight = new Map([...documentCount].map(([w, n]) => [w, Math.log(1 + indicators.length / n)]));
  const overview = [...new Set(catalogue.overviewPhrases.map(phrase).filter((p) => p !== ""))];
  const catalogueWords = new Set([
    ...documentCount.keys(),
    ...indicators.flatMap((i) => i.qualifiers.flatMap((q) => q.split(" "))),
    ...groups.flatMap((g) => g.phrases.flatMap((p) => p.split(" "))),
    ...overview.flatMap((p) => p.split(" ")),
  ]);
  const qualifiers = [...new Set(indicators.flatMap((i) => i.qualifiers))];
  const distinctive = Math.log(1 + indicators.length / DISTINCTIVE_WITHIN);
  return { groups, indicators, weight, catalogueWords, qualifiers, overview, fillers, distinctive };
}

interface Ranked {
  indicator: IndexedIndicator;
  /** Words of the longest qualifier the message holds that the indicator has or spells out (0: none). */
  qualifier: number;
  /** The message holds one of its names whole. */
  named: boolean;
  /** Its words the message holds, weighted by rarity. */
  score: number;
  /** The same, without the words that name a group. */
  ownScore: number;
  /** A rare word of its own, not a group's name and not merely "how many". */
  ownWord: boolean;
  /** The share of the message's content words its vocabulary, its group and the question words explain. */
  coverage: number;
}

export function matchFigures(tokens: readonly string[], index: FigureIndex): FigureIntent | undefined {
  const exact = tokens.join(" ");
  const named = index.indicators.filter((i) => i.exact.has(exact));
  if (named.length === 1 && named[0]) return { kind: "indicator", id: named[0].id };

  const defining = hasAnyPhrase(tokens, DEFINITION_CUES);
  const asksFigure = hasAnyPhrase(tokens, METRIC_CUES);
  const asksOverview = hasAnyPhrase(tokens, OVERVIEW_CUES) || hasAnyPhrase(tokens, index.overview);
  const stripped = stripPhrases(tokens, [...FIGURE_NOISE, ...DEFINITION_CUES, ...index.overview]);
  const content = stripped.filter((t) => !index.fillers.has(t));
  const unexplained = content.filter((t) => !index.catalogueWords.has(t) && !METRIC_WORDS.has(t) && !/^\d+$/.test(t));
  if (unexplained.length > MAX_UNEXPLAINED_WORDS) return undefined;

  // "A và B", "A với B": each part may name its own figure.
  const parts = splitOn(tokens, CONJUNCTIONS).filter((p) => p.length > 0);
  if (parts.length > 1 && !defining) {
    const context = new Set(namedGroups(tokens, index).keys());
    const each = parts.map((p) => rankIndicators(p, index, context)).map((r) => (r.length === 1 ? r[0] : undefined));
    const ids = [...new Set(each.flatMap((r) => (r ? [r.indicator.id] : [])))];
    if (ids.length > 1 && each.every((r) => r !== undefined)) return { kind: "several", ids };
  }

  const groups = namedGroups(stripped, index);
  const best = rankIndicators(tokens, index);
  const first = best[0];
  if (
    first &&
    best.length === 1 &&
    (first.named || first.qualifier > 0 || (first.ownWord && first.coverage >= MIN_COVERAGE))
  ) {
    if (defining) return { kind: "definition", id: first.indicator.id };
    return hasAnyPhrase(tokens, MONTH_CUES)
      ? { kind: "indicator", id: first.indicator.id, span: "month" }
      : { kind: "indicator", id: first.indicator.id };
  }
  if (defining) {
    // "X là gì" of a group, or of siblings alike: the group's first (its total) is what the name means.
    const within =
      best.length > 0 ? best : index.indicators.filter((i) => groups.has(i.group)).map((indicator) => ({ indicator }));
    const meant = [...within].sort((a, b) => a.indicator.order - b.indicator.order)[0];
    return meant ? { kind: "definition", id: meant.indicator.id } : undefined;
  }
  if (best.length > 1 && best.length <= MAX_SEVERAL && best.some((r) => r.qualifier > 0 || r.named)) {
    return { kind: "several", ids: best.map((r) => r.indicator.id) };
  }
  const group = pickGroup(groups, best);
  if (group) return { kind: "indicators", group };
  // "tỷ lệ?": every indicator it could mean is in one group.
  const onlyGroup = first?.indicator.group;
  if (onlyGroup && best.every((r) => r.indicator.group === onlyGroup) && (asksFigure || asksOverview))
    return { kind: "indicators", group: onlyGroup };
  if (asksOverview && content.length === 0) return { kind: "indicators" };
  if (asksOverview || (asksFigure && best.length > 0)) return { kind: "indicators" };
  return undefined;
}

/**
 * The indicators the message most likely means, best first, all equally likely: a qualifier it holds keeps
 * only the indicators that have it or spell it out (the longest wins: "chưa được duyệt" over "được duyệt"); a
 * group it names keeps that group's; then a whole name; then the rarity of the words they share. The words
 * of the qualifier are not counted again: "cần bổ sung" and "chờ bổ sung" say the same.
 */
function rankIndicators(
  tokens: readonly string[],
  index: FigureIndex,
  context: ReadonlySet<GroupId> = new Set(),
): Ranked[] {
  // Overview phrases are general ("chuyển đổi số") but may be part of a name ("Trang chuyển đổi số").
  const naming = stripPhrases(tokens, [...FIGURE_NOISE, ...DEFINITION_CUES]);
  const stripped = stripPhrases(naming, index.overview);
  const groups = namedGroups(stripped, index);
  const groupCovered = coveredPositions(
    stripped,
    index.groups.flatMap((g) => g.phrases),
  );
  const held = index.qualifiers.filter((q) => indexOfPhrase(stripped, q) >= 0);
  const qualifierCovered = coveredPositions(stripped, held);
  const content = stripped.filter((t) => !index.fillers.has(t));
  const said = new Set(stripped.filter((t, i) => !index.fillers.has(t) && !qualifierCovered.has(i)));
  const saidOwn = new Set(
    stripped.filter((t, i) => !index.fillers.has(t) && !qualifierCovered.has(i) && !groupCovered.has(i)),
  );
  const saidAll = new Set(naming);
  let ranked = index.indicators.map((indicator): Ranked => {
    const matched = [...indicator.words].filter((w) => said.has(w));
    const ownGroupWords = groups.get(indicator.group)?.words;
    const explained = content.filter((t) => indicator.words.has(t) || ownGroupWords?.has(t) || METRIC_WORDS.has(t));
    const has = (q: string) => indicator.qualifiers.includes(q) || q.split(" ").every((w) => indicator.words.has(w));
    return {
      indicator,
      qualifier: Math.max(0, ...held.filter(has).map((q) => q.split(" ").length)),
      named: indicator.names.some((name) => name.every((w) => saidAll.has(w))),
      score: matched.reduce((s, w) => s + (index.weight.get(w) ?? 0), 0),
      ownScore: matched.filter((w) => saidOwn.has(w)).reduce((s, w) => s + (index.weight.get(w) ?? 0), 0),
      ownWord: matched.some(
        (w) => saidOwn.has(w) && !METRIC_WORDS.has(w) && (index.weight.get(w) ?? 0) >= index.distinctive,
      ),
      coverage: content.length === 0 ? 0 : explained.length / content.length,
    };
  });
  const longest = Math.max(0, ...ranked.map((r) => r.qualifier));
  if (longest > 0) ranked = ranked.filter((r) => r.qualifier === longest);
  // A group named here or elsewhere in the message ("hồ sơ đất đai đang xử lý với đã trả kết quả") keeps its
  // own indicators, when the message says something of theirs beyond the group's name.
  const inGroups = new Set([...groups.keys(), ...context]);
  const inNamed = ranked.filter(
    (r) => inGroups.has(r.indicator.group) && (r.ownScore > 0 || r.qualifier > 0 || r.named),
  );
  if (inNamed.length > 0) ranked = inNamed;
  if (ranked.some((r) => r.named)) ranked = ranked.filter((r) => r.named);
  ranked = ranked.filter((r) => r.score > 0 || r.qualifier > 0 || r.named);
  const top = Math.max(0, ...ranked.map((r) => r.score));
  return ranked.filter((r) => top - r.score <= EPSILON);
}

function stripPhrases(tokens: readonly string[], phrases: readonly string[]): string[] {
  const covered = coveredPositions(tokens, phrases);
  return tokens.filter((_, i) => !covered.has(i));
}

function splitOn(tokens: readonly string[], separators: readonly string[]): string[][] {
  const parts: string[][] = [[]];
  for (const t of tokens) {
    if (separators.includes(t)) parts.push([]);
    else parts.at(-1)?.push(t);
  }
  return parts;
}

/** Groups whose keywords or label occur, with how many words of the message they cover. */
function namedGroups(
  tokens: readonly string[],
  index: FigureIndex,
): Map<GroupId, { covered: number; words: Set<string> }> {
  const named = new Map<GroupId, { covered: number; words: Set<string> }>();
  for (const g of index.groups) {
    const covered = coveredPositions(tokens, g.phrases);
    if (covered.size === 0) continue;
    named.set(g.id, { covered: covered.size, words: new Set([...covered].map((i) => tokens[i] ?? "")) });
  }
  return named;
}

/** The group the message names most fully; on a tie, the one holding the best-matching indicator. */
function pickGroup(named: Map<GroupId, { covered: number }>, best: readonly Ranked[]): GroupId | undefined {
  const most = Math.max(0, ...[...named.values()].map((g) => g.covered));
  const tied = [...named].filter(([, g]) => g.covered === most).map(([id]) => id);
  if (tied.length <= 1) return tied[0];
  const holding = tied.filter((id) => best.some((r) => r.indicator.group === id));
  return holding.length === 1 ? holding[0] : undefined;
}
