import { DEFAULT_PLATFORM_LIMITS, isWithinNightWindow, startOfLocalDay } from "@cds/shared";

const { timeZone, nightStartHour, nightEndHour } = DEFAULT_PLATFORM_LIMITS;

/**
 * How far a test moves the delivery engine's clock (and the simulator's) so that it is daytime in Vietnam:
 * nothing is sent at night, and a test that watches a send complete must not depend on the hour CI runs.
 * Zero by day; at night, to the next morning two hours after the night ends.
 */
export function daytimeOffsetMs(nowMs = Date.now()): number {
  if (!isWithinNightWindow(nowMs, timeZone, nightStartHour, nightEndHour)) return 0;
  const today = startOfLocalDay(nowMs, timeZone);
  const morning = today + (nightEndHour + 2) * 3600_000;
  return (
    (morning > nowMs ? morning : startOfLocalDay(today + 36 * 3600_000, timeZone) + (nightEndHour + 2) * 3600_000) -
    nowMs
  );
}
