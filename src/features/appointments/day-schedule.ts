import { dayScheduleAt, mergesWithDailyCheckin } from "../../domain/appointments/day-schedule";
import { canReceiveRoutine } from "../../domain/routine-texts";
import type { Participant } from "../../domain/model";
import { renderCadence } from "../../content/config-file";
import { jobId, payload } from "../../jobs/queues";
import { type Store } from "../../adapters/postgres";
import { addOrMove } from "./appointment-jobs";
import { appointmentsOnDay, appointmentVars } from "./appointment-views";
import type { Deps } from "../../ports/deps";
import { dispatchEffects, noEffects } from "../../jobs/effects";
import { JOBS } from "../../jobs/catalog";

/**
 * The morning "your day today" text. Its content is read when it fires, so edits and
 * cancels after planning need no re-plan; only the send time is fixed at planning. When
 * the parent's daily check-in falls in the same local hour, no job is planned: the
 * check-in carries the list (see `withDaySchedule`), one text instead of two.
 */
export async function planDaySchedule(participant: Participant, localDate: string, deps: Deps): Promise<"planned" | "merged" | "none"> {
  const time = deps.cadence.appointments.daySchedule.time;
  if (mergesWithDailyCheckin(participant, localDate, time)) return "merged";
  const sendAt = dayScheduleAt(participant, localDate, time);
  const now = deps.clock.now();
  if (sendAt.getTime() <= now.getTime()) return "none";
  if ((await appointmentsOnDay(deps.store, participant, localDate, sendAt)).length === 0) return "none";
  const data = payload.daySchedule.parse({ participantId: participant.id, localDate, sendAt: sendAt.toISOString() });
  await addOrMove(deps, JOBS.daySchedule, data, sendAt);
  return "planned";
}

export async function runDaySchedule(p: { participantId: string; localDate: string; sendAt: string }, deps: Deps): Promise<string> {
  const now = deps.clock.now();
  const effects = noEffects();
  const outcome = await deps.transaction(async (store) => {
    const participant = await store.participants.get(p.participantId);
    if (!canReceiveRoutine(participant)) return "not_eligible";
    const time = deps.cadence.appointments.daySchedule.time;
    // Settings changed since planning so that the check-in now carries the list.
    if (mergesWithDailyCheckin(participant, p.localDate, time)) return "merged";
    const sendAt = new Date(p.sendAt);
    if (now.getTime() - sendAt.getTime() > deps.config.SEND_GRACE_MINUTES * 60_000) return "missed_send_window";
    const body = await dayScheduleText(store, deps, participant, p.localDate, sendAt);
    if (!body) return "no_appointments";
    const { message, isNew } = await store.outbound.createOnce({
      idempotencyKey: jobId.daySchedule(p),
      toPhone: participant.phone,
      body,
      kind: "day_schedule",
      priority: "routine",
      participantId: participant.id,
      notAfter: new Date(sendAt.getTime() + deps.config.SEND_GRACE_MINUTES * 60_000),
    });
    if (isNew) effects.sms.push(message);
    return isNew ? "sent" : "duplicate";
  });
  await dispatchEffects(deps, effects);
  return outcome;
}

/** "Ana, your day today:\n10:00 AM drug test, 12 Main St\n…" or null on a day with nothing left. */
export async function dayScheduleText(store: Store, deps: Deps, participant: Participant, localDate: string, from: Date): Promise<string | null> {
  const appts = await appointmentsOnDay(store, participant, localDate, from);
  if (appts.length === 0) return null;
  const peer = participant.peerId ? await store.peers.get(participant.peerId) : null;
  const { texts } = deps.cadence.appointments;
  const lang = participant.language;
  const list = appts
    .map((a) => {
      const vars = appointmentVars(deps, a, participant, peer);
      return renderCadence(a.place ? texts.dayScheduleItemWithPlace : texts.dayScheduleItem, lang, vars);
    })
    .join("\n");
  return renderCadence(texts.daySchedule, lang, { ...appointmentVars(deps, appts[0]!, participant, peer), list });
}

/**
 * The daily check-in text, with today's list appended when the day schedule falls in the
 * same local hour (called by runCheckinDue inside its transaction).
 */
export async function withDaySchedule(
  store: Store,
  deps: Deps,
  participant: Participant,
  check: { kind: string; localDate: string; dueAt: Date },
  body: string,
): Promise<string> {
  if (check.kind !== "daily" || !mergesWithDailyCheckin(participant, check.localDate, deps.cadence.appointments.daySchedule.time)) return body;
  const list = await dayScheduleText(store, deps, participant, check.localDate, check.dueAt);
  return list ? `${body}\n\n${list}` : body;
}
