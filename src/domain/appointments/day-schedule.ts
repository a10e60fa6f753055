import type { Participant } from "../model";
import { checkinDueAt } from "../checkin-plan";
import { addDays, clampIntoSendWindow, localDateOf, localTimeOf, zonedInstant, type LocalDate, type LocalTime } from "../time";

/**
 * The morning "your day today" text (seed M3: "send a daily schedule to parents").
 * Pure decisions: when it goes out, and whether it rides on the daily check-in instead.
 */
type ScheduleInput = Pick<Participant, "id" | "timeZone" | "sendWindow" | "dailyCheckinTime" | "nightlyCheckinTime" | "consentChangedAt">;

/** Configured time (kept inside the send window), else the start of the parent's send window. */
export function dayScheduleAt(p: ScheduleInput, localDate: LocalDate, configuredTime: LocalTime | null): Date {
  return clampIntoSendWindow(localDate, configuredTime ?? p.sendWindow.start, p.timeZone, p.sendWindow);
}

/**
 * One text instead of two: when the daily check-in goes out in the same local hour as the
 * day schedule, the check-in carries the list and no separate schedule text is sent.
 */
export function mergesWithDailyCheckin(p: ScheduleInput, localDate: LocalDate, configuredTime: LocalTime | null): boolean {
  const checkin = checkinDueAt(p, "daily", localDate);
  if (!checkin) return false;
  const schedule = dayScheduleAt(p, localDate, configuredTime);
  const sameDate = localDateOf(checkin, p.timeZone) === localDateOf(schedule, p.timeZone);
  return sameDate && localTimeOf(checkin, p.timeZone).slice(0, 2) === localTimeOf(schedule, p.timeZone).slice(0, 2);
}

/** The instants bounding a local day in a zone (23 or 25 hours long on DST days). */
export function localDayBounds(localDate: LocalDate, zone: string): { from: Date; to: Date } {
  return { from: zonedInstant(localDate, "00:00", zone), to: zonedInstant(addDays(localDate, 1), "00:00", zone) };
}
