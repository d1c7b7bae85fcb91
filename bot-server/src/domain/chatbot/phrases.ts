/** Phrase lookup over canonical tokens: a phrase matches whole words, contiguous, in order. */

const split = new Map<string, readonly string[]>();

function words(phrase: string): readonly string[] {
  let w = split.get(phrase);
  if (!w) {
    w = phrase.split(" ").filter((x) => x !== "");
    split.set(phrase, w);
  }
  return w;
}

/** Position of the first occurrence of `phrase` at or after `from`, or -1. */
export function indexOfPhrase(tokens: readonly string[], phrase: string, from = 0): number {
  const w = words(phrase);
  if (w.length === 0) return -1;
  for (let i = from; i + w.length <= tokens.length; i++) {
    if (w.every((word, k) => tokens[i + k] === word)) return i;
  }
  return -1;
}

export function hasPhrase(tokens: readonly string[], phrase: string): boolean {
  return indexOfPhrase(tokens, phrase) >= 0;
}

export function hasAnyPhrase(tokens: readonly string[], phrases: readonly string[]): boolean {
  return phrases.some((p) => hasPhrase(tokens, p));
}

/** Every position covered by an occurrence of one of `phrases`. */
export function coveredPositions(tokens: readonly string[], phrases: readonly string[]): Set<number> {
  const covered = new Set<number>();
  for (const phrase of phrases) {
    const length = words(phrase).length;
    for (let i = indexOfPhrase(tokens, phrase); i >= 0; i = indexOfPhrase(tokens, phrase, i + 1)) {
      for (let k = 0; k < length; k++) covered.add(i + k);
    }
  }
  return covered;
}

/** The tokens with every occurrence of `phrases` taken out. */
export function withoutPhrases(tokens: readonly string[], phrases: readonly string[]): string[] {
  const covered = coveredPositions(tokens, phrases);
  return tokens.filter((_, i) => !covered.has(i));
}
