import type { CheckinStatus } from "../../domain/model";
import { addDays } from "../../domain/time";

/** Pure summaries the caseload and parent pages show (no I/O; tested in test/console/summary.test.ts). */

export interface CheckinFact {
  localDate: string;
  status: CheckinStatus;
  score: number | null;
  dueAt: Date;
}

/** The program's caseload guideline (docs/product.md): 10–15 parents per peer. */
export const CASELOAD_MIN = 10;
export const CASELOAD_MAX = 15;

export type CaseloadBand = "below" | "within" | "above";

export function caseloadBand(activeParents: number): CaseloadBand {
  return activeParents < CASELOAD_MIN ? "below" : activeParents > CASELOAD_MAX ? "above" : "within";
}

/** Check-ins missed in a row, newest first; one still awaiting its reply neither counts nor breaks the run. */
export function missedStreak(newestFirst: readonly Pick<CheckinFact, "status">[]): number {
  let n = 0;
  for (const c of newestFirst) {
    if (c.status === "awaiting" || c.status === "skipped") continue;
    if (c.status !== "missed") break;
    n++;
  }
  return n;
}

export function lastAnswered<T extends CheckinFact>(newestFirst: readonly T[]): T | null {
  return newestFirst.find((c) => c.status === "answered" && c.score !== null) ?? null;
}

/**
 * One value per local date, oldest first, for the `days` dates ending `today`: the mean
 * score of that date's answered check-ins, or null (missed, not sent, or unanswered).
 */
export function dailyScores(checkins: readonly Pick<CheckinFact, "localDate" | "status" | "score">[], today: string, days: number): { date: string; score: number | null }[] {
  const byDate = new Map<string, number[]>();
  for (const c of checkins) {
    if (c.status !== "answered" || c.score === null) continue;
    const list = byDate.get(c.localDate) ?? [];
    list.push(c.score);
    byDate.set(c.localDate, list);
  }
  const out: { date: string; score: number | null }[] = [];
  for (let i = days - 1; i >= 0; i--) {
    const date = addDays(today, -i);
    const scores = byDate.get(date);
    out.push({ date, score: scores ? Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 10) / 10 : null });
  }
  return out;
}

/** "3, 4, no answer, 5": the words a screen reader says for a sparkline. */
export function describeScores(series: readonly { score: number | null }[]): string {
  const answered = series.filter((s) => s.score !== null).length;
  if (answered === 0) return `no answered check-ins in the last ${series.length} days`;
  return `scores over the last ${series.length} days, oldest first: ${series.map((s) => (s.score === null ? "none" : String(s.score))).join(", ")}`;
}

/** Peers to suggest for a new parent: speak the language and are under the guideline's top, fewest parents first. */
export function suggestPeers<P extends { id: string; languages: readonly string[]; activeParents: number }>(peers: readonly P[], language: string): P[] {
  return peers.filter((p) => p.languages.includes(language) && p.activeParents < CASELOAD_MAX).sort((a, b) => a.activeParents - b.activeParents);
}
