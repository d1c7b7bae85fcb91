import { foldForMatch } from "@cds/shared/text/normalize";
import { withinOneEdit } from "./edit-distance";
import { PHRASE_REWRITES, WORD_REWRITES } from "./intent-rules";

/**
 * Turns what a follower typed into canonical words: folded, shorthand expanded, and slips repaired
 * against the words the matcher knows. Repairs only ever produce known words, so an unknown word stays
 * as typed and cannot turn gibberish into a command.
 */

/** The words the matcher knows, and what it derives from them for repairs. */
export interface Lexicon {
  readonly words: ReadonlySet<string>;
  /** What run-together text may be split into: the known words and the shorthand keys ("huydk"). */
  readonly pieces: ReadonlySet<string>;
  /** Targets for one-edit repairs. */
  readonly repairTargets: readonly string[];
}

/** Typed words shorter than this are never repaired: one edit on a short Vietnamese syllable is another word. */
const MIN_REPAIR_LENGTH = 5;
/** Words shorter than this are never split: "hoan" is a word ("hoàn"), not "ho an". */
const MIN_SPLIT_LENGTH = 5;

export function buildLexicon(words: Iterable<string>): Lexicon {
  const known = new Set<string>();
  for (const w of words) for (const part of w.split(" ")) if (part !== "") known.add(part);
  const pieces = new Set([...known, ...Object.keys(WORD_REWRITES)].filter((w) => w.length >= 2));
  return {
    words: known,
    pieces,
    repairTargets: [...known].filter((w) => w.length >= MIN_REPAIR_LENGTH - 1 && !/^\d+$/.test(w)),
  };
}

/** Catalogue and table text in canonical form: folded and rewritten, without repairs (it has no slips). */
export function canonicalPhrase(text: string): string[] {
  return rewritePhrases(
    foldForMatch(text)
      .split(" ")
      .filter((t) => t !== "")
      .flatMap(rewriteWord),
  );
}

/** A message in canonical words. */
export function canonicalTokens(text: string, lexicon: Lexicon): string[] {
  // "chaooo", "helloooo": a letter held down is one letter, unless the word is known as typed ("attt").
  const tokens = foldForMatch(text)
    .split(" ")
    .filter((t) => t !== "")
    .map((t) => (lexicon.words.has(t) ? t : t.replace(/(\p{L})\1{2,}/gu, "$1")));
  return rewritePhrases(tokens.flatMap((t) => canonicalWord(t, lexicon)));
}

function rewriteWord(word: string): string[] {
  return (WORD_REWRITES[word] ?? word).split(" ");
}

function rewritePhrases(tokens: string[]): string[] {
  let text = ` ${tokens.join(" ")} `;
  for (const [from, to] of PHRASE_REWRITES) text = text.replaceAll(` ${from} `, ` ${to} `);
  return text.split(" ").filter((t) => t !== "");
}

function canonicalWord(word: string, lexicon: Lexicon): string[] {
  if (WORD_REWRITES[word] !== undefined || lexicon.words.has(word) || /^\d+$/.test(word)) return rewriteWord(word);
  const telex = fromTelex(word);
  if (telex !== word && (lexicon.words.has(telex) || WORD_REWRITES[telex] !== undefined)) return rewriteWord(telex);
  const split = splitRunTogether(word, lexicon);
  if (split) return split.flatMap(rewriteWord);
  if (word.length >= MIN_REPAIR_LENGTH) {
    const near = lexicon.repairTargets.filter((w) => withinOneEdit(word, w));
    // Two candidates means the slip is ambiguous: guessing would put words in the follower's mouth.
    if (near.length === 1 && near[0] !== undefined) return [near[0]];
  }
  return [word];
}

/**
 * Undoes Telex keystrokes the keyboard did not convert: "chir" → "chi", "ddawng" → "dang", "kys" → "ky".
 * Tone keys (s f r x j) come last in a Telex word; doubled or w-marked vowels stand for one letter.
 */
function fromTelex(word: string): string {
  const base = word
    .replace(/dd/g, "d")
    .replace(/aa|aw/g, "a")
    .replace(/ee/g, "e")
    .replace(/oo|ow/g, "o")
    .replace(/uw/g, "u");
  return base.length > 1 && /[sfrxj]$/.test(base) ? base.slice(0, -1) : base;
}

/** "chiso" → ["chi", "so"], "huydangky" → ["huy", "dang", "ky"]: the fewest known pieces, or undefined. */
function splitRunTogether(word: string, lexicon: Lexicon): string[] | undefined {
  if (word.length < MIN_SPLIT_LENGTH) return undefined;
  const n = word.length;
  // fewest[i]: fewest pieces covering word[i..]; next[i]: where the first of them ends.
  const fewest = new Array<number>(n + 1).fill(Infinity);
  const next = new Array<number>(n + 1).fill(-1);
  fewest[n] = 0;
  for (let i = n - 1; i >= 0; i--) {
    for (let j = n; j >= i + 2; j--) {
      const rest = fewest[j] ?? Infinity;
      if (rest + 1 < (fewest[i] ?? Infinity) && lexicon.pieces.has(word.slice(i, j))) {
        fewest[i] = rest + 1;
        next[i] = j;
      }
    }
  }
  if (!Number.isFinite(fewest[0]) || (fewest[0] ?? 0) < 2) return undefined;
  const pieces: string[] = [];
  for (let i = 0; i < n; i = next[i] ?? n) pieces.push(word.slice(i, next[i]));
  return pieces;
}
