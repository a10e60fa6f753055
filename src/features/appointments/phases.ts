import type { Phase, PhaseCadence } from "../../domain/appointments/model";
import { nextWeeklyTask, weeksInPhase } from "../../domain/appointments/phases";
import type { Participant } from "../../domain/model";
import { describeError } from "../../ports/log";
import { jobId } from "../../jobs/queues";
import { addOrMove, onlyBadData } from "./appointment-jobs";
import type { Deps } from "../../ports/deps";
import { dispatchEffects, noEffects } from "../../jobs/effects";
import { JOBS } from "../../jobs/catalog";

/**
 * Participant phases ("onboarding, first 90 days"). A phase with `cadence.visit =
 * "weekly"` gives the peer one "weekly visit" task per week while it lasts. Only the
 * next week's job exists at any time; each run plans the following one, so the chain
 * lives in Redis and ends with the phase.
 */
export async function createPhase(
  participant: Participant,
  input: { name: string; startDate: string; endDate: string; cadence: PhaseCadence },
  deps: Deps,
): Promise<Phase> {
  const phase = await deps.store.phases.create({ participantId: participant.id, ...input });
  try {
    await planPhaseVisit(phase, participant, 0, deps);
  } catch (err) {
    // Saved is saved: a 500 here would invite a retry that doubles the phase.
    deps.log.warn("phase saved; planning deferred to the hourly re-plan", { phaseId: phase.id, error: describeError(err) });
  }
  return phase;
}

/**
 * Hourly safety net for the weekly chain: a job lost between a commit and its enqueue (or
 * a Redis that lost its data) comes back within the hour. Re-adding the next week's job
 * is a no-op when it is there (its id carries the week).
 */
export async function replanPhaseVisits(deps: Deps): Promise<{ phases: number }> {
  const store = deps.store;
  // A day back in UTC covers every zone whose local date is still the phase's last day.
  const since = new Date(deps.clock.now().getTime() - 24 * 3600_000).toISOString().slice(0, 10);
  const phases = await store.phases.listWeeklyNotEndedBy(since);
  for (const phase of phases) {
    const participant = await store.participants.get(phase.participantId);
    if (participant && participant.status !== "discharged") {
      // One bad row must not stop the re-plan of every phase after it.
      await planPhaseVisit(phase, participant, 0, deps).catch(onlyBadData(deps, "phase re-plan failed for one phase", { phaseId: phase.id }));
    }
  }
  return { phases: phases.length };
}

async function planPhaseVisit(phase: Phase, participant: Participant, fromWeek: number, deps: Deps): Promise<void> {
  if (phase.cadence.visit !== "weekly") return;
  const zone = await peerZone(participant, deps);
  const next = nextWeeklyTask(phase, fromWeek, deps.cadence.appointments.onboarding.visitTaskTime, zone, deps.clock.now());
  if (!next) return;
  const data = { phaseId: phase.id, week: next.week };
  await addOrMove(deps, JOBS.phaseVisit, data, next.at);
}

export async function runPhaseVisit(p: { phaseId: string; week: number }, deps: Deps): Promise<string> {
  const effects = noEffects();
  const result = await deps.transaction(async (store) => {
    const phase = await store.phases.get(p.phaseId);
    if (!phase || phase.cadence.visit !== "weekly") return { outcome: "stale" as const };
    const participant = await store.participants.get(phase.participantId);
    if (!participant || participant.status === "discharged") return { outcome: "not_eligible" as const };
    const weeks = weeksInPhase(phase.startDate, phase.endDate);
    const { notification, isNew } = await store.notifications.createOnce({
      idempotencyKey: jobId.phaseVisit(p),
      peerId: participant.peerId,
      participantId: participant.id,
      kind: "phase_visit",
      summary: `Weekly visit with ${participant.firstName} due this week (${phase.name}, week ${p.week + 1} of ${weeks}).`,
    });
    if (isNew) effects.notifications.push(notification);
    return { outcome: "peer_notified" as const, phase, participant };
  });
  await dispatchEffects(deps, effects);
  if (result.outcome === "peer_notified") await planPhaseVisit(result.phase, result.participant, p.week + 1, deps);
  return result.outcome;
}

async function peerZone(participant: Participant, deps: Deps): Promise<string> {
  const peer = participant.peerId ? await deps.store.peers.get(participant.peerId) : null;
  return peer?.timeZone ?? participant.timeZone;
}
