import { canReceiveRoutine } from "../../domain/routine-texts";
import type { Appointment, AppointmentKind } from "../../domain/appointments/model";
import { appointmentStart, confirmationDeadline, IMMEDIATE, parseOffset, planReminders } from "../../domain/appointments/reminders";
import type { Participant } from "../../domain/model";
import { addDays, isWithinSendWindow, localDateOf, zonedInstant } from "../../domain/time";
import { offsetsFor } from "../../content/appointments-config";
import { renderCadence } from "../../content/config-file";
import { describeError } from "../../ports/log";
import { jobId, payload } from "../../jobs/queues";
import type { AppointmentPatch } from "../../adapters/postgres/appointments";
import { planDaySchedule } from "./day-schedule";
import { addOrMove, onlyBadData } from "./appointment-jobs";
import { appointmentVars, describeForPeer } from "./appointment-views";
import type { Deps } from "../../ports/deps";
import { dispatchEffects, noEffects } from "../../jobs/effects";
import { awardPoints } from "./incentives";
import { JOBS } from "../../jobs/catalog";

export { addOrMove } from "./appointment-jobs";
export { appointmentsOnDay, appointmentVars, describeForPeer, kindLabel } from "./appointment-views";

/**
 * Appointments (issue 5): reminders at per-kind offsets, a confirmation deadline, the
 * morning day schedule and the onboarding "call them" task. Records change inside a
 * transaction; queue work is planned after it commits. Every job id carries the
 * appointment's revision, so after an edit or a cancel the old jobs find a newer
 * revision and do nothing, even if removing them failed.
 */

/** A state conflict (409), or with `field` a bad value for that field (400). */
export class AppointmentConflict extends Error {
  constructor(message: string, readonly field?: string) {
    super(message);
  }
}

export interface AppointmentInput {
  kind: AppointmentKind;
  localDate: string;
  localTime: string;
  /** Defaults to the parent's zone. */
  timeZone?: string;
  place?: string | null;
  notes?: string | null;
}

export async function createAppointment(participant: Participant, input: AppointmentInput, deps: Deps): Promise<Appointment> {
  const timeZone = input.timeZone ?? participant.timeZone;
  const startsAt = appointmentStart({ localDate: input.localDate, localTime: input.localTime, timeZone });
  if (startsAt.getTime() <= deps.clock.now().getTime()) throw new AppointmentConflict("must be in the future", "localDate");
  const appt = await deps.store.appointments.create({
    participantId: participant.id,
    kind: input.kind,
    localDate: input.localDate,
    localTime: input.localTime,
    timeZone,
    startsAt,
    place: input.place ?? null,
    notes: input.notes ?? null,
  });
  deps.log.info("appointment created", { appointmentId: appt.id, participantId: participant.id, kind: appt.kind });
  await planAfterCommit(appt, deps);
  return appt;
}

/** Edits a scheduled, upcoming appointment; a changed time clears the parent's confirmation. */
export async function updateAppointment(id: string, input: Partial<AppointmentInput>, deps: Deps): Promise<Appointment | null> {
  const now = deps.clock.now();
  const result = await deps.transaction(async (store) => {
    const before = await store.appointments.get(id, { lock: true });
    if (!before) return null;
    assertEditable(before, now);
    const next = {
      localDate: input.localDate ?? before.localDate,
      localTime: input.localTime ?? before.localTime,
      timeZone: input.timeZone ?? before.timeZone,
    };
    const startsAt = appointmentStart(next);
    if (startsAt.getTime() <= now.getTime()) throw new AppointmentConflict("must be in the future", "localDate");
    const patch: AppointmentPatch = { ...next, startsAt };
    if (input.kind !== undefined) patch.kind = input.kind;
    if (input.place !== undefined) patch.place = input.place;
    if (input.notes !== undefined) patch.notes = input.notes;
    const timeChanged = startsAt.getTime() !== before.startsAt.getTime();
    const after = await store.appointments.update(id, patch, timeChanged);
    return after ? { before, after } : null;
  });
  if (!result) return null;
  await removePlannedJobs(result.before, deps).catch(() => undefined); // stale jobs also check the revision
  await planAfterCommit(result.after, deps);
  // The old date's day schedule re-reads the appointments when it fires; nothing to move.
  return result.after;
}

/** Cancelling keeps the row (reports, the peer's history) and stops its reminders. */
export async function cancelAppointment(id: string, deps: Deps): Promise<Appointment | null> {
  const result = await deps.transaction(async (store) => {
    const before = await store.appointments.get(id, { lock: true });
    if (!before) return null;
    if (before.status !== "scheduled") throw new AppointmentConflict(`appointment is ${before.status}`);
    const after = await store.appointments.cancel(id);
    return after ? { before, after } : null;
  });
  if (!result) return null;
  await removePlannedJobs(result.before, deps).catch(() => undefined); // stale jobs also check the revision
  return result.after;
}

/** attended / missed, by the peer, once the appointment has started. Attended earns points. */
export async function recordAppointmentOutcome(id: string, outcome: "attended" | "missed", deps: Deps): Promise<Appointment | null> {
  const now = deps.clock.now();
  const effects = noEffects();
  const appt = await deps.transaction(async (store) => {
    const before = await store.appointments.get(id, { lock: true });
    if (!before) return null;
    if (before.status !== "scheduled") throw new AppointmentConflict(`appointment is already ${before.status}`);
    if (before.startsAt.getTime() > now.getTime()) throw new AppointmentConflict("appointment has not started yet");
    const after = await store.appointments.recordOutcome(id, outcome, now);
    if (!after) throw new AppointmentConflict("appointment changed meanwhile");
    const participant = await store.participants.get(after.participantId);
    if (outcome === "attended" && participant) {
      await awardPoints(store, deps, effects, { participant, reason: "appointment_attended", sourceKey: `appt-attended|${after.id}` });
    }
    return after;
  });
  await dispatchEffects(deps, effects);
  return appt;
}

/**
 * The record is committed; if Redis is unreachable right now, the hourly re-plan puts the
 * work on the schedule, so the caller gets the saved appointment rather than a 500.
 */
async function planAfterCommit(appt: Appointment, deps: Deps) {
  try {
    await planAppointment(appt, deps);
  } catch (err) {
    deps.log.warn("appointment saved; planning deferred to the hourly re-plan", { appointmentId: appt.id, error: describeError(err) });
  }
}

function assertEditable(a: Appointment, now: Date) {
  if (a.status !== "scheduled") throw new AppointmentConflict(`appointment is ${a.status}`);
  if (a.startsAt.getTime() <= now.getTime()) throw new AppointmentConflict("appointment has already started");
}

// ---------------------------------------------------------------------------------------
// Planning

/** Puts one appointment's work on the schedule (after a create or an edit). */
async function planAppointment(appt: Appointment, deps: Deps): Promise<void> {
  const participant = await deps.store.participants.get(appt.participantId);
  if (participant) await planForParticipant(participant, [appt], deps);
}

/**
 * Puts one parent's appointments' work on the schedule: reminders, the confirmation
 * deadline, the day schedule of each date and, for the parent's first appointment, the
 * peer's call task. Idempotent (job ids are business keys), so it is also the re-plan
 * after any change. The first appointment and each day's schedule are looked up once
 * per parent, not once per appointment.
 */
async function planForParticipant(participant: Participant, appts: Appointment[], deps: Deps): Promise<void> {
  const scheduled = appts.filter((a) => a.status === "scheduled");
  if (scheduled.length === 0) return;
  const now = deps.clock.now();
  const firstId = await deps.store.appointments.firstCreatedId(participant.id);
  const days = new Set<string>();
  for (const appt of scheduled) {
    // One stored appointment planning cannot handle (a date from before admin dates were
    // bounded) is logged and skipped: it must not stop the others or the caller's plan.
    await planOneAppointment(appt, participant, firstId, now, days, deps).catch(onlyBadData(deps, "appointment not planned", { appointmentId: appt.id }));
  }
  for (const day of days) {
    await planDaySchedule(participant, day, deps).catch(onlyBadData(deps, "day schedule not planned", { participantId: participant.id }));
  }
}

async function planOneAppointment(appt: Appointment, participant: Participant, firstId: string | null, now: Date, days: Set<string>, deps: Deps) {
  const config = deps.cadence.appointments;
  const plan = planReminders({
    appointment: appt,
    offsets: offsetsFor(config, appt.kind),
    participant,
    now,
    lateReminderMinLeadMinutes: config.reminders.lateReminderMinLeadMinutes,
    alreadyReminded: appt.remindedAt !== null,
  });
  for (const r of plan.reminders) {
    const data = payload.apptReminder.parse({ appointmentId: appt.id, revision: appt.revision, offset: r.offset, sendAt: r.sendAt.toISOString() });
    await addOrMove(deps, JOBS.apptReminder, data, r.sendAt);
  }
  const deadline = confirmationDeadline(appt, config.reminders.confirmByMinutesBefore, now);
  if (deadline) {
    const data = { appointmentId: appt.id, revision: appt.revision };
    await addOrMove(deps, JOBS.apptDeadline, data, deadline);
  }
  if (appt.id === firstId) await planOnboardingCall(appt, participant, deps);
  days.add(localDateOf(appt.startsAt, participant.timeZone));
}

/** Everything upcoming for one parent; called when their settings or consent change. */
export async function planAppointmentsFor(participantId: string, deps: Deps): Promise<void> {
  // One query when the parent has no upcoming appointment (most calls).
  const store = deps.store;
  const upcoming = await store.appointments.listForParticipant(participantId, { from: deps.clock.now(), status: "scheduled" });
  if (upcoming.length === 0) return;
  const participant = await store.participants.get(participantId);
  if (participant) await planForParticipant(participant, upcoming, deps);
}

/**
 * Hourly safety net: re-plans every appointment whose reminders could still be due (the
 * longest offset ahead, plus a day for quiet hours moving one to the evening before), so
 * work lost between a commit and its enqueue, or a Redis that lost its data, is back on
 * the schedule within the hour. Idempotent like every plan.
 */
export async function replanUpcomingAppointments(deps: Deps, pageSize = 500): Promise<{ appointments: number }> {
  const store = deps.store;
  const now = deps.clock.now();
  const config = deps.cadence.appointments.reminders;
  // Whole days an offset reaches back ("PT72H" is 3, like "P3D").
  const reachDays = (iso: string) => {
    const o = parseOffset(iso);
    return o ? Math.ceil(o.days + o.minutes / 1440) : 0;
  };
  const longestDays = Math.max(...[config.offsets, ...Object.values(config.byKind)].flat().map(reachDays)) + 2;
  const to = new Date(now.getTime() + longestDays * 24 * 3600_000);
  let afterId: string | null = null;
  let appointments = 0;
  for (;;) {
    const page = await store.appointments.listScheduledBetween(now, to, afterId, pageSize);
    if (page.length === 0) break;
    afterId = page[page.length - 1]!.id;
    const byParticipant = new Map<string, Appointment[]>();
    for (const appt of page) {
      const group = byParticipant.get(appt.participantId);
      if (group) group.push(appt);
      else byParticipant.set(appt.participantId, [appt]);
    }
    for (const [participantId, appts] of byParticipant) {
      const participant = await store.participants.get(participantId);
      // One parent's bad row (a date stored before admin dates were bounded) must not
      // stop the re-plan of everyone after them.
      if (participant) {
        await planForParticipant(participant, appts, deps).catch(onlyBadData(deps, "appointment re-plan failed for one participant", { participantId }));
      }
    }
    appointments += page.length;
  }
  return { appointments };
}

async function planOnboardingCall(appt: Appointment, participant: Participant, deps: Deps) {
  const peer = participant.peerId ? await deps.store.peers.get(participant.peerId) : null;
  const zone = peer?.timeZone ?? participant.timeZone;
  const dayBefore = addDays(localDateOf(appt.startsAt, zone), -1);
  const now = deps.clock.now();
  const at = zonedInstant(dayBefore, deps.cadence.appointments.onboarding.callTaskTime, zone);
  const data = { appointmentId: appt.id, revision: appt.revision };
  // Made the day before (or the same day): the task is due now.
  await addOrMove(deps, JOBS.onboardingCall, data, at.getTime() > now.getTime() ? at : now);
}


/** Best effort: the revision check in each processor is what guarantees an old job sends nothing. */
async function removePlannedJobs(before: Appointment, deps: Deps) {
  const q = deps.queues.appointments;
  const rev = before.revision;
  const ids = [
    ...[...offsetsFor(deps.cadence.appointments, before.kind), IMMEDIATE].map((offset) =>
      jobId.apptReminder({ appointmentId: before.id, offset, revision: rev }),
    ),
    jobId.apptDeadline({ appointmentId: before.id, revision: rev }),
    jobId.onboardingCall({ appointmentId: before.id, revision: rev }),
  ];
  for (const id of ids) {
    const job = await q.getJob(id);
    if (job && (await job.isDelayed())) await job.remove().catch(() => undefined);
  }
}

// ---------------------------------------------------------------------------------------
// Processors

export type ReminderOutcome = "sent" | "duplicate" | "stale" | "appointment_started" | "not_eligible" | "missed_send_window" | "quiet_hours";

export async function runAppointmentReminder(p: { appointmentId: string; revision: number; offset: string; sendAt: string }, deps: Deps): Promise<ReminderOutcome> {
  const now = deps.clock.now();
  const effects = noEffects();
  const outcome = await deps.transaction(async (store): Promise<ReminderOutcome> => {
    const appt = await store.appointments.get(p.appointmentId, { lock: true });
    if (!appt || appt.revision !== p.revision || appt.status !== "scheduled") return "stale";
    if (appt.startsAt.getTime() <= now.getTime()) return "appointment_started";
    const participant = await store.participants.get(appt.participantId);
    if (!canReceiveRoutine(participant)) return "not_eligible";
    const sendAt = new Date(p.sendAt);
    if (now.getTime() - sendAt.getTime() > deps.config.SEND_GRACE_MINUTES * 60_000) return "missed_send_window";
    if (!isWithinSendWindow(now, participant.timeZone, participant.sendWindow)) return "quiet_hours";
    const peer = participant.peerId ? await store.peers.get(participant.peerId) : null;
    const config = deps.cadence.appointments;
    const text = appt.place ? config.texts.reminder : config.texts.reminderNoPlace;
    const { message, isNew } = await store.outbound.createOnce({
      idempotencyKey: jobId.apptReminder(p),
      toPhone: participant.phone,
      body: renderCadence(text, participant.language, appointmentVars(deps, appt, participant, peer)),
      kind: "appointment_reminder",
      priority: "routine",
      participantId: participant.id,
      // Late only within the grace window, and never once the appointment has begun.
      notAfter: new Date(Math.min(sendAt.getTime() + deps.config.SEND_GRACE_MINUTES * 60_000, appt.startsAt.getTime())),
    });
    if (!isNew) return "duplicate";
    effects.sms.push(message);
    await store.appointments.markReminded(appt.id, appt.revision, now);
    return "sent";
  });
  await dispatchEffects(deps, effects);
  if (outcome !== "sent") deps.log.info("appointment reminder not sent", { appointmentId: p.appointmentId, offset: p.offset, outcome });
  return outcome;
}

export async function runConfirmationDeadline(p: { appointmentId: string; revision: number }, deps: Deps): Promise<string> {
  const effects = noEffects();
  const outcome = await deps.transaction(async (store) => {
    const appt = await store.appointments.get(p.appointmentId);
    if (!appt || appt.revision !== p.revision || appt.status !== "scheduled") return "stale";
    if (appt.confirmation !== "none") return appt.confirmation;
    const participant = await store.participants.get(appt.participantId);
    if (!participant || participant.status !== "active") return "not_eligible";
    const peer = participant.peerId ? await store.peers.get(participant.peerId) : null;
    const { notification, isNew } = await store.notifications.createOnce({
      idempotencyKey: `appt-unconfirmed|${appt.id}|${appt.revision}`,
      peerId: participant.peerId,
      participantId: participant.id,
      kind: "appointment_unconfirmed",
      summary: `${participant.firstName} has not confirmed ${describeForPeer(deps, appt, participant, peer)}${
        participant.consent === "opted_in" ? "" : " (they get no texts: not opted in)"
      }.`,
    });
    if (isNew) effects.notifications.push(notification);
    return "peer_notified";
  });
  await dispatchEffects(deps, effects);
  return outcome;
}

export async function runOnboardingCall(p: { appointmentId: string; revision: number }, deps: Deps): Promise<string> {
  const effects = noEffects();
  const now = deps.clock.now();
  const outcome = await deps.transaction(async (store) => {
    const appt = await store.appointments.get(p.appointmentId);
    if (!appt || appt.revision !== p.revision || appt.status !== "scheduled") return "stale";
    if (appt.startsAt.getTime() <= now.getTime()) return "appointment_started";
    const participant = await store.participants.get(appt.participantId);
    if (!participant || participant.status !== "active") return "not_eligible";
    const peer = participant.peerId ? await store.peers.get(participant.peerId) : null;
    const zone = peer?.timeZone ?? participant.timeZone;
    const day = localDateOf(appt.startsAt, zone) === localDateOf(now, zone) ? "today's" : "tomorrow's";
    const { notification, isNew } = await store.notifications.createOnce({
      // Once per parent: moving the first meeting must not ask for a second call.
      idempotencyKey: `onboarding-call|${participant.id}`,
      peerId: participant.peerId,
      participantId: participant.id,
      kind: "onboarding_call",
      summary: `Call ${participant.firstName} before ${day} first meeting (${describeForPeer(deps, appt, participant, peer)}).`,
    });
    if (isNew) effects.notifications.push(notification);
    return isNew ? "peer_notified" : "duplicate";
  });
  await dispatchEffects(deps, effects);
  return outcome;
}

// ---------------------------------------------------------------------------------------
// Texts




