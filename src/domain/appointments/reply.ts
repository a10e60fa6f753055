import { fold } from "../text/fold";

/**
 * Reads a parent's answer to an appointment reminder ("Reply C to confirm or R to
 * reschedule"). Only the whole message counts, like carrier keywords: "c u later" or
 * "can we change the time to 3" are conversations for the peer.
 *
 * Decisions:
 * - YES / SI / Y / S are NOT confirmations. They are the opt-in keywords, and "yes" to a
 *   text that asked two things is ambiguous; the reminder asks for C.
 * - CANCEL / CANCELAR are NOT "reschedule": they are STOP words (opt-out), handled first.
 * - Nothing here is a check-in answer (no digits, no mood words: "ok" stays a check-in 3).
 *   Emoji are not stripped ("C 👍" is not a C: 👍 alone would be a check-in 4), as with keywords.
 */
export type AppointmentReply = "confirm" | "reschedule";

const CONFIRM = [
  "c", "confirm", "confirmed", "confirming", "ill be there", "i will be there", "will be there", "see you there",
  "confirmo", "confirmar", "confirmado", "confirmada", "ahi estare", "alli estare", "alla estare", "ahi voy a estar",
];
const RESCHEDULE = [
  "r", "reschedule", "rescheduled", "change", "change it", "new time", "cant make it", "cant go",
  "cambiar", "cambio", "cambiarla", "reprogramar", "otra hora", "otro dia", "no puedo ir", "no voy a poder",
];

const LOOKUP = new Map<string, AppointmentReply>([
  ...CONFIRM.map((w) => [w, "confirm"] as const),
  ...RESCHEDULE.map((w) => [w, "reschedule"] as const),
]);

export function parseAppointmentReply(body: string): AppointmentReply | null {
  const key = fold(body)
    .replace(/['’]/g, "")
    .replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, "")
    .replace(/[\s\p{P}]+/gu, " ");
  return LOOKUP.get(key) ?? null;
}
