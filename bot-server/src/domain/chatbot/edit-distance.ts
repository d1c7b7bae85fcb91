/**
 * True when `a` becomes `b` with at most one insertion, deletion, substitution or swap of two
 * neighbouring letters. The swap counts as one edit because it is the commonest slip on a phone keyboard
 * ("smrat" for "smart"); a full distance table would answer a question nobody asks here.
 */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  let i = 0;
  while (i < short.length && short[i] === long[i]) i++;
  if (short.length === long.length) {
    if (short.slice(i + 1) === long.slice(i + 1)) return true;
    return short[i] === long[i + 1] && short[i + 1] === long[i] && short.slice(i + 2) === long.slice(i + 2);
  }
  return short.slice(i) === long.slice(i + 1);
}
