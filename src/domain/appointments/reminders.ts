import { addDays, isWithinSendWindow, localDateOf, localTimeOf, zonedInstant, type LocalDate, type LocalTime, type SendWindow } from "../time";
import { localTimeFromMinutes, minuteOfDay } from "../time/validate";

/**
 * When appointment reminders go out. Pure: every instant comes from the appointment's
 * local date/time in its zone and the parent's send window in theirs, via luxon.
 */

/** "P3D", "P1D", "PT2H", "PT30M", "P1DT12H": days are calendar days, hours and minutes are elapsed time. */
export interface ReminderOffset {
  iso: string;
  days: number;
  minutes: number;
}

const OFFSET_RE = /^P(?:(\d{1,2})D)?(?:T(?:(\d{1,3})H)?(?:(\d{1,4})M)?)?$/;
const MAX_OFFSET_MINUTES = 30 * 24 * 60;

export function parseOffset(iso: string): ReminderOffset | null {
  const m = OFFSET_RE.exec(iso);
  if (!m || iso.endsWith("T")) return null;
  const days = Number(m[1] ?? 0);
  const minutes = Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
  const total = days * 24 * 60 + minutes;
  if (total <= 0 || total > MAX_OFFSET_MINUTES) return null;
  return { iso, days, minutes };
}

export interface AppointmentTime {
  localDate: LocalDate;
  localTime: LocalTime;
  timeZone: string;
}

/** A local time that does not exist (spring forward) starts at the first minute after the gap. */
export function appointmentStart(a: AppointmentTime): Date {
  return zonedInstant(a.localDate, a.localTime, a.timeZone);
}

/**
 * The offset applied in the appointment's zone. A whole-day offset keeps the wall-clock
 * time ("P1D" before a 10:00 hearing is 10:00 the day before, even across a DST change,
 * which is 23 or 25 real hours); hours and minutes are real elapsed time ("PT2H" is
 * always two hours before, also on a DST night).
 */
export function rawReminderAt(a: AppointmentTime, offset: ReminderOffset): Date {
  const base = offset.days ? zonedInstant(addDays(a.localDate, -offset.days), a.localTime, a.timeZone) : appointmentStart(a);
  return new Date(base.getTime() - offset.minutes * 60_000);
}

/**
 * Quiet hours move a reminder EARLIER, never later and never away: after the window's end
 * → the last minute of that evening's window; before its start → the last minute of the
 * previous evening's window. A 7:00 drug test's "2 hours before" is 20:59 the night before,
 * not 8:00 when the parent should already be there.
 */
export function moveEarlierIntoWindow(instant: Date, zone: string, window: SendWindow): Date {
  if (isWithinSendWindow(instant, zone, window)) return instant;
  const m = minuteOfDay(localTimeOf(instant, zone));
  const lastMinute = localTimeFromMinutes(minuteOfDay(window.end) - 1);
  const date = localDateOf(instant, zone);
  const target = m >= minuteOfDay(window.end) ? date : addDays(date, -1);
  // If that minute is in a DST gap it resolves to the gap's end, which is still no later
  // than `instant` (a local time at or after the window's end cannot lie inside the gap).
  return zonedInstant(target, lastMinute, zone);
}

export interface ReminderPlanInput {
  appointment: AppointmentTime;
  offsets: string[];
  /** The parent: their zone and send window decide quiet hours. */
  participant: { timeZone: string; sendWindow: SendWindow };
  now: Date;
  /** An appointment made after its last reminder time gets one reminder now, if at least this many minutes ahead. */
  lateReminderMinLeadMinutes: number;
  /** A reminder already went out for this version: a re-plan after the last one adds no "now" reminder. */
  alreadyReminded?: boolean;
}

export interface PlannedReminder {
  /** The offset it came from, or "now" for the one sent at once for an appointment made late. */
  offset: string;
  sendAt: Date;
  movedForQuietHours: boolean;
}

export interface ReminderPlan {
  reminders: PlannedReminder[];
  skipped: { offset: string; reason: "already_passed" | "same_time_as_closer_reminder" }[];
}

export const IMMEDIATE = "now";

/**
 * Reminders to schedule for one appointment at `now`.
 * - A reminder whose time has already passed is skipped (never sent late at plan time).
 * - Two offsets that land on the same minute (quiet hours pushed both to the same
 *   evening) send once: the one closer to the appointment is kept.
 * - Made too late for any reminder (e.g. booked an hour ahead, after the 2-hour one)?
 *   One reminder right away, if the appointment is at least `lateReminderMinLeadMinutes`
 *   off, it is not quiet hours for the parent and none went out yet; otherwise none.
 */
export function planReminders(input: ReminderPlanInput): ReminderPlan {
  const { appointment, participant, now } = input;
  const start = appointmentStart(appointment);
  const skipped: ReminderPlan["skipped"] = [];
  if (start.getTime() <= now.getTime()) return { reminders: [], skipped: input.offsets.map((o) => ({ offset: o, reason: "already_passed" })) };

  const candidates = input.offsets
    .map((iso) => ({ iso, offset: parseOffset(iso) }))
    .filter((c): c is { iso: string; offset: ReminderOffset } => c.offset !== null)
    .map(({ iso, offset }) => {
      const raw = rawReminderAt(appointment, offset);
      const sendAt = moveEarlierIntoWindow(raw, participant.timeZone, participant.sendWindow);
      return { offset: iso, sendAt, movedForQuietHours: sendAt.getTime() !== raw.getTime(), size: offset.days * 1440 + offset.minutes };
    })
    // Closest to the appointment first, so it wins a same-minute tie.
    .sort((a, b) => a.size - b.size);

  const reminders: PlannedReminder[] = [];
  for (const c of candidates) {
    if (c.sendAt.getTime() <= now.getTime()) {
      skipped.push({ offset: c.offset, reason: "already_passed" });
    } else if (reminders.some((r) => r.sendAt.getTime() === c.sendAt.getTime())) {
      skipped.push({ offset: c.offset, reason: "same_time_as_closer_reminder" });
    } else {
      reminders.push({ offset: c.offset, sendAt: c.sendAt, movedForQuietHours: c.movedForQuietHours });
    }
  }
  if (
    reminders.length === 0 &&
    !input.alreadyReminded &&
    start.getTime() - now.getTime() >= input.lateReminderMinLeadMinutes * 60_000 &&
    isWithinSendWindow(now, participant.timeZone, participant.sendWindow)
  ) {
    reminders.push({ offset: IMMEDIATE, sendAt: now, movedForQuietHours: false });
  }
  return { reminders: reminders.sort((a, b) => a.sendAt.getTime() - b.sendAt.getTime()), skipped };
}

/** When the peer hears that a parent has not confirmed; null if that moment has passed. */
export function confirmationDeadline(a: AppointmentTime, minutesBefore: number, now: Date): Date | null {
  const at = new Date(appointmentStart(a).getTime() - minutesBefore * 60_000);
  return at.getTime() > now.getTime() ? at : null;
}
