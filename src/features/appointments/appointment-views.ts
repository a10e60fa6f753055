import { localDayBounds } from "../../domain/appointments/day-schedule";
import type { Appointment, AppointmentKind } from "../../domain/appointments/model";
import type { Language, Participant, Peer } from "../../domain/model";
import { formatLocal } from "../../domain/time";
import type { Store } from "../../adapters/postgres";
import type { Deps } from "../../ports/deps";
import { textVars } from "../texts";

/** What texts and notes say about appointments, and which fall on a parent's day. */
export function kindLabel(deps: Pick<Deps, "cadence">, kind: AppointmentKind, lang: Language): string {
  return deps.cadence.appointments.labels[kind][lang];
}

/** What a parent's texts may say about an appointment: kind, time in THEIR zone, place. Never notes. */
export function appointmentVars(deps: Pick<Deps, "cadence" | "config">, appt: Appointment, participant: Participant, peer: Peer | null) {
  const lang = participant.language;
  return {
    ...textVars(deps, participant, peer),
    kind: kindLabel(deps, appt.kind, lang),
    when: formatLocal(appt.startsAt, participant.timeZone, lang, "datetime"),
    time: formatLocal(appt.startsAt, participant.timeZone, lang, "time"),
    place: appt.place ?? "",
  };
}

/** For the peer: kind and time in the peer's own zone. */
export function describeForPeer(deps: Pick<Deps, "cadence">, appt: Appointment, participant: Participant, peer: Peer | null): string {
  return `${kindLabel(deps, appt.kind, "en")} on ${formatLocal(appt.startsAt, peer?.timeZone ?? participant.timeZone, "en", "datetime")}`;
}

/** Scheduled appointments starting on a parent's local date, from `from` on. */
export async function appointmentsOnDay(store: Store, participant: Participant, localDate: string, from?: Date): Promise<Appointment[]> {
  const bounds = localDayBounds(localDate, participant.timeZone);
  const start = from && from.getTime() > bounds.from.getTime() ? from : bounds.from;
  return store.appointments.listForParticipant(participant.id, { from: start, to: bounds.to, status: "scheduled" });
}
