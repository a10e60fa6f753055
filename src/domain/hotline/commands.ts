/**
 * What a hotline responder's text means. Commands are a word and a case id so they can be
 * typed with one thumb:
 *   ACCEPT K7Q2A · DONE K7Q2A <note> · TRANSFER K7Q2A            (every responder)
 *   TAKE K7Q2A · REASSIGN K7Q2A <name or phone> · RELEASE K7Q2A · REVIEWED K7Q2A <note>
 *                                                                 (supervisor tier)
 * Anything else is a message for the parent, addressed to a case by a leading id
 * ("K7Q2A: …" or "#K7Q2A …") or, when the responder holds exactly one case, to that one.
 */
export type ResponderCommand =
  | { type: "accept"; shortId: string | null }
  | { type: "done"; shortId: string | null; note: string }
  | { type: "transfer"; shortId: string | null }
  | { type: "take"; shortId: string | null }
  | { type: "reassign"; shortId: string | null; to: string }
  | { type: "release"; shortId: string | null }
  | { type: "review"; shortId: string | null; note: string }
  /** A command word followed by something that is not a case id ("ACCEPT K7Q"): never relayed. */
  | { type: "bad_id"; given: string }
  | { type: "relay"; shortId: string | null; text: string };

export type CommandType = ResponderCommand["type"];

export const SHORT_ID_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export const SHORT_ID_LENGTH = 5;
const ID = `[${SHORT_ID_ALPHABET}${SHORT_ID_ALPHABET.toLowerCase()}]{${SHORT_ID_LENGTH}}`;

type Verb = "accept" | "done" | "transfer" | "take" | "reassign" | "release" | "review";

const VERBS: Record<string, Verb> = {
  accept: "accept",
  aceptar: "accept",
  acepto: "accept",
  done: "done",
  close: "done",
  listo: "done",
  cerrar: "done",
  transfer: "transfer",
  transferir: "transfer",
  take: "take",
  tomar: "take",
  reassign: "reassign",
  reasignar: "reassign",
  release: "release",
  liberar: "release",
  reviewed: "review",
  review: "review",
  revisado: "review",
};

/**
 * Words that do not start an ordinary sentence to a parent, so "ACCEPT K7Q" (a mistyped
 * id) is answered "no such case" instead of being relayed. "take", "done", "close" and
 * "listo" do start sentences ("Take a breath"), so they are commands only with an id.
 */
const STRICT: ReadonlySet<Verb> = new Set(["accept", "transfer", "reassign", "release", "review"]);

export function parseResponderCommand(body: string): ResponderCommand {
  const text = body.trim();
  const word = text.match(/^([a-záéíóú]+)(?![\p{L}\p{N}])([\s\S]*)$/iu);
  const verb = word ? VERBS[word[1]!.toLowerCase()] : undefined;
  if (word && verb) {
    const after = word[2]!;
    const withId = after.match(new RegExp(`^\\s*#?(${ID})(?![\\p{L}\\p{N}])[\\s:,.-]*([\\s\\S]*)$`, "u"));
    const shortId = withId ? withId[1]!.toUpperCase() : null;
    const rest = (withId ? withId[2]! : after).trim();
    const command = commandFor(verb, shortId, rest);
    if (command) return command;
    const attempt = rest.match(/^#?([A-Za-z0-9]{2,10})$/);
    if (STRICT.has(verb) && !shortId && attempt && (/\d/.test(attempt[1]!) || attempt[1] === attempt[1]!.toUpperCase())) {
      return { type: "bad_id", given: attempt[1]!.toUpperCase() };
    }
  }
  const addressed = text.match(new RegExp(`^#?(${ID})\\s*[:\\-]?\\s+([\\s\\S]+)$`));
  if (addressed) return { type: "relay", shortId: addressed[1]!.toUpperCase(), text: addressed[2]!.trim() };
  return { type: "relay", shortId: null, text };
}

function commandFor(verb: Verb, shortId: string | null, rest: string): ResponderCommand | null {
  switch (verb) {
    case "accept":
    case "transfer":
    case "release":
      // "ACCEPT K7Q2A please" is still the command; without an id, only the bare word is.
      return shortId || !rest ? { type: verb, shortId } : null;
    case "take":
      return !rest ? { type: "take", shortId } : null;
    case "done":
      return shortId || !rest ? { type: "done", shortId, note: rest } : null;
    case "review":
      return shortId || !rest ? { type: "review", shortId, note: rest } : null;
    case "reassign":
      return shortId || !rest ? { type: "reassign", shortId, to: rest } : null;
  }
}

/** Commands only the supervisor tier may use. */
export const SUPERVISOR_COMMANDS: ReadonlySet<CommandType> = new Set(["take", "reassign", "release", "review"]);

/** A random case id from an alphabet without look-alikes (no I/L/O/0/1). */
export function newShortId(random: () => number = Math.random): string {
  let id = "";
  for (let i = 0; i < SHORT_ID_LENGTH; i++) id += SHORT_ID_ALPHABET[Math.floor(random() * SHORT_ID_ALPHABET.length)];
  return id;
}
