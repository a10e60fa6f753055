import { DateTime } from "luxon";
import {
  type LocalDate,
  type LocalTime,
  minuteOfDay,
  requireInstant,
  requireLocalDate,
  requireZone,
} from "./validate";
import { addDays, localDateOf, zonedInstant } from "./zoned";

/**
 * Weekly recurring shift (volunteer hotline shift, peer working hours).
 * weekday 1=Mon..7=Sun (luxon numbering). `end <= start` means the shift ends
 * on the next local day; `end === start` is therefore a full 24h shift.
 */
export interface WeeklyShift {
  weekday: 1 | 2 | 3 | 4 | 5 | 6 | 7;
  start: LocalTime;
  end: LocalTime;
}

/** How far ahead nextShiftStart looks, in local dates after today. */
export const SHIFT_SEARCH_DAYS = 14;

interface Occurrence {
  from: number; // epoch ms, inclusive
  to: number; // epoch ms, exclusive
}

function validateShifts(shifts: WeeklyShift[]): void {
  for (const s of shifts) {
    if (!Number.isInteger(s.weekday) || s.weekday < 1 || s.weekday > 7) {
      throw new RangeError(`shift weekday must be 1..7 (Mon..Sun): ${s.weekday}`);
    }
    minuteOfDay(s.start); // throws on bad "HH:mm"
    minuteOfDay(s.end);
  }
}

/**
 * Concrete shift intervals that START on local dates [fromDate, fromDate+days).
 * Both ends are resolved through zonedInstant, so a shift keeps its wall-clock
 * hours across DST (a 00:00–08:00 shift lasts 9 real hours on fall-back night)
 * and a shift starting on an off date is dropped entirely, even the part after
 * midnight.
 */
function occurrences(
  zone: string,
  shifts: WeeklyShift[],
  fromDate: LocalDate,
  days: number,
  offDates: ReadonlySet<string>,
): Occurrence[] {
  const out: Occurrence[] = [];
  for (let i = 0; i < days; i++) {
    const date = addDays(fromDate, i);
    if (offDates.has(date)) continue;
    const { year, month, day } = requireLocalDate(date);
    const weekday = DateTime.fromObject({ year, month, day }, { zone: "utc" }).weekday;
    for (const s of shifts) {
      if (s.weekday !== weekday) continue;
      const crossesMidnight = minuteOfDay(s.end) <= minuteOfDay(s.start);
      const from = zonedInstant(date, s.start, zone).getTime();
      const to = zonedInstant(crossesMidnight ? addDays(date, 1) : date, s.end, zone).getTime();
      // A shift lying entirely inside a spring-forward gap never happens.
      if (to > from) out.push({ from, to });
    }
  }
  return out;
}

function prepare(instant: Date, zone: string, shifts: WeeklyShift[], offDates: LocalDate[]) {
  requireZone(zone);
  const ms = requireInstant(instant);
  validateShifts(shifts);
  for (const d of offDates) requireLocalDate(d);
  return { ms, today: localDateOf(instant, zone), off: new Set(offDates) };
}

export function isOnShift(
  instant: Date,
  zone: string,
  shifts: WeeklyShift[],
  offDates: LocalDate[] = [],
): boolean {
  const { ms, today, off } = prepare(instant, zone, shifts, offDates);
  // A shift is at most 24 wall-clock hours, so only shifts starting yesterday
  // (crossing midnight) or today can contain `instant`.
  return occurrences(zone, shifts, addDays(today, -1), 2, off).some((o) => o.from <= ms && ms < o.to);
}

/**
 * Next instant >= `instant` at which a shift starts, or `instant` itself when
 * already on shift. Looks at shifts starting today through today +
 * SHIFT_SEARCH_DAYS (local dates); null when none (e.g. two weeks of PTO).
 */
export function nextShiftStart(
  instant: Date,
  zone: string,
  shifts: WeeklyShift[],
  offDates: LocalDate[] = [],
): Date | null {
  const { ms, today, off } = prepare(instant, zone, shifts, offDates);
  if (occurrences(zone, shifts, addDays(today, -1), 2, off).some((o) => o.from <= ms && ms < o.to)) {
    return new Date(ms);
  }
  let best: number | null = null;
  for (const o of occurrences(zone, shifts, today, SHIFT_SEARCH_DAYS + 1, off)) {
    if (o.from >= ms && (best === null || o.from < best)) best = o.from;
  }
  return best === null ? null : new Date(best);
}
