import { fold } from "./fold.js";

export type Keyword = "stop" | "start" | "help" | "yes";

/**
 * Display forms, per language, so HELP replies and docs can list exactly what we honour.
 * "AYUDA" is deliberately absent: 988's Spanish line uses it, so to us it is a crisis
 * word, and treating it as HELP would answer a crisis with a menu.
 */
export const KEYWORD_LISTS = {
  stop: {
    en: ["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "OPTOUT", "REVOKE"],
    es: ["PARAR", "PARA", "DETENER", "CANCELAR", "BAJA", "ALTO", "SALIR"],
  },
  start: {
    en: ["START", "UNSTOP"],
    es: ["COMENZAR", "INICIAR", "REANUDAR"],
  },
  help: {
    en: ["HELP", "INFO"],
    es: ["INFORMACIÓN"],
  },
  yes: {
    en: ["YES", "Y", "YEP", "YEAH"],
    es: ["SÍ", "S"],
  },
} as const satisfies Readonly<Record<Keyword, { readonly en: readonly string[]; readonly es: readonly string[] }>>;

/** Match key: folded, with internal spaces and dashes removed ("opt-out", "stop all"). */
function matchKey(text: string): string {
  return fold(text).replace(/[\s\p{Pd}_]+/gu, "");
}

const LOOKUP: ReadonlyMap<string, Keyword> = (() => {
  const map = new Map<string, Keyword>();
  for (const keyword of Object.keys(KEYWORD_LISTS) as Keyword[]) {
    for (const word of [...KEYWORD_LISTS[keyword].en, ...KEYWORD_LISTS[keyword].es]) {
      const key = matchKey(word);
      const existing = map.get(key);
      // A word in two lists would make opt-out ambiguous; fail at import, not in production.
      if (existing !== undefined && existing !== keyword) {
        throw new Error(`keyword "${word}" is listed under both ${existing} and ${keyword}`);
      }
      map.set(key, keyword);
    }
  }
  return map;
})();

/**
 * Only a message that is *nothing but* a keyword counts: "stop texting me pls" is a
 * conversation for the peer, not an opt-out, and "STOP i want to die" must stay visible
 * to the crisis screen rather than be swallowed as an opt-out.
 * Emoji and other symbols are not stripped ("STOP 🛑" → null) to keep the match exact,
 * as carriers do.
 */
export function classifyKeyword(body: string): Keyword | null {
  const trimmed = fold(body).replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, "");
  if (trimmed === "") return null;
  return LOOKUP.get(matchKey(trimmed)) ?? null;
}
