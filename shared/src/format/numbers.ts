import type { IndicatorValue } from "../schemas/indicators";
import { foldForMatch, normalizeText } from "../text/normalize";

/**
 * Vietnamese number conventions: "." groups thousands (45.929), "," is the decimal mark (94,5), and large
 * round figures are written with a scale word (1,2 triệu).
 *
 * Negative numbers are written with the real minus sign U+2212 ("−1.231"), never the hyphen: it has the
 * width of "+", so changes line up, and screen readers say "minus". The parser accepts both.
 */
export const MINUS = "\u2212";

/** Scale words → power of ten. Matched after folding, so "triệu", "trieu" and "TRIỆU" are the same word. */
const SCALE_EXPONENTS: Readonly<Record<string, number>> = { nghin: 3, ngan: 3, trieu: 6, ty: 9, ti: 9 };

const NUMBER_RE = /^([+\-\u2212])?\s*(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?(?:\s*(%)|\s*(\p{L}+))?$/u;

/**
 * Reads a number written the Vietnamese way: "45.929" → 45929, "3036" → 3036, "01" → 1, "94,5" → 94.5,
 * "1,2 triệu" → 1200000, "2 nghìn"/"2 ngàn" → 2000, "3 tỷ" → 3e9, "93%" → 93.
 *
 * Returns undefined for anything else (no partial reads: "1.2" is neither 1.2 nor 12, "12abc" is not 12):
 * extraction treats "no number" as "missing", which is a normal outcome, not an exception.
 */
export function parseViNumber(text: string): number | undefined {
  const m = NUMBER_RE.exec(normalizeText(text).trim());
  if (!m) return undefined;
  const [, sign, intPart = "", fraction = "", percent, word] = m;
  let exponent = 0;
  if (word !== undefined) {
    const e = SCALE_EXPONENTS[foldForMatch(word)];
    if (e === undefined) return undefined;
    exponent = e;
  }
  if (percent !== undefined && exponent !== 0) return undefined;
  // Shift the decimal point in the digit string rather than multiplying: 1,15 × 10⁶ in floating point is 1149999.99…
  const digits = intPart.replace(/\./g, "") + fraction;
  const point = digits.length - fraction.length + exponent;
  const decimal =
    point >= digits.length
      ? digits + "0".repeat(point - digits.length)
      : `${digits.slice(0, point)}.${digits.slice(point)}`;
  const value = Number(decimal);
  if (Math.abs(value) > Number.MAX_SAFE_INTEGER) return undefined;
  return sign === "-" || sign === MINUS ? -value : value;
}

export interface NumberFormatOptions {
  /** Exactly this many decimals; by default as many as needed, at most 2. */
  decimals?: number;
}

const formatters = new Map<string, Intl.NumberFormat>();

function viFormat(n: number, decimals: number | undefined, signDisplay: "negative" | "exceptZero"): string {
  if (!Number.isFinite(n)) throw new RangeError(`cannot format ${n} as a number`);
  const key = `${decimals ?? "auto"}:${signDisplay}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat("vi-VN", {
      minimumFractionDigits: decimals ?? 0,
      maximumFractionDigits: decimals ?? 2,
      signDisplay,
      useGrouping: true,
    });
    formatters.set(key, f);
  }
  return f.format(n).replace("-", MINUS);
}

/** 45929 → "45.929", 94.5 → "94,5", 3036 → "3.036" (every number of four digits or more is grouped). */
export function formatViNumber(n: number, options: NumberFormatOptions = {}): string {
  return viFormat(n, options.decimals, "negative");
}

/** 93 → "93%", 94.5 → "94,5%": no space before the sign, as the report writes it. */
export function formatViPercent(n: number, options: NumberFormatOptions = {}): string {
  return `${formatViNumber(n, options)}%`;
}

/** A change on the previous week: 90 → "+90", −1231 → "−1.231" (U+2212), 0 → "0". */
export function formatSignedChange(n: number, options: NumberFormatOptions = {}): string {
  return viFormat(n, options.decimals, "exceptZero");
}

const COMPACT_SCALES = [
  { exponent: 9, word: "tỷ" },
  { exponent: 6, word: "triệu" },
] as const;

/**
 * Round figures of a million or more with a scale word, when that loses nothing at two decimals:
 * 1200000 → "1,2 triệu", 1250000 → "1,25 triệu", 2000000000 → "2 tỷ"; 1234567 stays "1.234.567".
 */
export function formatViCompact(n: number): string {
  for (const { exponent, word } of COMPACT_SCALES) {
    const scale = 10 ** exponent;
    if (Math.abs(n) >= scale && n % 10 ** (exponent - 2) === 0) return `${formatViNumber(n / scale)} ${word}`;
  }
  return formatViNumber(n);
}

/**
 * A value as a reader should see it, keeping its qualifier. A lower bound ("more_than") is a round figure
 * the report wrote in words, and is written back the same way: "trên 1,2 triệu". Exact counts keep every
 * digit ("83.974"), even when they are large, because rounding them would change what they say.
 */
export function formatQualified(
  value: number,
  qualifier: IndicatorValue["qualifier"],
  options: { unit?: "percent" | "count" } = {},
): string {
  const number =
    options.unit === "percent"
      ? formatViPercent(value)
      : qualifier === "more_than"
        ? formatViCompact(value)
        : formatViNumber(value);
  return qualifier === "more_than" ? `trên ${number}` : number;
}
