import type { ReportFigures } from "./figures";
import { monthTitle } from "./month";
import type { ReportSection } from "./sections";

export type ReportNotes = Record<ReportSection, string>;

/** A note is the peer's own words; bounded so a pasted document cannot bloat the PDF. */
export const NOTE_MAX_CHARS = 2000;

/**
 * The narrative the drafting job proposes, one paragraph per section, for the peer to
 * edit. One paragraph per section (not one free text) so that a section the consent does
 * not cover takes its sentences out with it. The tone follows the toolkit (M3): name
 * what the parent is doing right, share challenges honestly, and frame a return to use as
 * part of recovery, with what the parent needs, never as a failure or a sanction.
 */
export function draftNotes(f: ReportFigures): ReportNotes {
  const name = f.firstName;
  const month = monthTitle(f.month);
  return {
    participation: participation(f, name, month),
    appointments_kept: appointments(f, name),
    checkin_adherence: checkins(f, name),
    recovery_capital: recoveryCapital(f, name),
    return_to_use: returnToUse(f, name, month),
  };
}

function participation(f: ReportFigures, name: string, month: string): string {
  const p = f.participation;
  const contact =
    p.daysWithContact === 0
      ? `${name} did not text the program during ${month}; the peer will reach out to reconnect.`
      : `${name} was in touch with the program on ${p.daysWithContact} of ${p.daysInMonth} days in ${month}.`;
  const points = p.pointsEarned > 0 ? ` ${name} earned ${p.pointsEarned} engagement points this month (${p.pointsTotal} in total).` : "";
  const phases = p.phases.length ? ` Current program phase: ${p.phases.join(", ")}.` : "";
  return `${contact}${points}${phases}`;
}

function appointments(f: ReportFigures, name: string): string {
  const a = f.appointments;
  if (a.kept + a.missed === 0) return `No appointments with a recorded outcome this month.`;
  if (a.missed === 0) return a.kept === 1 ? `${name} kept the one appointment with a recorded outcome this month.` : `${name} kept all ${a.kept} appointments with a recorded outcome this month.`;
  const missedKinds = a.byKind.filter((k) => k.missed > 0).map((k) => k.label.toLowerCase());
  return (
    `${name} kept ${a.kept} of ${a.kept + a.missed} appointments with a recorded outcome. ` +
    `Missed: ${missedKinds.join(", ")}. The peer is working with ${name} on what got in the way (transport, child care, schedule) and on rescheduling.`
  );
}

function checkins(f: ReportFigures, name: string): string {
  const c = f.checkins;
  if (c.answeredPct === null) return `No check-ins were sent this month.`;
  const base = `${name} answered ${c.answered} of ${c.sent} check-in texts (${c.answeredPct}%).`;
  const weeks = c.weeks.filter((w) => w.pct !== null);
  const best = weeks.reduce<(typeof weeks)[number] | null>((b, w) => (b === null || (w.pct ?? 0) > (b.pct ?? 0) ? w : b), null);
  if (c.answeredPct >= 80) return `${base} This is steady, consistent engagement.`;
  const strength = best && (best.pct ?? 0) > c.answeredPct ? ` The strongest week began ${best.from} (${best.pct}%).` : "";
  return `${base}${strength} Fewer answers can mean a hard stretch; the peer is following up to understand what support would help.`;
}

function recoveryCapital(f: ReportFigures, name: string): string {
  const r = f.recoveryCapital;
  if (r.inMonth === 0) return `${name} did not complete a recovery-capital check-in this month.`;
  const now = `${name}'s latest recovery-capital score is ${r.latest} of ${r.max}.`;
  if (r.change === null) return `${now} This is the first score to compare against in coming months.`;
  if (r.change > 0) return `${now} That is up ${r.change} from the previous check: growth in the resources that support recovery.`;
  if (r.change === 0) return `${now} That is the same as the previous check: the resources that support recovery are holding steady.`;
  return `${now} That is down ${-r.change} from the previous check; the peer is working with ${name} on the areas that dipped.`;
}

function returnToUse(f: ReportFigures, name: string, month: string): string {
  if (f.returnToUse.shared === 0) return `${name} did not share a return to use with the program during ${month}.`;
  return (
    `${name} shared a return to use with the program in ${month} (${f.returnToUse.shared === 1 ? "on one day" : `on ${f.returnToUse.shared} days`}). ` +
    `Telling the peer was an act of honesty and engagement. Return to use is often part of recovery; ` +
    `${name} and the peer are reviewing what led to it and strengthening supports, and ${name} remains engaged with the program.`
  );
}
