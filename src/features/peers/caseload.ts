import type { CheckinStatus, ParticipantStatus } from "../../domain/model";
import type { Deps } from "../../ports/deps";

/** One parent on a peer's /caseload and App Home. No phone numbers: Slack never shows them. */
export interface CaseloadRow {
  participantId: string;
  firstName: string;
  status: ParticipantStatus;
  lastCheckin: { at: Date; score: number | null } | null;
  /** Consecutive answered check-ins, newest first (a miss ends it). */
  answeredStreak: number;
  /** Missed check-ins in the last MISSED_WINDOW_DAYS days. */
  missedCount: number;
  nextAppointment: Date | null;
  /** Notes not yet acknowledged plus hotline cases still open. */
  openItems: number;
}

export const MISSED_WINDOW_DAYS = 14;
/** Newest check-ins read per parent: the missed window (two a day) and the streak, capped here. */
const CHECKINS_READ = 60;

export async function caseloadFor(
  peerId: string,
  deps: Pick<Deps, "db" | "store" | "transaction" | "clock">,
): Promise<CaseloadRow[]> {
  const store = deps.store;
  const now = deps.clock.now();
  const since = now.getTime() - MISSED_WINDOW_DAYS * 24 * 3600_000;
  const parents = (await store.participants.list({ peerId })).filter((p) => p.status !== "discharged");
  return Promise.all(
    parents.map(async (p): Promise<CaseloadRow> => {
      const [checkins, notes, openCase, next] = await Promise.all([
        store.checkins.listForParticipant(p.id, CHECKINS_READ),
        store.notifications.list({ participantId: p.id, peerId, limit: 200 }),
        store.cases.activeForPhone(p.phone),
        store.appointments.listForParticipant(p.id, { from: now, status: "scheduled" }),
      ]);
      const lastAnswered = checkins.find((c) => c.status === "answered");
      return {
        participantId: p.id,
        firstName: p.firstName,
        status: p.status,
        lastCheckin: lastAnswered ? { at: lastAnswered.answeredAt ?? lastAnswered.dueAt, score: lastAnswered.score } : null,
        // Skipped check-ins were never sent: they neither extend nor end the streak.
        answeredStreak: answeredStreak(checkins.filter((c) => c.status !== "skipped").map((c) => c.status)),
        missedCount: checkins.filter((c) => c.status === "missed" && c.dueAt.getTime() >= since).length,
        nextAppointment: next[0]?.startsAt ?? null,
        openItems: notes.filter((n) => n.acknowledgedAt === null).length + (openCase ? 1 : 0),
      };
    }),
  );
}

/** A check-in still awaiting its answer neither extends nor ends the streak. */
export function answeredStreak(newestFirst: CheckinStatus[]): number {
  let streak = 0;
  for (const s of newestFirst) {
    if (s === "awaiting") continue;
    if (s !== "answered") break;
    streak++;
  }
  return streak;
}
