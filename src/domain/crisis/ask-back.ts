/**
 * The ask-back for a possible crisis (ambiguous distress): one direct question in the
 * sender's language, and how to read the answer. Pure: texts and parsing only; the
 * services keep the pending question in the store (see docs/crisis-screen.md).
 */
import type { Language } from "../model";
import { normalise } from "./normalise.js";

/** How long a question waits for its answer before the text goes to the peer as a concern. */
export const ASK_BACK_WINDOW_MINUTES = 30;
/** A late YES still opens a case: someone who says yes an hour later still means it. */
export const ASK_BACK_LATE_YES_HOURS = 24;

export const ASK_BACK_TEXT: Readonly<Record<Language | "both", string>> = {
  en: "Are you thinking about suicide or hurting yourself right now? Reply YES or NO. You can call or text 988 any time.",
  es: "¿Está pensando en suicidarse o en hacerse daño ahora? Responda SÍ o NO. Llame al 988 o envíe AYUDA al 988 en cualquier momento.",
  both:
    "Are you thinking about suicide or hurting yourself right now? Reply YES or NO. Call or text 988 any time. / ¿Está pensando en suicidarse o en hacerse daño ahora? Responda SÍ o NO. Llame o envíe AYUDA al 988.",
};

/** When the question could not be recorded: no YES/NO to wait for, but 988 is always right. */
export const ASK_BACK_UNRECORDED_TEXT: Readonly<Record<Language | "both", string>> = {
  en: "If you are thinking about suicide or hurting yourself, call or text 988 now. In danger now: call 911.",
  es: "Si está pensando en suicidarse o en hacerse daño, llame al 988 o envíe AYUDA al 988 ahora. En peligro: llame al 911.",
  both:
    "If you are thinking about suicide or hurting yourself, call or text 988 now; in danger, 911. / Si piensa en suicidarse o hacerse daño, llame o envíe AYUDA al 988; en peligro, 911.",
};

/** The safety reply when the person at risk is someone else ("my husband says he wants to kill himself"). */
export const THIRD_PARTY_SAFETY_TEXT: Readonly<Record<Language | "both", string>> = {
  en: "Thank you for reaching out for them. If they are in danger now, call 911. You or they can call or text 988 any time. Stay with them if it is safe. Our hotline team has your message.",
  es: "Gracias por buscar ayuda para esa persona. Si está en peligro ahora, llame al 911. Usted o esa persona pueden llamar al 988 o enviar AYUDA al 988. Quédese con ella si es seguro. Nuestro equipo de la línea tiene su mensaje.",
  both:
    "If they are in danger now, call 911. You or they can call or text 988 any time; stay with them if it is safe. Our hotline team has your message. / Si esa persona está en peligro, llame al 911. Llame o envíe AYUDA al 988. Nuestro equipo tiene su mensaje.",
};

/** Appended to the carrier HELP text when a parent sends a bare HELP or AYUDA. */
export const HELP_SAFETY_LINE: Readonly<Record<Language, string>> = {
  en: "If you are in crisis, call or text 988 now. A volunteer will check on you.",
  es: "Si está en crisis, llame al 988 o envíe AYUDA al 988 ahora. Un voluntario se comunicará con usted.",
};

const YES = /^(?:yes|yeah|yea|yep|ya|y|si|s|sip|yes i am|si estoy|si lo estoy|i am|i do|yes please|si por favor)$/;
const NO = /^(?:no|nope|nah|n|not really|no i am not|no estoy|no gracias|no thanks|no thank you|i am not|im not|i am ok|i am okay|estoy bien|no no)$/;

/**
 * A bare YES/SÍ or NO answer ("Yes.", "sí", "no gracias"). Anything longer is not read
 * as an answer: it is screened like any text (an imminent one opens a case anyway).
 */
export function parseAskBackAnswer(body: string): "yes" | "no" | null {
  if (/^\s*n[.!]*\s*$/i.test(body)) return "no"; // normalise reads a lone "n" as "and"
  const t = normalise(body).replace(/\b(?:lol|ok|okay|pues|bueno)\b/g, "").trim().replace(/\s+/g, " ");
  if (YES.test(t)) return "yes";
  if (NO.test(t)) return "no";
  return null;
}

const BARE_HELP = /^(?:please |por favor )?(?:help|ayuda|info|informacion)(?: please| por favor)?$/;

/** "HELP", "ayuda", "Help!": the carrier keyword alone, with nothing else said. */
export function isBareHelp(body: string): boolean {
  return BARE_HELP.test(normalise(body));
}

/** The peer's note when a possible crisis was asked about and the answer was no, or none came. */
export function askBackConcernSummary(outcome: "no" | "timed_out"): string {
  return outcome === "no"
    ? "They sent a text that sounded very low. We asked whether they were thinking about suicide or hurting themselves, and they said no. Please reach out today, gently."
    : `They sent a text that sounded very low. We asked whether they were thinking about suicide or hurting themselves and have had no answer in ${ASK_BACK_WINDOW_MINUTES} minutes. Please reach out soon, gently.`;
}
