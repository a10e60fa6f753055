/**
 * Explicit help keywords (product policy). A message is an explicit request
 * for crisis help when, after normalisation, it IS one of these or STARTS
 * with one of them.
 *
 * Plain "HELP" is deliberately absent: it is the carrier-mandated info
 * keyword and is answered elsewhere. "HELP" plus crisis content is caught by
 * the content rules instead.
 */
export const EXPLICIT_HELP_KEYWORDS = {
  en: ["sos", "crisis", "emergency", "help me"],
  // "ayudame" covers AYÚDAME after accent stripping; "ayudenme" is the plural.
  es: ["ayuda", "auxilio", "ayudame", "ayudenme", "emergencia"],
} as const;

// Words people put in front of the keyword without changing its meaning
// ("please SOS", "STOP HELP ME", "dios mio ayuda").
const LEAD_IN = String.raw`(?:(?:please|stop|hey|hi|oh god|omg|god|dios mio|dios|por favor|porfa|help)\s+)*`;

// "sos" is also Central American/Rioplatense voseo ("sos una genia" = "you
// are a star"); those continuations are not a request for help.
const VOSEO_AFTER_SOS = String.raw`(?!\s+(?:un|una|muy|el|la|lo|mi|tan|re|mas|bien|todo|toda|lo mejor|vos)\b)`;

// "ayuda con los papeles", "help me find a meeting": a request for practical help.
const PRACTICAL_HELP = String.raw`(?!(?:con|para|pa|with|find|get|fill|understand|figure|to find|to get|a encontrar|a conseguir|a llenar|a buscar|buscar|encontrar|conseguir|llenar|de la renta|for rent)\b)`;

const KEYWORD_AT_START = new RegExp(
  String.raw`^${LEAD_IN}(?:sos${VOSEO_AFTER_SOS}|${[
    ...EXPLICIT_HELP_KEYWORDS.en.filter((k) => k !== "sos"),
    ...EXPLICIT_HELP_KEYWORDS.es,
  ].join("|")})(?:\s|$)${PRACTICAL_HELP}`,
);

export const EXPLICIT_HELP_RULE_ID = "help.keyword";

export function startsWithHelpKeyword(normalised: string): boolean {
  return KEYWORD_AT_START.test(normalised);
}
