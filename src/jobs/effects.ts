import type { HotlineCase } from "../domain/hotline/model";
import type { OutboundMessage, PeerNotification } from "../domain/model";
import type { JobsOptions } from "bullmq";
import { JOBS } from "./catalog";
import { jobRequest } from "./define";
import type { Deps } from "../ports/deps";

/**
 * Work a transaction decided on, handed to queues only after it commits (the outbox
 * pattern): if the enqueue fails, the rows are still there and the sweeper re-enqueues them.
 */
export interface Effects {
  sms: OutboundMessage[];
  notifications: PeerNotification[];
  /** Participants whose check-ins must be (re)planned. */
  plans: string[];
  /** Hotline cases whose paging chain must (re)start. */
  escalations: Pick<HotlineCase, "id" | "escalationRound">[];
  /** Other queue work decided in the transaction (flow timeouts, waits): added after commit. */
  jobs?: { queue: "flows" | "smsRoutine" | "hotline"; name: string; data: object; opts: JobsOptions }[];
}
export const noEffects = (): Effects => ({ sms: [], notifications: [], plans: [], escalations: [] });

/** BullMQ priority: lower runs first. Replies to a person who just wrote beat scheduled texts. */
const PRIORITY = { reply: 1, routine: 10 } as const;

export async function enqueueSms(deps: Pick<Deps, "queues">, messages: OutboundMessage[]): Promise<void> {
  const urgent = messages.filter((m) => m.priority === "crisis" && m.status === "queued");
  const routine = messages.filter((m) => m.priority !== "crisis" && m.status === "queued");
  if (urgent.length) await deps.queues.smsUrgent.addBulk(urgent.map((m) => jobRequest(JOBS.sendUrgentSms, { outboundId: m.id })));
  if (routine.length) await deps.queues.smsRoutine.addBulk(routine.map((m) => routineSmsJob(m)));
}

/** The sms-routine job for a stored text; `delayMs` holds it back (texts of one flow step, in order). */
export function routineSmsJob(m: OutboundMessage, delayMs = 0) {
  return jobRequest(JOBS.sendRoutineSms, { outboundId: m.id }, { priority: PRIORITY[m.priority as "reply" | "routine"], ...(delayMs ? { delay: delayMs } : {}) });
}

/** Queues processing of stored inbound texts (the job id makes a second add a no-op). */
export async function enqueueInbound(deps: Pick<Deps, "queues">, inboundIds: string[]): Promise<void> {
  if (!inboundIds.length) return;
  await deps.queues.inbound.addBulk(inboundIds.map((inboundId) => jobRequest(JOBS.processInbound, { inboundId })));
}

/**
 * Queues one job for a webhook batch of stored texts: one Redis write per committed batch
 * instead of one job per text (issue 13: the per-text job was most of the webhook's cost).
 */
export async function enqueueInboundBatch(deps: Pick<Deps, "queues">, inboundIds: string[]): Promise<void> {
  if (!inboundIds.length) return;
  const r = jobRequest(JOBS.processInboundBatch, { inboundIds });
  await deps.queues.inbound.add(r.name, r.data, r.opts);
}

export async function enqueueNotifications(deps: Pick<Deps, "queues">, notes: PeerNotification[]): Promise<void> {
  if (!notes.length) return;
  await deps.queues.notify.addBulk(notes.map((n) => jobRequest(JOBS.deliverNotification, { notificationId: n.id })));
}

export async function requestPlans(deps: Pick<Deps, "queues">, participantIds: string[]): Promise<void> {
  if (!participantIds.length) return;
  await deps.queues.checkins.addBulk(participantIds.map((participantId) => jobRequest(JOBS.planParticipant, { participantId })));
}

export async function dispatchEffects(deps: Pick<Deps, "queues">, effects: Effects): Promise<void> {
  await Promise.all([
    enqueueSms(deps, effects.sms),
    enqueueNotifications(deps, effects.notifications),
    requestPlans(deps, effects.plans),
    ...effects.escalations.map((c) => startEscalation(deps, c)),
    ...(effects.jobs ?? []).map((j) => deps.queues[j.queue].add(j.name, j.data, j.opts)),
  ]);
}

export async function startEscalation(deps: Pick<Deps, "queues">, c: Pick<HotlineCase, "id" | "escalationRound">) {
  const r = jobRequest(JOBS.escalate, { caseId: c.id, round: c.escalationRound, step: 0 });
  await deps.queues.hotline.add(r.name, r.data, r.opts);
}
