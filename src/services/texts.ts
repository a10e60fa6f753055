import type { Language, Participant, Peer } from "../domain/model";
import { localise, type LocalisedText, type TemplateVars } from "../flows/catalog";
import type { Deps } from "./deps";

/** Variables every text may use. Only first names: minimum necessary in an SMS. */
export function textVars(deps: Pick<Deps, "config">, participant: Participant | null, peer: Peer | null): TemplateVars {
  return {
    firstName: participant?.firstName ?? "",
    peerName: peer ? firstWord(peer.name) : "Your peer",
    programName: deps.config.PROGRAM_NAME,
    contact: deps.config.PROGRAM_CONTACT,
  };
}

export function renderFor(text: LocalisedText, language: Language, vars: TemplateVars): string {
  return localise(text, language, vars);
}

function firstWord(name: string): string {
  return name.trim().split(/\s+/)[0] ?? name;
}
