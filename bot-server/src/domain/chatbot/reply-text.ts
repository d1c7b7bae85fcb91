import { normalizeText } from "@cds/shared/text/normalize";

/**
 * The limits of a chat reply. Lengths are counted in UTF-16 units after NFC: never fewer than the
 * characters Zalo counts, so a reply that fits here fits there.
 */
export const MAX_TEXT_LENGTH = 2000;
export const MAX_BUTTONS = 5;
export const MAX_BUTTON_TITLE_LENGTH = 40;

/** Cuts `text` to at most `max` units, at a word boundary when one is near, marking the cut with "…". */
export function clipText(text: string, max: number): string {
  const nfc = normalizeText(text).trim();
  if (nfc.length <= max) return nfc;
  const cut = nfc.slice(0, max - 1).replace(/[\uD800-\uDBFF]$/, "");
  const space = cut.lastIndexOf(" ");
  const base = space >= max * 0.6 ? cut.slice(0, space) : cut;
  return `${base.replace(/[\s,.;:–-]+$/u, "")}…`;
}

/**
 * Joins a reply's lines, dropping whole lines from the end of `body` until it fits and then saying so
 * with `more` (which points to the mini app). `head` and `foot` (the period, the sample-data notice)
 * are kept, since a list without its period or its caveat would say something false; only if they alone
 * exceed the limit is the text cut short.
 */
export function fitLines(
  head: readonly string[],
  body: readonly string[],
  foot: readonly string[],
  more: string,
): string {
  const render = (lines: readonly string[]) => normalizeText(lines.join("\n"));
  const full = render([...head, ...body, ...foot]);
  if (full.length <= MAX_TEXT_LENGTH) return full;
  for (let n = body.length - 1; n >= 0; n--) {
    const text = render([...head, ...body.slice(0, n), more, ...foot]);
    if (text.length <= MAX_TEXT_LENGTH) return text;
  }
  return clipText(render([...head, more, ...foot]), MAX_TEXT_LENGTH);
}
