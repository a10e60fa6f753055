/**
 * What a hotline volunteer's text means. Commands are a word and a case id so they can be
 * typed with one thumb: ACCEPT K7Q2A, DONE K7Q2A <note>, TRANSFER K7Q2A. Anything else is
 * a message for the parent, addressed to a case by a leading id ("K7Q2A: …" or "#K7Q2A …")
 * or, when the volunteer holds exactly one case, to that one.
 */
export type ResponderCommand =
  | { type: "accept"; shortId: string | null }
  | { type: "done"; shortId: string | null; note: string }
  | { type: "transfer"; shortId: string | null }
  | { type: "relay"; shortId: string | null; text: string };

export const SHORT_ID_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export const SHORT_ID_LENGTH = 5;
const ID = `[${SHORT_ID_ALPHABET}${SHORT_ID_ALPHABET.toLowerCase()}]{${SHORT_ID_LENGTH}}`;

const VERBS: Record<string, "accept" | "done" | "transfer"> = {
  accept: "accept",
  aceptar: "accept",
  acepto: "accept",
  done: "done",
  close: "done",
  listo: "done",
  cerrar: "done",
  transfer: "transfer",
  transferir: "transfer",
};

export function parseResponderCommand(body: string): ResponderCommand {
  const text = body.trim();
  const verb = text.match(new RegExp(`^([a-záéíóú]+)\\b\\s*(${ID})?\\b[\\s:,.-]*([\\s\\S]*)$`, "i"));
  if (verb) {
    const kind = VERBS[verb[1]!.toLowerCase()];
    const shortId = verb[2] ? verb[2].toUpperCase() : null;
    const rest = (verb[3] ?? "").trim();
    if (kind === "accept" && !rest) return { type: "accept", shortId };
    if (kind === "transfer" && !rest) return { type: "transfer", shortId };
    if (kind === "done" && (shortId || !rest)) return { type: "done", shortId, note: rest };
  }
  const addressed = text.match(new RegExp(`^#?(${ID})\\s*[:\\-]?\\s+([\\s\\S]+)$`));
  if (addressed) return { type: "relay", shortId: addressed[1]!.toUpperCase(), text: addressed[2]!.trim() };
  return { type: "relay", shortId: null, text };
}

/** A random case id from an alphabet without look-alikes (no I/L/O/0/1). */
export function newShortId(random: () => number = Math.random): string {
  let id = "";
  for (let i = 0; i < SHORT_ID_LENGTH; i++) id += SHORT_ID_ALPHABET[Math.floor(random() * SHORT_ID_ALPHABET.length)];
  return id;
}
