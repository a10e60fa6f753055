import { addDays, daysBetweenDates, localDateOf, zonedInstant, type LocalDate, type LocalTime } from "../time";

/**
 * Longest phase we plan for, in weeks (ten years). Admin input is bounded to a few years,
 * but rows stored before that bound (or written by hand) must not make a loop run forever:
 * every loop here is bounded by this count, never only by a date comparison (luxon writes
 * year 10000 as "+010000-…", which sorts before "9999-12-31").
 */
export const MAX_PHASE_WEEKS = 522;

/**
 * Onboarding phases with a weekly-visit cadence (seed M3: "once a week for the first 90
 * days"). Week k's task is due on startDate + 7k at the task time in the peer's zone;
 * weeks run while that date is within [startDate, endDate].
 */
export function weeksInPhase(startDate: LocalDate, endDate: LocalDate): number {
  const days = daysBetweenDates(startDate, endDate);
  if (days < 0) return 0;
  return Math.min(Math.floor(days / 7) + 1, MAX_PHASE_WEEKS);
}

export function weeklyTaskAt(startDate: LocalDate, week: number, time: LocalTime, zone: string): Date {
  return zonedInstant(addDays(startDate, 7 * week), time, zone);
}

/** The first week whose task is still ahead at `now` (a phase may have started in the past), or null. */
export function nextWeeklyTask(
  phase: { startDate: LocalDate; endDate: LocalDate },
  fromWeek: number,
  time: LocalTime,
  zone: string,
  now: Date,
): { week: number; at: Date } | null {
  const weeks = weeksInPhase(phase.startDate, phase.endDate);
  // Jump to about a week before now instead of walking from a start years back; the
  // loop then looks at a handful of weeks at most (zones are within ±14 h of UTC).
  const elapsedDays = daysBetweenDates(phase.startDate, localDateOf(now, "UTC"));
  const first = Math.max(fromWeek, Math.floor((elapsedDays - 2) / 7));
  for (let week = first; week < weeks && week < first + 3; week++) {
    const at = weeklyTaskAt(phase.startDate, week, time, zone);
    if (at.getTime() > now.getTime()) return { week, at };
  }
  return null;
}
