import { addDays, clampIntoSendWindow, isWithinSendWindow, localDateOf, type LocalDate, type SendWindow } from "../time";

/**
 * When a scheduled flow (recovery capital) is due for a participant. Weekly: every
 * `weekday`. Monthly: the first `weekday` of each month. At `time` in the participant's
 * zone, moved into their send window like a daily check-in.
 */
export type Cadence = "weekly" | "monthly";
export interface FlowSchedule {
  cadence: Cadence;
  weekday: number;
  time: string;
}
export interface PlannedStart {
  localDate: LocalDate;
  dueAt: Date;
}

/** ISO weekday (1 = Monday) of a calendar date: plain calendar arithmetic, no zone involved. */
export function isoWeekday(date: LocalDate): number {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return day === 0 ? 7 : day;
}

export function isScheduledDate(date: LocalDate, schedule: FlowSchedule, cadence: Cadence): boolean {
  if (isoWeekday(date) !== schedule.weekday) return false;
  return cadence === "weekly" || Number(date.slice(8, 10)) <= 7;
}

export function startDueAt(
  p: { timeZone: string; sendWindow: SendWindow },
  schedule: FlowSchedule,
  localDate: LocalDate,
): Date {
  return clampIntoSendWindow(localDate, schedule.time, p.timeZone, p.sendWindow);
}

/**
 * Starts to keep as delayed jobs at `now`: from yesterday (a start missed while down is
 * then skipped explicitly) through `horizonDays`; never before `notBefore` (opt-in).
 */
export function planFlowStarts(
  p: { timeZone: string; sendWindow: SendWindow },
  schedule: FlowSchedule,
  cadence: Cadence,
  now: Date,
  horizonDays: number,
  notBefore: Date,
): PlannedStart[] {
  const today = localDateOf(now, p.timeZone);
  const earliest = Math.max(now.getTime() - 24 * 3600_000, notBefore.getTime());
  const out: PlannedStart[] = [];
  for (let d = -1; d <= horizonDays; d++) {
    const localDate = addDays(today, d);
    if (!isScheduledDate(localDate, schedule, cadence)) continue;
    const dueAt = startDueAt(p, schedule, localDate);
    if (dueAt.getTime() >= earliest) out.push({ localDate, dueAt });
  }
  return out;
}

export type StartDecision = { action: "start" } | { action: "wait"; until: Date } | { action: "skip"; reason: "missed_send_window" | "quiet_hours" };

/** Same rules as a check-in: not early, late only within the grace, never in quiet hours. */
export function decideStart(
  p: { timeZone: string; sendWindow: SendWindow },
  dueAt: Date,
  now: Date,
  graceMinutes: number,
): StartDecision {
  if (dueAt.getTime() > now.getTime() + 1000) return { action: "wait", until: dueAt };
  if (now.getTime() - dueAt.getTime() > graceMinutes * 60_000) return { action: "skip", reason: "missed_send_window" };
  if (!isWithinSendWindow(now, p.timeZone, p.sendWindow)) return { action: "skip", reason: "quiet_hours" };
  return { action: "start" };
}
