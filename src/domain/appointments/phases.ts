import { addDays, zonedInstant, type LocalDate, type LocalTime } from "../time";

/**
 * Onboarding phases with a weekly-visit cadence (seed M3: "once a week for the first 90
 * days"). Week k's task is due on startDate + 7k at the task time in the peer's zone;
 * weeks run while that date is within [startDate, endDate].
 */
export function weeksInPhase(startDate: LocalDate, endDate: LocalDate): number {
  let n = 0;
  while (addDays(startDate, 7 * n) <= endDate) n++;
  return n;
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
  for (let week = fromWeek; week < weeks; week++) {
    const at = weeklyTaskAt(phase.startDate, week, time, zone);
    if (at.getTime() > now.getTime()) return { week, at };
  }
  return null;
}
