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

/** PAUSE bounds: long enough for a residential stay, short enough that nobody is forgotten. */
export const PAUSE_MIN_DAYS = 1;
export const PAUSE_MAX_DAYS = 90;
const PAUSE_WORDS = new Set(["pause", "pausa", "pausar"]);

export type PauseCommand = { kind: "pause"; days: number } | { kind: "pause_invalid" };

/**
 * `PAUSE <days>` / `PAUSA <días>` as the whole message ("pause 14", "PAUSA 30 días",
 * "pause for 7 days"). A message that starts with the word but gives no usable number
 * ("pausa por favor", "PAUSE 200") is `pause_invalid`, answered with how to use it;
 * a longer sentence ("pause, I need to think about my kids and …") is a conversation.
 * Never a STOP/HELP/START word (checked below at import), and the crisis screen has run
 * on the text before anything reads it.
 */
export function parsePauseCommand(body: string): PauseCommand | null {
  const words = fold(body)
    .replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, "")
    // Split on spaces and sentence punctuation only: "-3" must stay one (invalid) word.
    .split(/[\s,;:.!?¡¿]+/u)
    .filter((w) => w !== "");
  if (words.length === 0 || !PAUSE_WORDS.has(words[0]!) || words.length > 5) return null;
  const rest = words.slice(1).filter((w) => !["for", "por", "x"].includes(w));
  const [n, unit, ...extra] = rest;
  if (n === undefined || !/^\d{1,3}$/.test(n) || extra.length > 0) return { kind: "pause_invalid" };
  if (unit !== undefined && !["d", "day", "days", "dia", "dias"].includes(unit)) return { kind: "pause_invalid" };
  const days = Number(n);
  return days >= PAUSE_MIN_DAYS && days <= PAUSE_MAX_DAYS ? { kind: "pause", days } : { kind: "pause_invalid" };
}

for (const word of PAUSE_WORDS) {
  if (LOOKUP.has(matchKey(word))) throw new Error(`pause word "${word}" is also a carrier keyword`);
}
