import type { CrisisScreen } from "../crisis";
import { isOnShift } from "../time";
import type { Responder } from "./model";

export type PageReason =
  | "primary_on_shift"
  | "backup_no_primary_on_shift"
  | "supervisors_nobody_on_shift"
  | "escalation_backups_and_supervisors"
  | "no_responders_configured";

/**
 * Whom to page at step `step` of a case's escalation chain. Step 0 pages the primaries
 * on shift (backups if no primary is on; the supervisor tier at once if nobody is on
 * shift at all). Every later step (after T1, then every T2) pages everyone on shift plus
 * the on-call supervisors, until someone claims the case. A child-safety case includes
 * supervisors from the start (mandated-reporter rules). Responders in `skip` (they
 * transferred this case away) are never paged for it again.
 */
export function whomToPage(
  step: number,
  responders: Responder[],
  now: Date,
  opts: { childSafety: boolean; skip?: readonly string[] },
): { responders: Responder[]; reason: PageReason } {
  const skip = new Set(opts.skip ?? []);
  const active = responders.filter((r) => r.active && !skip.has(r.id));
  const onShift = active.filter((r) => isOnShift(now, r.timeZone, r.shifts));
  const tier = (t: Responder["tier"], list = onShift) => list.filter((r) => r.tier === t);
  // The on-call supervisor is whoever is on shift; with none on shift, all of them.
  const supervisors = tier("supervisor").length ? tier("supervisor") : tier("supervisor", active);

  if (active.length === 0) return { responders: [], reason: "no_responders_configured" };
  const volunteersOnShift = onShift.filter((r) => r.tier !== "supervisor");
  if (volunteersOnShift.length === 0) return { responders: supervisors, reason: "supervisors_nobody_on_shift" };

  let picked: Responder[];
  let reason: PageReason;
  if (step === 0) {
    picked = tier("primary").length ? tier("primary") : tier("backup");
    reason = tier("primary").length ? "primary_on_shift" : "backup_no_primary_on_shift";
    if (opts.childSafety) picked = [...picked, ...supervisors];
  } else {
    picked = [...volunteersOnShift, ...supervisors];
    reason = "escalation_backups_and_supervisors";
  }
  return { responders: uniqueById(picked), reason };
}

function uniqueById(list: Responder[]): Responder[] {
  return [...new Map(list.map((r) => [r.id, r])).values()];
}

/**
 * Whether a human is on shift to answer a crisis text now (any tier). Without one the
 * parent is not promised "a volunteer will text you"; supervisors are alerted instead.
 */
export function someoneOnShift(responders: Responder[], now: Date): boolean {
  return responders.some((r) => r.active && isOnShift(now, r.timeZone, r.shifts));
}

/** Reasons that mean no volunteer is on shift: the admins are alerted, not only paged. */
export function isNobodyOnShift(reason: PageReason): boolean {
  return reason === "no_responders_configured" || reason === "supervisors_nobody_on_shift";
}

/** Whole minutes a parent has waited, at least 1 (a page never says "0 min"). */
export function minutesWaiting(since: Date, now: Date): number {
  return Math.max(1, Math.round((now.getTime() - since.getTime()) / 60_000));
}

export type ClaimedCaseState = "holder_present" | "holder_inactive" | "holder_off_shift";

/**
 * A parent in crisis again on a claimed case: is the volunteer holding it still there?
 * A deactivated or deleted responder, or one whose shift has ended, is not; silence is
 * judged later (HOTLINE_CLAIMED_REPLY_SECONDS after the text).
 */
export function claimedCaseState(holder: Responder | null, now: Date): ClaimedCaseState {
  if (!holder || !holder.active) return "holder_inactive";
  // Supervisors take cases over outside any shift; their shifts only say when they are on call.
  if (holder.tier !== "supervisor" && !isOnShift(now, holder.timeZone, holder.shifts)) return "holder_off_shift";
  return "holder_present";
}

/** A case opened to check on a parent (a bare HELP), not for a crisis text: the lowest severity. */
export const CHECK_ON_PARENT_SEVERITY = 10;

/** Higher is more urgent: the queue is ordered by this, then by age. */
export function severityOf(screen: Pick<CrisisScreen, "level" | "categories">): number {
  if (screen.level !== "imminent") return CHECK_ON_PARENT_SEVERITY;
  if (screen.categories.includes("overdose_medical") || screen.categories.includes("suicide_self_harm")) return 100;
  if (screen.categories.includes("child_danger") || screen.categories.includes("violence_abuse")) return 90;
  return 80; // explicit help keyword: urgent, details unknown
}
