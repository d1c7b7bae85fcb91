import type { Catalogue, GroupId } from "@cds/shared";
import { FIGURE_NOISE, FILLER_WORDS, METRIC_CUES } from "./intent-rules";
import { coveredPositions, hasAnyPhrase, withoutPhrases } from "./phrases";

/**
 * Questions about the week's figures, matched against the catalogue's own words: group keywords and
 * labels name a group, indicator labels and short labels name an indicator. Nothing here knows a
 * particular province or indicator, so another catalogue brings its own vocabulary.
 */

export type FigureIntent = { kind: "indicators"; group?: GroupId } | { kind: "indicator"; id: string };

interface IndexedIndicator {
  id: string;
  group: GroupId;
  /** Content words of the label and short label. */
  words: ReadonlySet<string>;
  /**
   * Words of the label, and of the short label, without fillers but with the province's name ("Báo Hải
   * Dương"): a message holding either set names the indicator outright. One word is too common to be a
   * name ("báo" is also "thông báo").
   */
  names: readonly (readonly string[])[];
}

export interface FigureIndex {
  groups: readonly { id: GroupId; phrases: readonly string[] }[];
  indicators: readonly IndexedIndicator[];
  /** How much a word says about which indicator is meant: rare words say more. */
  weight: ReadonlyMap<string, number>;
  /** Every word of the catalogue's names: anything else in a question is something it does not cover. */
  catalogueWords: ReadonlySet<string>;
  fillers: ReadonlySet<string>;
}

/**
 * Words a figure question may carry that the catalogue does not explain ("chào", a name). More, and the
 * message is asking something else ("nộp hồ sơ bị lỗi", "thủ tục cấp giấy phép xây dựng"): it goes to
 * the editors rather than being answered with figures.
 */
const MAX_UNEXPLAINED_WORDS = 1;
/** Scores are sums of logarithms: equal word sets must compare equal despite rounding. */
const EPSILON = 1e-9;
const GENERIC_FILLERS = new Set(FILLER_WORDS);
/** Words of a figure question left after FIGURE_NOISE is taken out ("tỷ lệ"): they ask, they do not name. */
const METRIC_WORDS = new Set(METRIC_CUES.filter((p) => !FIGURE_NOISE.includes(p)).flatMap((p) => p.split(" ")));

export function buildFigureIndex(catalogue: Catalogue, canonical: (text: string) => string[], fillers: ReadonlySet<string>): FigureIndex {
  const content = (text: string) => canonical(text).filter((w) => !fillers.has(w));
  const groups = catalogue.groups.map((g) => ({
    id: g.id,
    phrases: [...new Set([...g.keywords, g.label].map((k) => canonical(k).join(" ")).filter((p) => p !== ""))],
  }));
  const indicators = catalogue.indicators.map((ind) => ({
    id: ind.id,
    group: ind.group,
    words: new Set([...content(ind.label), ...content(ind.shortLabel)]),
    names: [ind.label, ind.shortLabel].map((n) => canonical(n).filter((w) => !GENERIC_FILLERS.has(w))).filter((n) => n.length >= 2),
  }));
  const documentCount = new Map<string, number>();
  for (const ind of indicators) for (const w of ind.words) documentCount.set(w, (documentCount.get(w) ?? 0) + 1);
  const weight = new Map([...documentCount].map(([w, n]) => [w, Math.log(1 + indicators.length / n)]));
  const catalogueWords = new Set([...documentCount.keys(), ...groups.flatMap((g) => g.phrases.flatMap((p) => p.split(" ")))]);
  return { groups, indicators, weight, catalogueWords, fillers };
}

interface Scored {
  indicator: IndexedIndicator;
  matched: string[];
  score: number;
}

export function matchFigures(tokens: readonly string[], index: FigureIndex): FigureIntent | undefined {
  const asksFigure = hasAnyPhrase(tokens, METRIC_CUES);
  const stripped = withoutPhrases(tokens, FIGURE_NOISE);
  const content = stripped.filter((t) => !index.fillers.has(t));
  const unexplained = content.filter((t) => !index.catalogueWords.has(t) && !METRIC_WORDS.has(t) && !/^\d+$/.test(t));
  if (unexplained.length > MAX_UNEXPLAINED_WORDS) return undefined;

  const said = new Set(content);
  const saidWithFillers = new Set(stripped);
  const scored = index.indicators
    .map((indicator): Scored => {
      const matched = [...indicator.words].filter((w) => said.has(w)).sort();
      return { indicator, matched, score: matched.reduce((s, w) => s + (index.weight.get(w) ?? 0), 0) };
    })
    .sort((a, b) => b.score - a.score);
  const groupWords = namedGroups(stripped, index);

  const [best] = scored;
  const top = best && best.score > 0 ? scored.filter((s) => best.score - s.score <= EPSILON) : [];
  // A message that holds an indicator's whole label or short label names it, whatever else it shares.
  const namedOutright = top.filter((s) => s.indicator.names.some((name) => name.every((w) => saidWithFillers.has(w))));
  if (namedOutright.length === 1 && namedOutright[0]) return { kind: "indicator", id: namedOutright[0].indicator.id };
  if (asksFigure && best && top.length === 1) {
    // Naming the group ("dịch vụ công") or asking "how many" is not naming an indicator: some word of
    // the indicator's own must be there too ("nộp" in "tỷ lệ nộp hồ sơ trực tuyến").
    const ownGroupWords = groupWords.get(best.indicator.group)?.words;
    if (best.matched.some((w) => !ownGroupWords?.has(w) && !METRIC_WORDS.has(w))) return { kind: "indicator", id: best.indicator.id };
  }

  const group = pickGroup(groupWords, scored);
  if (group) return { kind: "indicators", group };
  if (!asksFigure) return undefined;
  // "tỷ lệ?": every indicator it could mean is in one group.
  const onlyGroup = top[0]?.indicator.group;
  if (onlyGroup && top.every((s) => s.indicator.group === onlyGroup)) return { kind: "indicators", group: onlyGroup };
  return { kind: "indicators" };
}

/** Groups whose keywords or label occur, with how many words of the message they cover. */
function namedGroups(tokens: readonly string[], index: FigureIndex): Map<GroupId, { covered: number; words: Set<string> }> {
  const named = new Map<GroupId, { covered: number; words: Set<string> }>();
  for (const g of index.groups) {
    const covered = coveredPositions(tokens, g.phrases);
    if (covered.size === 0) continue;
    named.set(g.id, { covered: covered.size, words: new Set([...covered].map((i) => tokens[i] ?? "")) });
  }
  return named;
}

/** The group the message names most fully; on a tie, the one holding the best-matching indicator. */
function pickGroup(named: Map<GroupId, { covered: number }>, scored: readonly Scored[]): GroupId | undefined {
  const most = Math.max(0, ...[...named.values()].map((g) => g.covered));
  const tied = [...named].filter(([, g]) => g.covered === most).map(([id]) => id);
  if (tied.length <= 1) return tied[0];
  const bestIn = (group: GroupId) => Math.max(0, ...scored.filter((s) => s.indicator.group === group).map((s) => s.score));
  const ranked = tied.map((id) => ({ id, score: bestIn(id) })).sort((a, b) => b.score - a.score);
  const [first, runnerUp] = ranked;
  return first && runnerUp && first.score - runnerUp.score > EPSILON ? first.id : undefined;
}
