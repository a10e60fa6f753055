import type { Participant } from "../../domain/model";
import { addDays, formatLocal, isWithinSendWindow, localDateOf, zonedInstant } from "../../domain/time";
import type { Deps } from "../../ports/deps";
import { dispatchEffects, noEffects } from "../../jobs/effects";
import { stopActiveRun, type FlowTx } from "../flows/flow-engine";
import { renderFor, textVars } from "../texts";
import { JOBS } from "../../jobs/catalog";
import { jobRequest } from "../../jobs/define";

/**
 * PAUSE <days> (a parent, e.g. going into residential treatment) or the admin API:
 * routine texts stop — check-in jobs find the participant not active, flow runs are
 * cancelled and scheduled starts skip — until the start of the parent's send window on
 * the day the pause ends, when a delayed job resumes them and re-plans check-ins.
 * Nothing about crisis handling reads this: a paused parent's crisis text is screened,
 * answered and paged exactly as before.
 */
export type PauseVia = "sms" | "api";

export function pauseEndsAt(p: Pick<Participant, "timeZone" | "sendWindow">, days: number, now: Date): Date {
  return zonedInstant(addDays(localDateOf(now, p.timeZone), days), p.sendWindow.start, p.timeZone);
}

export async function pauseIn(
  tx: FlowTx,
  participant: Participant,
  days: number,
  reason: string | null,
  via: PauseVia,
  inboundId: string | null,
): Promise<{ pausedUntil: Date } | null> {
  const { store, deps, now, effects } = tx;
  const until = pauseEndsAt(participant, days, now);
  const paused = await store.pauses.pause(participant.id, until, reason);
  if (!paused) return null;
  await stopActiveRun(tx, participant, "cancel");

  const date = formatLocal(until, participant.timeZone, participant.language, "date");
  const peer = participant.peerId ? await store.peers.get(participant.peerId) : null;
  const key = `${participant.id}|${until.toISOString()}`;
  const { message, isNew } = await store.outbound.createOnce({
    idempotencyKey: inboundId ? `pause_confirmation|${inboundId}` : `pause_confirmation|${key}`,
    toPhone: participant.phone,
    body: renderFor(deps.flows.program.pauseConfirmed, participant.language, { ...textVars(deps, participant, peer), date }),
    kind: "pause_confirmation",
    priority: "reply",
    participantId: participant.id,
    notAfter: null,
  });
  if (isNew) effects.sms.push(message);

  const peerDate = formatLocal(until, participant.timeZone, "en", "date");
  const { notification, isNew: noteIsNew } = await store.notifications.createOnce({
    idempotencyKey: `pause|${key}`,
    peerId: participant.peerId,
    participantId: participant.id,
    kind: "paused",
    summary: `Routine texts paused until ${peerDate} (${via === "sms" ? "they texted PAUSE" : "set by an admin"})${reason ? `: ${reason}` : ""}. Crisis texts still reach the hotline.`,
  });
  if (noteIsNew) effects.notifications.push(notification);

  const data = { participantId: participant.id, until: until.toISOString() };
  (effects.jobs ??= []).push(jobRequest(JOBS.pauseEnd, data, { delay: Math.max(0, until.getTime() - now.getTime()) }));
  deps.log.info("participant paused", { participantId: participant.id, days, via });
  return paused;
}

/**
 * Ends a pause: status active again, check-ins re-planned, a welcome-back text if it is
 * inside their send window (an admin resuming at midnight must not wake anyone).
 * `dueBy`: only a pause ending by then (the resume job of an extended pause is a no-op).
 */
export async function resumeIn(tx: FlowTx, participant: Participant, dueBy?: Date): Promise<boolean> {
  const { store, deps, now, effects } = tx;
  if (!(await store.pauses.resume(participant.id, dueBy))) return false;
  effects.plans.push(participant.id);
  if (participant.consent === "opted_in" && isWithinSendWindow(now, participant.timeZone, participant.sendWindow)) {
    const peer = participant.peerId ? await store.peers.get(participant.peerId) : null;
    const { message, isNew } = await store.outbound.createOnce({
      idempotencyKey: `pause_ended|${participant.id}|${(participant.pausedUntil ?? now).toISOString()}`,
      toPhone: participant.phone,
      body: renderFor(deps.flows.program.pauseEnded, participant.language, textVars(deps, participant, peer)),
      kind: "pause_ended",
      priority: "routine",
      participantId: participant.id,
      notAfter: new Date(now.getTime() + deps.config.SEND_GRACE_MINUTES * 60_000),
    });
    if (isNew) effects.sms.push(message);
  }
  deps.log.info("participant resumed", { participantId: participant.id });
  return true;
}

export type PauseOutcome = { ok: true; pausedUntil: Date } | { ok: false; reason: "not_found" | "not_pausable" };

export async function pauseParticipant(deps: Deps, participantId: string, days: number, reason: string | null): Promise<PauseOutcome> {
  const effects = noEffects();
  const result = await deps.transaction(async (store): Promise<PauseOutcome> => {
    const participant = await store.participants.get(participantId);
    if (!participant) return { ok: false, reason: "not_found" };
    const paused = await pauseIn({ store, deps, now: deps.clock.now(), effects }, participant, days, reason, "api", null);
    return paused ? { ok: true, pausedUntil: paused.pausedUntil } : { ok: false, reason: "not_pausable" };
  });
  await dispatchEffects(deps, effects);
  return result;
}

export async function resumeParticipant(deps: Deps, participantId: string, dueBy?: Date): Promise<"resumed" | "not_paused" | "not_found"> {
  const effects = noEffects();
  const result = await deps.transaction(async (store) => {
    const participant = await store.participants.get(participantId);
    if (!participant) return "not_found" as const;
    return (await resumeIn({ store, deps, now: deps.clock.now(), effects }, participant, dueBy)) ? ("resumed" as const) : ("not_paused" as const);
  });
  await dispatchEffects(deps, effects);
  return result;
}

/** The `flows` queue's pause-end job. */
export async function runPauseEnd(p: { participantId: string; until: string }, deps: Deps) {
  return resumeParticipant(deps, p.participantId, new Date(p.until));
}
