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
 * supervisors from the start (mandated-reporter rules).
 */
export function whomToPage(
  step: number,
  responders: Responder[],
  now: Date,
  opts: { childSafety: boolean },
): { responders: Responder[]; reason: PageReason } {
  const active = responders.filter((r) => r.active);
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

/** Higher is more urgent: the queue is ordered by this, then by age. */
export function severityOf(screen: Pick<CrisisScreen, "level" | "categories">): number {
  if (screen.level !== "imminent") return 10;
  if (screen.categories.includes("overdose_medical") || screen.categories.includes("suicide_self_harm")) return 100;
  if (screen.categories.includes("child_danger") || screen.categories.includes("violence_abuse")) return 90;
  return 80; // explicit help keyword: urgent, details unknown
}
