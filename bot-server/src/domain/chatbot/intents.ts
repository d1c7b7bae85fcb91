import type { Catalogue, GroupId } from "@cds/shared";
import { buildFigureIndex, matchFigures, type FigureIndex } from "./figure-match";
import {
  CONJUNCTIONS,
  DEFINITION_CUES,
  FIGURE_NOISE,
  FILLER_WORDS,
  METRIC_CUES,
  MONTH_CUES,
  OVERVIEW_CUES,
  PERSONAL_CUES,
  PHRASE_REWRITES,
  RULES_AFTER_FIGURES,
  RULES_BEFORE_FIGURES,
  WORD_REWRITES,
  WORDS_TAKEN_AS_TYPED,
  type PhraseRule,
} from "./intent-rules";
import { buildLexicon, canonicalPhrase, canonicalTokens, type Lexicon } from "./message-tokens";
import { hasAnyPhrase, hasPhrase, withoutPhrases } from "./phrases";

/** What a follower's message asks for. */
export type Intent =
  /** The week's overview, or one group's figures. */
  | { kind: "indicators"; group?: GroupId }
  /** `span: "month"`: asked about the month, while the figures are weekly. */
  | { kind: "indicator"; id: string; span?: "month" }
  /** Several figures close in meaning, or named together: each is answered. */
  | { kind: "several"; ids: string[] }
  /** "What does X mean": the definition first, then the figure. */
  | { kind: "definition"; id: string }
  | { kind: "news" }
  | { kind: "subscribe" }
  | { kind: "unsubscribe" }
  | { kind: "help" }
  | { kind: "how_to_file" }
  | { kind: "greeting" }
  | { kind: "unknown" };

interface MatcherIndex {
  lexicon: Lexicon;
  fillers: ReadonlySet<string>;
  figures: FigureIndex;
}

// One index per catalogue object: the catalogue is loaded once, messages arrive by the million.
const indexes = new WeakMap<Catalogue, MatcherIndex>();

function indexFor(catalogue: Catalogue): MatcherIndex {
  let index = indexes.get(catalogue);
  if (!index) {
    // The province's name is said in passing ("chỉ số của Hải Dương") and names no indicator.
    const fillers = new Set([
      ...FILLER_WORDS,
      ...canonicalPhrase(catalogue.province.name),
      ...canonicalPhrase(catalogue.province.shortName),
    ]);
    const ruleWords = [...RULES_BEFORE_FIGURES, ...RULES_AFTER_FIGURES].flatMap((r) =>
      "only" in r ? r.only : [...r.all.flat(), ...(r.none ?? [])],
    );
    const catalogueText = [
      catalogue.province.name,
      catalogue.province.oaName,
      catalogue.province.department,
      ...catalogue.groups.flatMap((g) => [g.label, ...g.keywords]),
      ...catalogue.overviewPhrases,
      ...catalogue.indicators.flatMap((i) => [i.label, i.shortLabel, ...i.aliases, ...i.qualifiers]),
    ];
    const lexicon = buildLexicon([
      ...fillers,
      ...ruleWords,
      ...METRIC_CUES,
      ...FIGURE_NOISE,
      ...OVERVIEW_CUES,
      ...DEFINITION_CUES,
      ...CONJUNCTIONS,
      ...MONTH_CUES,
      ...PERSONAL_CUES,
      ...WORDS_TAKEN_AS_TYPED,
      ...Object.values(WORD_REWRITES),
      ...PHRASE_REWRITES.flat(),
      ...catalogueText.flatMap(canonicalPhrase),
    ]);
    index = { lexicon, fillers, figures: buildFigureIndex(catalogue, canonicalPhrase, fillers) };
    indexes.set(catalogue, index);
  }
  return index;
}

function ruleHolds(rule: PhraseRule, tokens: readonly string[], fillers: ReadonlySet<string>): boolean {
  if ("only" in rule) {
    return hasAnyPhrase(tokens, rule.only) && withoutPhrases(tokens, rule.only).every((t) => fillers.has(t));
  }
  return (
    rule.all.every((alternatives) => hasAnyPhrase(tokens, alternatives)) &&
    !(rule.none ?? []).some((p) => hasPhrase(tokens, p))
  );
}

/**
 * Reads a follower's message, in Vietnamese with or without diacritics, in any case, with emoji, Telex
 * leftovers, run-together words and one-letter slips. Phrase rules decide the conversational intents,
 * in priority order; the catalogue decides which figures are asked for; anything else is "unknown" and
 * goes to the editors.
 */
export function matchIntent(text: string, catalogue: Catalogue): Intent {
  const index = indexFor(catalogue);
  const tokens = canonicalTokens(text, index.lexicon);
  // Nothing readable (a sticker's text, "👍", "???"): offer the menu rather than bother the editors.
  if (tokens.length === 0) return { kind: "help" };
  for (const rule of RULES_BEFORE_FIGURES) if (ruleHolds(rule, tokens, index.fillers)) return { kind: rule.kind };
  // A follower's own case is for the editors, unless the figures are plainly asked for.
  const ownCase = hasAnyPhrase(tokens, PERSONAL_CUES) && !hasAnyPhrase(tokens, OVERVIEW_CUES);
  const figures = ownCase ? undefined : matchFigures(tokens, index.figures);
  if (figures) return figures;
  for (const rule of RULES_AFTER_FIGURES) if (ruleHolds(rule, tokens, index.fillers)) return { kind: rule.kind };
  return { kind: "unknown" };
}
