import {
  addDays,
  isOnShift,
  localDateOf,
  nextShiftStart,
  SHIFT_SEARCH_DAYS,
  zonedInstant,
  type LocalDate,
  type WeeklyShift,
} from "../time";

/**
 * When may a peer be pinged? Working hours in the peer's own zone, minus off dates (PTO,
 * holidays), minus an ad-hoc /away. Pure: callers pass the instant in.
 */
export interface PeerSchedule {
  timeZone: string;
  workingHours: WeeklyShift[];
  offDates: LocalDate[];
  awayUntil: Date | null;
  awayIndefinitely: boolean;
  awaySince?: Date | null;
}

/**
 * Decided: a peer with no working hours configured (the default `[]`) has no boundary to
 * hold, so they count as on shift all day, every day; off dates and /away still apply.
 * Otherwise a new peer would silently never be pinged at all, and existing deployments
 * would stop delivering the day this shipped. The supervisor summary names such peers.
 */
export const ALL_DAY: readonly WeeklyShift[] = ([1, 2, 3, 4, 5, 6, 7] as const).map((weekday) => ({
  weekday,
  start: "00:00",
  end: "00:00",
}));

export function effectiveShifts(p: Pick<PeerSchedule, "workingHours">): WeeklyShift[] {
  return p.workingHours.length ? p.workingHours : [...ALL_DAY];
}

export function hasWorkingHours(p: Pick<PeerSchedule, "workingHours">): boolean {
  return p.workingHours.length > 0;
}

export function isAway(p: PeerSchedule, at: Date): boolean {
  if (p.awayIndefinitely) return true;
  return p.awayUntil !== null && at.getTime() < p.awayUntil.getTime();
}

export function isOffDate(p: PeerSchedule, at: Date): boolean {
  return p.offDates.includes(localDateOf(at, p.timeZone));
}

/** Why a peer cannot be pinged now; null when they can. */
export type Unavailability = "away" | "off_date" | "off_shift";

export function unavailability(p: PeerSchedule, at: Date): Unavailability | null {
  if (isAway(p, at)) return "away";
  if (isOnShift(at, p.timeZone, effectiveShifts(p), p.offDates)) return null;
  return isOffDate(p, at) ? "off_date" : "off_shift";
}

export function isAvailable(p: PeerSchedule, at: Date): boolean {
  return unavailability(p, at) === null;
}

/** nextShiftStart looks 15 local days ahead; long PTO needs a few more windows. */
const SEARCH_WINDOWS = 26; // ~a year

/**
 * The first instant >= `at` when the peer can be pinged: `at` itself when available now,
 * else the next shift start after any /away ends (DST-correct: shift starts are local
 * wall times resolved by luxon, a start inside a spring-forward gap moves to the first
 * valid minute). Null when there is none: away until further notice, or no shift within
 * about a year.
 */
export function nextAvailableAt(p: PeerSchedule, at: Date): Date | null {
  if (p.awayIndefinitely) return null;
  let from = p.awayUntil && p.awayUntil.getTime() > at.getTime() ? p.awayUntil : at;
  const shifts = effectiveShifts(p);
  for (let i = 0; i < SEARCH_WINDOWS; i++) {
    const start = nextShiftStart(from, p.timeZone, shifts, p.offDates);
    if (start) return start;
    from = zonedInstant(addDays(localDateOf(from, p.timeZone), SHIFT_SEARCH_DAYS + 1), "00:00", p.timeZone);
  }
  return null;
}

/**
 * The start of the peer's next shift after the current one: what "snooze until my next
 * shift" means for a peer who is on shift now. Off shift, it is simply nextAvailableAt.
 */
export function nextShiftAfterCurrent(p: PeerSchedule, at: Date): Date | null {
  if (!isAvailable(p, at)) return nextAvailableAt(p, at);
  // The current stretch ends within a day (26 h covers a fall-back night): probe forward
  // in 5-minute steps for the first moment off, then take the next start after it.
  const step = 5 * 60_000;
  for (let t = at.getTime() + step; t <= at.getTime() + 26 * 3600_000; t += step) {
    if (!isAvailable(p, new Date(t))) return nextAvailableAt(p, new Date(t));
  }
  // Never off (no working hours configured): the next shift is the next local day.
  return zonedInstant(addDays(localDateOf(at, p.timeZone), 1), "00:00", p.timeZone);
}

/**
 * Names one off-hours stretch, for "one auto-reply per off-hours period": a stretch is
 * named by when it ends (`next`, the next time the peer is available), or by when an
 * indefinite /away began. If the end moves (the peer goes /away, PTO is added) the parent
 * is told the new time once more, which is what they need. Null while the peer is available.
 */
export function offHoursPeriod(p: PeerSchedule, at: Date): { key: string; next: Date | null } | null {
  if (isAvailable(p, at)) return null;
  if (p.awayIndefinitely) return { key: `away-${p.awaySince?.getTime() ?? "open"}`, next: null };
  const next = nextAvailableAt(p, at);
  return { key: next ? `until-${next.getTime()}` : `none-${localDateOf(at, p.timeZone)}`, next };
}

export function offHoursPeriodKey(p: PeerSchedule, at: Date): string | null {
  return offHoursPeriod(p, at)?.key ?? null;
}
