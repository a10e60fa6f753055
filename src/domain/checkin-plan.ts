import type { CheckinKind, Participant } from "./model";
import { addDays, clampIntoSendWindow, isWithinSendWindow, localDateOf, type LocalDate } from "./time";

export interface PlannedCheckin {
  participantId: string;
  kind: CheckinKind;
  localDate: LocalDate;
  dueAt: Date;
}

type PlanInput = Pick<
  Participant,
  "id" | "timeZone" | "dailyCheckinTime" | "nightlyCheckinTime" | "sendWindow" | "consentChangedAt"
>;

const KINDS: CheckinKind[] = ["daily", "nightly"];

/**
 * When a check-in of `kind` on local date `localDate` is due for this participant, or
 * null if they have none of that kind. The daily one is moved into the participant's
 * send window; the nightly one keeps the time the parent chose (quiet-hours exemption).
 */
export function checkinDueAt(p: PlanInput, kind: CheckinKind, localDate: LocalDate): Date | null {
  const time = kind === "daily" ? p.dailyCheckinTime : p.nightlyCheckinTime;
  if (!time) return null;
  return clampIntoSendWindow(localDate, time, p.timeZone, p.sendWindow, { exempt: kind === "nightly" });
}

/**
 * Check-ins to have on the schedule at `now`: from yesterday (so one missed while the
 * process was down is still seen, and recorded as skipped if past the grace window)
 * through `horizonDays` ahead. Nothing due before the parent opted in.
 */
export function planCheckins(p: PlanInput, now: Date, horizonDays: number): PlannedCheckin[] {
  const today = localDateOf(now, p.timeZone);
  const earliest = Math.max(now.getTime() - 24 * 3600_000, p.consentChangedAt.getTime());
  const plans: PlannedCheckin[] = [];
  for (let d = -1; d <= horizonDays; d++) {
    const localDate = addDays(today, d);
    for (const kind of KINDS) {
      const dueAt = checkinDueAt(p, kind, localDate);
      if (dueAt && dueAt.getTime() >= earliest) plans.push({ participantId: p.id, kind, localDate, dueAt });
    }
  }
  return plans;
}

export type DueDecision =
  | { action: "send" }
  | { action: "skip"; reason: "missed_send_window" | "quiet_hours" }
  /** Settings changed since the job was planned: run at the new time instead. */
  | { action: "reschedule"; dueAt: Date };

/**
 * Decides, when a check-in job fires, whether to send now. Late sends are allowed only
 * within the grace window (a check-in hours late is worse than none) and never into
 * quiet hours, unless it is the nightly time the parent chose.
 */
export function decideDue(
  p: PlanInput,
  kind: CheckinKind,
  currentDueAt: Date,
  now: Date,
  graceMinutes: number,
): DueDecision {
  if (currentDueAt.getTime() > now.getTime() + 1000) return { action: "reschedule", dueAt: currentDueAt };
  if (now.getTime() - currentDueAt.getTime() > graceMinutes * 60_000) return { action: "skip", reason: "missed_send_window" };
  if (!isWithinSendWindow(now, p.timeZone, p.sendWindow, { exempt: kind === "nightly" })) {
    return { action: "skip", reason: "quiet_hours" };
  }
  return { action: "send" };
}

/**
 * Consecutive misses at the head of the most-recent-first statuses. A newer check-in
 * still awaiting its reply (a nightly sent before the daily's window closed) has no
 * outcome yet, so it neither breaks nor extends the streak; a skip is not the parent's
 * doing and is passed over the same way.
 */
export function missedStreak(statusesNewestFirst: string[]): number {
  let n = 0;
  for (const s of statusesNewestFirst) {
    if (s === "awaiting" || s === "skipped") continue;
    if (s !== "missed") break;
    n++;
  }
  return n;
}

/** Alert when the streak reaches the threshold and again at each further multiple, so a parent who stays silent is raised again, not once and forgotten. */
export function shouldAlertMissedStreak(streak: number, threshold: number): boolean {
  return streak >= threshold && streak % threshold === 0;
}
