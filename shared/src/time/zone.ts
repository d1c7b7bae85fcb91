/** Calendar fields of an instant in a time zone (the platform's rules are local to Asia/Ho_Chi_Minh). */
export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function localParts(at: Date | number, timeZone: string): LocalParts {
  const parts = formatterFor(timeZone).formatToParts(typeof at === "number" ? new Date(at) : at);
  const get = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value);
  return { year: get("year"), month: get("month"), day: get("day"), hour: get("hour"), minute: get("minute") };
}

/** "YYYY-MM-DD" of the local day. */
export function localDayKey(at: Date | number, timeZone: string): string {
  const p = localParts(at, timeZone);
  return `${p.year}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
}

/** "YYYY-MM" of the local month. */
export function localMonthKey(at: Date | number, timeZone: string): string {
  return localDayKey(at, timeZone).slice(0, 7);
}

/** True inside a window that may wrap midnight, e.g. 22:00–06:00. */
export function isWithinNightWindow(at: Date | number, timeZone: string, startHour: number, endHour: number): boolean {
  const { hour } = localParts(at, timeZone);
  return startHour > endHour ? hour >= startHour || hour < endHour : hour >= startHour && hour < endHour;
}

/** The instant (epoch ms) the local day containing `at` begins. */
export function startOfLocalDay(at: number, timeZone: string): number {
  const p = localParts(at, timeZone);
  const offset = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - Math.floor(at / 60_000) * 60_000;
  return Date.UTC(p.year, p.month - 1, p.day) - offset;
}
