import type { Language } from "../model";
import { renderTemplate, type TemplateVars } from "../text/template";

/**
 * Texts to volunteers and supervisors about the case lifecycle (docs/hotline-runbook.md
 * says what each one means). They are operational, not program content, so they live
 * with the rules that send them; the pages and claim texts programs may reword stay in
 * flows/program-messages.json. Minimum necessary: case ids and first names, never the
 * parent's words or number.
 */
const TEXTS = {
  noSuchCase: {
    en: "{programName} hotline: no such case {caseId}. Check the 5-character id in your page.",
    es: "Línea {programName}: no existe el caso {caseId}. Revise el número de 5 caracteres de su aviso.",
  },
  notYoursOpen: {
    en: "Case {caseId} is not yours: nobody holds it yet. Reply ACCEPT {caseId} to take it. Nothing was changed.",
    es: "El caso {caseId} no es suyo: nadie lo tiene todavía. Responda ACEPTAR {caseId} para tomarlo. No se cambió nada.",
  },
  notYoursClaimed: {
    en: "Case {caseId} is not yours: another responder holds it. Nothing was changed.",
    es: "El caso {caseId} no es suyo: lo tiene otra persona. No se cambió nada.",
  },
  caseClosed: {
    en: "Case {caseId} is already closed. Nothing was changed.",
    es: "El caso {caseId} ya está cerrado. No se cambió nada.",
  },
  supervisorsOnly: {
    en: "Only supervisors can do that. Volunteers: ACCEPT {caseId}, DONE {caseId} <note>, TRANSFER {caseId}.",
    es: "Solo supervisores pueden hacer eso. Voluntarios: ACEPTAR {caseId}, LISTO {caseId} <nota>, TRANSFERIR {caseId}.",
  },
  needsId: {
    en: "{programName} hotline: add the case id, e.g. {command} K7Q2A.",
    es: "Línea {programName}: agregue el número de caso, p. ej. {command} K7Q2A.",
  },
  nobodyOnShiftPage: {
    en: "{programName} hotline ALERT: no volunteer is on shift. Urgent case {caseId}, waiting {minutes} min. Reply ACCEPT {caseId} to take it or REASSIGN {caseId} <name>.",
    es: "ALERTA línea {programName}: no hay voluntarios de turno. Caso urgente {caseId}, esperando {minutes} min. Responda ACEPTAR {caseId} para tomarlo o REASIGNAR {caseId} <nombre>.",
  },
  reopenedHolderInactive: {
    en: "Case {caseId}: the parent texted again in crisis and you are no longer on the active roster, so the case is back in the queue and others are being paged.",
    es: "Caso {caseId}: la persona volvió a escribir en crisis y usted ya no está activo/a, así que el caso volvió a la cola y se avisa a otros.",
  },
  reopenedHolderOffShift: {
    en: "Case {caseId}: the parent texted again in crisis after your shift ended, so the case is back in the queue and others are being paged. Reply ACCEPT {caseId} if you can take it back.",
    es: "Caso {caseId}: la persona volvió a escribir en crisis después de su turno, así que el caso volvió a la cola y se avisa a otros. Responda ACEPTAR {caseId} si puede retomarlo.",
  },
  reopenedHolderSilent: {
    en: "Case {caseId}: the parent texted again in crisis and had no reply from you for {minutes} min, so the case is back in the queue and others are being paged. Reply ACCEPT {caseId} if you can take it back.",
    es: "Caso {caseId}: la persona volvió a escribir en crisis y no tuvo respuesta suya en {minutes} min, así que el caso volvió a la cola y se avisa a otros. Responda ACEPTAR {caseId} si puede retomarlo.",
  },
  takenOver: {
    en: "Case {caseId} was taken over by supervisor {name}. Thank you; your texts no longer reach the parent on this case.",
    es: "El/la supervisor/a {name} tomó el caso {caseId}. Gracias; sus mensajes ya no llegan a la persona en este caso.",
  },
  reassignedAway: {
    en: "Case {caseId} was reassigned by supervisor {name}. Thank you; your texts no longer reach the parent on this case.",
    es: "El/la supervisor/a {name} reasignó el caso {caseId}. Gracias; sus mensajes ya no llegan a la persona en este caso.",
  },
  assignedToYou: {
    en: "Supervisor {name} assigned case {caseId} to you ({firstName}, {language}). Texts you send here go to them from the program number; theirs arrive as [{caseId}]. DONE {caseId} <note> closes, TRANSFER {caseId} hands it back.",
    es: "El/la supervisor/a {name} le asignó el caso {caseId} ({firstName}, {language}). Lo que escriba aquí le llega desde el número del programa; sus mensajes llegan como [{caseId}]. LISTO {caseId} <nota> cierra, TRANSFERIR {caseId} lo devuelve.",
  },
  releasedAway: {
    en: "Case {caseId} was put back in the queue by supervisor {name}; others are being paged. Thank you.",
    es: "El/la supervisor/a {name} devolvió el caso {caseId} a la cola; se avisa a otros. Gracias.",
  },
  closedBySupervisor: {
    en: "Case {caseId} was closed by supervisor {name}. Thank you for being there.",
    es: "El/la supervisor/a {name} cerró el caso {caseId}. Gracias por estar ahí.",
  },
  actionDone: {
    en: "Case {caseId}: {done}.",
    es: "Caso {caseId}: {done}.",
  },
  reassignWho: {
    en: "REASSIGN {caseId} needs who: a name or phone, e.g. REASSIGN {caseId} Maria. Nothing was changed.",
    es: "REASIGNAR {caseId} necesita a quién: un nombre o teléfono, p. ej. REASIGNAR {caseId} Maria. No se cambió nada.",
  },
  reassignNoMatch: {
    en: "No active responder matches \"{who}\". Nothing was changed.",
    es: "Ningún responsable activo coincide con \"{who}\". No se cambió nada.",
  },
  reassignAmbiguous: {
    en: "More than one responder matches \"{who}\"; use their phone number. Nothing was changed.",
    es: "Más de una persona coincide con \"{who}\"; use su número de teléfono. No se cambió nada.",
  },
  conflict: {
    en: "Case {caseId}: {conflict}. Nothing was changed.",
    es: "Caso {caseId}: {conflict}. No se cambió nada.",
  },
  childSafetyVolunteerMandated: {
    en: "CHILD SAFETY, case {caseId}: a child may be at risk. If a child is in danger now, call 911. You are a mandated reporter: report suspected abuse or neglect to the state child abuse hotline today (Childhelp 1-800-422-4453 can connect you) and tell your supervisor. Do not promise the parent confidentiality.",
    es: "SEGURIDAD INFANTIL, caso {caseId}: un niño puede estar en riesgo. Si un niño está en peligro ahora, llame al 911. Usted es informante obligado/a: reporte hoy la sospecha de abuso o negligencia a la línea estatal de maltrato infantil (Childhelp 1-800-422-4453 le conecta) y avise a su supervisor/a. No prometa confidencialidad.",
  },
  childSafetyVolunteerNotMandated: {
    en: "CHILD SAFETY, case {caseId}: a child may be at risk. If a child is in danger now, call 911. A supervisor has been paged and decides on any report; write what the parent said about the child in your DONE note. Do not promise the parent confidentiality.",
    es: "SEGURIDAD INFANTIL, caso {caseId}: un niño puede estar en riesgo. Si un niño está en peligro ahora, llame al 911. Se avisó a un/a supervisor/a, que decide si se reporta; anote lo que dijo sobre el niño en su nota de LISTO. No prometa confidencialidad.",
  },
  childSafetySupervisorMandated: {
    en: "{programName} hotline CHILD SAFETY, case {caseId}: a child may be at risk. Volunteers are mandated reporters here and are told to report; make sure the report is made (911 if a child is in danger now), then reply REVIEWED {caseId} <note>. Reply TAKE {caseId} to take the case over.",
    es: "SEGURIDAD INFANTIL línea {programName}, caso {caseId}: un niño puede estar en riesgo. Aquí los voluntarios son informantes obligados y se les pide reportar; asegúrese de que se haga el reporte (911 si hay peligro ahora) y responda REVISADO {caseId} <nota>. Responda TOMAR {caseId} para tomar el caso.",
  },
  childSafetySupervisorNotMandated: {
    en: "{programName} hotline CHILD SAFETY, case {caseId}: a child may be at risk. Volunteers are not mandated reporters here: you decide on and make any report to the state child abuse hotline (911 if a child is in danger now), then reply REVIEWED {caseId} <note>. Reply TAKE {caseId} to take the case over.",
    es: "SEGURIDAD INFANTIL línea {programName}, caso {caseId}: un niño puede estar en riesgo. Aquí los voluntarios no son informantes obligados: usted decide y hace cualquier reporte a la línea estatal de maltrato infantil (911 si hay peligro ahora) y responde REVISADO {caseId} <nota>. Responda TOMAR {caseId} para tomar el caso.",
  },
} as const satisfies Record<string, Record<Language, string>>;

export type ResponderTextKey = keyof typeof TEXTS;

export function responderText(key: ResponderTextKey, language: Language, vars: TemplateVars): string {
  return renderTemplate(TEXTS[key][language] ?? TEXTS[key].en, vars);
}

/** The guidance a responder gets when a child may be at risk, per the program's reporting rule. */
export function childSafetyGuidanceKey(tier: "volunteer" | "supervisor", volunteersAreMandatedReporters: boolean): ResponderTextKey {
  if (tier === "supervisor") return volunteersAreMandatedReporters ? "childSafetySupervisorMandated" : "childSafetySupervisorNotMandated";
  return volunteersAreMandatedReporters ? "childSafetyVolunteerMandated" : "childSafetyVolunteerNotMandated";
}

export const RESPONDER_TEXT_KEYS = Object.keys(TEXTS) as ResponderTextKey[];
