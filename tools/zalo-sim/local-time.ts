import { localParts } from "@cds/shared";

/** Offset of local time from UTC at an instant, in ms (minute precision is all time zones need). */
function offsetAt(at: number, timeZone: string): number {
  const p = localParts(at, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - Math.floor(at / 60_000) * 60_000;
}

/** Epoch ms of local midnight starting the given calendar day (day may overflow: Date.UTC normalises it). */
export function localMidnight(year: number, month: number, day: number, timeZone: string): number {
  const guess = Date.UTC(year, month - 1, day);
  const first = guess - offsetAt(guess, timeZone);
  // Second pass settles days whose offset differs from the guess's (DST zones).
  return guess - offsetAt(first, timeZone);
}

export function startOfLocalDay(at: number, timeZone: string): number {
  const p = localParts(at, timeZone);
  return localMidnight(p.year, p.month, p.day, timeZone);
}

/** yyyymm and yyyymmdd of the local calendar: the keys of the broadcast caps. */
export function monthAndDayKeys(at: number, timeZone: string): { month: number; day: number } {
  const p = localParts(at, timeZone);
  return { month: p.year * 100 + p.month, day: (p.year * 100 + p.month) * 100 + p.day };
}

/** "DD/MM/YYYY", the format of `user_last_interaction_date`. */
export function localDateDmy(at: number, timeZone: string): string {
  const p = localParts(at, timeZone);
  return `${String(p.day).padStart(2, "0")}/${String(p.month).padStart(2, "0")}/${p.year}`;
}
