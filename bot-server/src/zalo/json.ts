/**
 * JSON.parse that keeps integer literals of 16+ digits as strings. Zalo's ids exceed 2^53 and are
 * documented as strings, but one unquoted id parsed as a number would silently become another user.
 */
export function parseJsonKeepingBigIntegers(text: string): unknown {
  let out = "";
  let last = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
      continue;
    }
    if (c === 34) {
      inString = true;
      continue;
    }
    const startsNumber = (c >= 48 && c <= 57) || (c === 45 && i + 1 < text.length);
    if (!startsNumber) continue;
    let j = c === 45 ? i + 1 : i;
    while (j < text.length && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
    const digits = j - (c === 45 ? i + 1 : i);
    const next = text[j];
    const isInteger = next !== "." && next !== "e" && next !== "E";
    if (digits >= 16 && isInteger) {
      out += `${text.slice(last, i)}"${text.slice(i, j)}"`;
      last = j;
    }
    i = j - 1;
  }
  return JSON.parse(last === 0 ? text : out + text.slice(last));
}
