import { parseAppointmentReply } from "../../domain/appointments/reply";
import type { InboundMessage, Participant } from "../../domain/model";
import { classifyKeyword } from "../../domain/text/keywords";
import { renderCadence } from "../../content/config-file";
import type { Store } from "../../adapters/postgres";
import { appointmentVars, describeForPeer } from "./appointment-views";
import type { Deps } from "../../ports/deps";
import type { Effects } from "../../jobs/effects";
import { awardPoints } from "./incentives";

/**
 * A parent's C / R answer to an appointment reminder, inside the inbound transaction.
 * Returns the outcome, or null when the text is not about an appointment (then check-in
 * replies and notes for the peer take it). A keyword (STOP/HELP/YES) is never C/R: it is
 * left to the keyword handling that follows. The crisis screen ran before everything.
 */
export async function handleAppointmentReply(ctx: {
  msg: InboundMessage;
  participant: Participant;
  store: Store;
  deps: Deps;
  now: Date;
  effects: Effects;
}): Promise<string | null> {
  const { msg, participant, store, deps, now, effects } = ctx;
  if (participant.consent !== "opted_in" || classifyKeyword(msg.body) !== null) return null;
  // A crisis text never becomes a confirmation; the crisis path owns it.
  if (msg.crisisLevel === "imminent") return null;
  const answer = parseAppointmentReply(msg.body);
  if (!answer) return null;
  const appt = await store.appointments.awaitingConfirmation(participant.id, now);
  if (!appt) return null;
  const peer = participant.peerId ? await store.peers.get(participant.peerId) : null;
  const state = answer === "confirm" ? "confirmed" : "reschedule_requested";
  const updated = await store.appointments.setConfirmation(appt.id, state, now);
  if (!updated) return null;
  const config = deps.cadence.appointments;
  if (answer === "reschedule") {
    const { notification, isNew } = await store.notifications.createOnce({
      idempotencyKey: `appt-reschedule|${appt.id}|${appt.revision}`,
      peerId: participant.peerId,
      participantId: participant.id,
      kind: "appointment_reschedule",
      summary: `${participant.firstName} asked to reschedule ${describeForPeer(deps, appt, participant, peer)}.`,
      inboundMessageId: msg.id,
    });
    if (isNew) effects.notifications.push(notification);
  } else {
    await awardPoints(store, deps, effects, { participant, reason: "appointment_confirmed", sourceKey: `appt-confirmed|${appt.id}` });
  }
  const { message, isNew } = await store.outbound.createOnce({
    idempotencyKey: `appt-${state}|${msg.id}`,
    toPhone: participant.phone,
    body: renderCadence(answer === "confirm" ? config.texts.confirmed : config.texts.rescheduleRequested, participant.language, appointmentVars(deps, appt, participant, peer)),
    kind: answer === "confirm" ? "appointment_confirmed" : "appointment_reschedule",
    priority: "reply",
    participantId: participant.id,
    notAfter: null,
  });
  if (isNew) effects.sms.push(message);
  return answer === "confirm" ? "appointment_confirmed" : "appointment_reschedule_requested";
}
