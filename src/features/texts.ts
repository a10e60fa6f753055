import type { Language, Participant, Peer } from "../domain/model";
import { localise, type LocalisedText, type TemplateVars } from "../content/catalog";
import type { Deps } from "../ports/deps";

/**
 * `{contact}` when PROGRAM_CONTACT is unset. PROGRAM_CONTACT is one value for both
 * languages (a number or URL), so the fallback wording must follow the reader's
 * language: a Spanish HELP never names the contact in English.
 */
const DEFAULT_CONTACT: Readonly<Record<Language, string>> = {
  en: "your peer support program",
  es: "su programa de apoyo entre pares",
};

/** Variables every text may use. Only first names: minimum necessary in an SMS. */
export function textVars(deps: Pick<Deps, "config">, participant: Participant | null, peer: Peer | null): TemplateVars {
  return {
    firstName: participant?.firstName ?? "",
    peerName: peer ? firstWord(peer.name) : "Your peer",
    programName: deps.config.PROGRAM_NAME,
    contact: deps.config.PROGRAM_CONTACT ?? DEFAULT_CONTACT[participant?.language ?? "en"],
  };
}

export function renderFor(text: LocalisedText, language: Language, vars: TemplateVars): string {
  return localise(text, language, vars);
}

function firstWord(name: string): string {
  return name.trim().split(/\s+/)[0] ?? name;
}
