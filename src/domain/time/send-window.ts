import { DateTime } from "luxon";
import {
  type LocalDate,
  type LocalTime,
  localTimeFromMinutes,
  minuteOfDay,
  requireInstant,
  requireZone,
} from "./validate";
import { addDays, localDateOf, zonedInstant } from "./zoned";

/**
 * Quiet hours: sending allowed only within [start, end) local time.
 * Must not wrap midnight (start < end) — nobody should be texted overnight by
 * default, and a wrapping window is almost always a data-entry mistake.
 */
export interface SendWindow {
  start: LocalTime;
  end: LocalTime;
}

export const DEFAULT_SEND_WINDOW: Readonly<SendWindow> = Object.freeze({ start: "08:00", end: "21:00" });

/**
 * `exempt: true` marks a send the person explicitly asked for at that time
 * (e.g. a nighttime check-in the parent chose), so quiet hours do not apply.
 */
export interface SendWindowOptions {
  exempt?: boolean;
}

function windowMinutes(window: SendWindow): { start: number; end: number } {
  const start = minuteOfDay(window.start);
  const end = minuteOfDay(window.end);
  if (start >= end) {
    throw new RangeError(`send window must satisfy start < end (no midnight wrap): ${window.start}-${window.end}`);
  }
  return { start, end };
}

export function isWithinSendWindow(
  instant: Date,
  zone: string,
  window: SendWindow = DEFAULT_SEND_WINDOW,
  opts: SendWindowOptions = {},
): boolean {
  const { start, end } = windowMinutes(window);
  const z = requireZone(zone);
  const ms = requireInstant(instant);
  if (opts.exempt) return true;
  const local = DateTime.fromMillis(ms, { zone: z });
  const m = local.hour * 60 + local.minute;
  return m >= start && m < end;
}

/**
 * Move a planned local send into the window on the same local date:
 * before start -> start; at/after end -> end − 1 minute (the last minute that
 * is still inside [start, end)). Inside the window (or exempt) it is unchanged.
 * Clamping happens on wall times before resolving to an instant, so DST
 * gap/overlap rules of `zonedInstant` apply to the clamped time.
 */
export function clampIntoSendWindow(
  date: LocalDate,
  time: LocalTime,
  zone: string,
  window: SendWindow = DEFAULT_SEND_WINDOW,
  opts: SendWindowOptions = {},
): Date {
  const { start, end } = windowMinutes(window);
  const planned = minuteOfDay(time);
  let m = planned;
  if (!opts.exempt) {
    if (planned < start) m = start;
    else if (planned >= end) m = end - 1;
  }
  return zonedInstant(date, localTimeFromMinutes(m), zone);
}

/**
 * The next instant the window opens after `now` (today's start if it is still ahead,
 * else tomorrow's), for telling an admin when a send they asked for may go out.
 */
export function nextSendWindowOpening(now: Date, zone: string, window: SendWindow = DEFAULT_SEND_WINDOW): Date {
  windowMinutes(window);
  const today = localDateOf(now, zone);
  const todayStart = zonedInstant(today, window.start, zone);
  return todayStart.getTime() > requireInstant(now) ? todayStart : zonedInstant(addDays(today, 1), window.start, zone);
}
