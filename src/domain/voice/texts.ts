import type { Language } from "../model";
import type { Speech } from "./steps";

/**
 * What callers and volunteers hear. Short on purpose: a parent in crisis should hear 911,
 * 988 and "stay on the line" within a few seconds. Numbers are spelled with spaces so the
 * voice reads "nine one one", not "nine hundred eleven".
 */
const TEXTS = {
  greeting: {
    en: "You have reached the {program} crisis line. If you are in immediate danger, hang up and call 9 1 1. To talk to the 9 8 8 crisis line now, press 9. Otherwise stay on the line: we are calling a volunteer for you.",
    es: "Llamaste a la línea de crisis de {program}. Si estás en peligro inmediato, cuelga y llama al 9 1 1. Para hablar ahora con la línea de crisis 9 8 8, marca 9. Si no, quédate en la línea: estamos llamando a un voluntario.",
  },
  outageGreeting: {
    en: "You have reached the {program} crisis line. If you are in immediate danger, hang up and call 9 1 1. We are calling a volunteer for you; if nobody answers, we will connect you to the 9 8 8 crisis line.",
    es: "Llamaste a la línea de crisis de {program}. Si estás en peligro inmediato, cuelga y llama al 9 1 1. Estamos llamando a un voluntario; si nadie contesta, te comunicaremos con la línea de crisis 9 8 8.",
  },
  peerOption: {
    en: "To leave a message for your peer instead, press 2.",
    es: "Para dejarle un mensaje a tu consejera o consejero, marca 2.",
  },
  hold: {
    en: "A volunteer is being called. Please stay on the line.",
    es: "Estamos llamando a un voluntario. Por favor, quédate en la línea.",
  },
  missed: {
    en: "We could not reach a volunteer right now. If you are in immediate danger, call 9 1 1. To talk to the 9 8 8 crisis line now, press 9. Or leave a message after the tone, and a volunteer will call or text you back.",
    es: "No pudimos comunicarte con un voluntario ahora. Si estás en peligro inmediato, llama al 9 1 1. Para hablar ahora con la línea de crisis 9 8 8, marca 9. O deja un mensaje después del tono y un voluntario te llamará o te escribirá.",
  },
  peerVoicemail: {
    en: "Leave your message for your peer after the tone. If this is an emergency, hang up and call 9 1 1 or 9 8 8.",
    es: "Deja tu mensaje para tu consejero después del tono. Si es una emergencia, cuelga y llama al 9 1 1 o al 9 8 8.",
  },
  thanks: {
    en: "Thank you. A volunteer will contact you as soon as possible. If you are in danger, call 9 1 1 or 9 8 8.",
    es: "Gracias. Un voluntario se comunicará contigo lo antes posible. Si estás en peligro, llama al 9 1 1 o al 9 8 8.",
  },
  peerThanks: {
    en: "Thank you. Your peer will get your message during their working hours. If you are in danger, call 9 1 1 or 9 8 8.",
    es: "Gracias. Tu consejero recibirá tu mensaje en su horario de trabajo. Si estás en peligro, llama al 9 1 1 o al 9 8 8.",
  },
  connecting988: {
    en: "Connecting you to the 9 8 8 crisis line.",
    es: "Te estamos comunicando con la línea de crisis 9 8 8. Marca 2 para español.",
  },
  whisper: {
    en: "{program} crisis call from a parent. Press 1 to take it.",
    es: "Llamada de crisis de {program} de una madre o un padre. Marca 1 para tomarla.",
  },
  whisperNoKey: { en: "No key pressed. Goodbye.", es: "No marcaste ninguna tecla. Adiós." },
  whisperLost: { en: "Someone else took this call. Thank you.", es: "Otra persona tomó esta llamada. Gracias." },
  whisperGone: { en: "The caller is no longer waiting. Thank you.", es: "La persona ya no está esperando. Gracias." },
  whisperConnecting: { en: "Connecting you to the caller now.", es: "Te comunicamos con la persona ahora." },
  whisperStillGreeting: { en: "The caller is still hearing the greeting. One moment.", es: "La persona todavía escucha el saludo. Un momento." },
  callbackIntro: {
    en: "Connecting you to the parent for case {caseId}. They will see the program number.",
    es: "Te comunicamos con la madre o el padre del caso {caseId}. Verá el número del programa.",
  },
} as const satisfies Record<string, Record<Language, string>>;

export type VoiceTextKey = keyof typeof TEXTS;

export function voiceText(key: VoiceTextKey, language: Language, vars: Record<string, string> = {}): Speech {
  const text = TEXTS[key][language].replace(/\{(\w+)\}/g, (_, name: string) => vars[name] ?? "");
  return { text, language };
}

/** A known parent hears their language; an unknown caller hears English then Spanish. */
export function speechFor(key: VoiceTextKey, language: Language | "both", vars: Record<string, string> = {}): Speech[] {
  return language === "both" ? [voiceText(key, "en", vars), voiceText(key, "es", vars)] : [voiceText(key, language, vars)];
}

/**
 * What the voice hotline texts responders (SMS from the program number). Ids, minutes and
 * first names only: the parent's number never appears, the transcript only to the holder.
 */
const SMS = {
  onCall: {
    en: "[{caseId}] You are on the phone with the parent now. Afterwards, text here to reach them, CALL {caseId} to call back, DONE {caseId} when finished.",
    es: "[{caseId}] Estás al teléfono con la persona ahora. Después, escribe aquí para contactarla, CALL {caseId} para devolver la llamada, LISTO {caseId} al terminar.",
  },
  callEnded: {
    en: "[{caseId}] The call ended after {minutes} min. Text here to reach the parent, CALL {caseId} to call back, DONE {caseId} when finished.",
    es: "[{caseId}] La llamada terminó después de {minutes} min. Escribe aquí para contactar a la persona, CALL {caseId} para llamar, LISTO {caseId} al terminar.",
  },
  answeredByOther: {
    en: "[{caseId}] {name} answered the parent's call on your case and is talking with them now.",
    es: "[{caseId}] {name} contestó la llamada de la persona de tu caso y está hablando con ella ahora.",
  },
  missedOnHeld: {
    en: "[{caseId}] The parent called the hotline and nobody answered. CALL {caseId} to call them back from the program number.",
    es: "[{caseId}] La persona llamó a la línea y nadie contestó. CALL {caseId} para devolverle la llamada desde el número del programa.",
  },
  voicemail: {
    en: "[{caseId}] Voicemail ({seconds} s): {transcript}",
    es: "[{caseId}] Mensaje de voz ({seconds} s): {transcript}",
  },
  callbackRinging: {
    en: "[{caseId}] Calling you now; answer and we connect you to the parent from the program number.",
    es: "[{caseId}] Te llamamos ahora; contesta y te comunicamos con la persona desde el número del programa.",
  },
  callbackNotYours: {
    en: "Case {caseId} is not yours to call back (ACCEPT it first).",
    es: "El caso {caseId} no es tuyo para devolver la llamada (primero ACCEPT).",
  },
  callbackFailed: {
    en: "[{caseId}] The call could not be placed. Try again, or text the parent here.",
    es: "[{caseId}] No se pudo hacer la llamada. Inténtalo de nuevo o escribe aquí a la persona.",
  },
} as const satisfies Record<string, Record<Language, string>>;

export type VoiceSmsKey = keyof typeof SMS;

export function voiceSms(key: VoiceSmsKey, language: Language, vars: Record<string, string | number>): string {
  return SMS[key][language].replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? ""));
}

/** `CALL K7Q2A` (or LLAMAR): a volunteer asks to be connected to the parent of a case they hold. */
export function parseCallBack(body: string): { shortId: string } | null {
  const m = body.trim().match(/^(?:call|llamar)\s+#?([a-z0-9]{5})\s*$/i);
  return m ? { shortId: m[1]!.toUpperCase() } : null;
}
