import { addDays, localDateOf, zonedInstant, type LocalDate } from "../time";
import { dayNumber } from "../time/bounds";

/** One calendar week (Monday 00:00 to the next Monday 00:00) in the supervisors' zone. */
export interface Week {
  /** The Monday, "yyyy-MM-dd". */
  start: LocalDate;
  from: Date;
  to: Date;
}

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekday(date: LocalDate): number {
  return ((((dayNumber(date) + 3) % 7) + 7) % 7) + 1;
}

/**
 * The `count` most recent weeks up to and including the one `now` falls in, oldest first.
 * Bounds are local midnights resolved in `zone`, so a DST week is 167 or 169 hours long
 * and a Monday 00:30 note still counts in its own week.
 */
export function recentWeeks(now: Date, zone: string, count: number): Week[] {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`count must be a positive integer: ${count}`);
  const today = localDateOf(now, zone);
  const thisMonday = addDays(today, 1 - isoWeekday(today));
  const weeks: Week[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const start = addDays(thisMonday, -7 * i);
    weeks.push({ start, from: zonedInstant(start, "00:00", zone), to: zonedInstant(addDays(start, 7), "00:00", zone) });
  }
  return weeks;
}

/** Index of the week holding `at`, or -1 when outside them all. */
export function weekIndexOf(weeks: readonly Week[], at: Date): number {
  const t = at.getTime();
  return weeks.findIndex((w) => t >= w.from.getTime() && t < w.to.getTime());
}
