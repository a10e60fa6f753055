/**
 * Turns a raw SMS into a canonical form the crisis rules can match with simple
 * word-boundary regexes: lower-case ASCII letters, digits and single spaces.
 *
 * Every step exists because people in distress text fast, on cheap phones, in
 * two languages: accents are often missing, letters get stretched ("pleaseee"),
 * emoji carry meaning (💊💀), and slang/abbreviations replace words.
 */

/**
 * Emoji that carry crisis-relevant meaning become words; laughing emoji become
 * "lol" so figurative lines ("i'm dead 😂") are recognised as jokes. Everything
 * else (😭, ❤️, 🙏 ...) is dropped as neutral by the punctuation step.
 */
const EMOJI_WORDS: Readonly<Record<string, string>> = {
  "💊": "pills",
  "🔫": "gun",
  "🔪": "knife",
  "🗡": "knife",
  "🪢": "rope",
  "💀": "death",
  "☠": "death",
  "🪦": "death",
  "⚰": "death",
  "🆘": "sos",
  "🚑": "ambulance",
  "🩸": "blood",
  "💉": "needle",
  "😂": "lol",
  "🤣": "lol",
  "😹": "lol",
};

/**
 * Whole-token rewrites for texting shorthand. Kept to tokens that are
 * unambiguous in this population's messages ("k" is not mapped: it means "ok").
 */
const SLANG_TOKENS: Readonly<Record<string, string>> = {
  wanna: "want to",
  wana: "want to",
  wan: "want",
  gonna: "going to",
  gona: "going to",
  gunna: "going to",
  finna: "going to",
  tryna: "trying to",
  imma: "i am going to",
  ima: "i am going to",
  im: "i am",
  u: "you",
  ur: "your",
  r: "are",
  b: "be",
  pls: "please",
  plz: "please",
  plez: "please",
  pleas: "please",
  rn: "right now",
  myslef: "myself",
  mysef: "myself",
  myelf: "myself",
  meself: "myself",
  pils: "pills",
  pillz: "pills",
  kiero: "quiero",
  qiero: "quiero",
  q: "que",
  xq: "porque",
  pq: "porque",
  porq: "porque",
  dnt: "dont",
  cnt: "cant",
  cannot: "cant",
};

function escapeForRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

const EMOJI_PATTERN = new RegExp(
  Object.keys(EMOJI_WORDS)
    .sort((a, b) => b.length - a.length)
    .map(escapeForRegex)
    .join("|"),
  "gu",
);

// "o.d." and "OD'd" must survive punctuation stripping as overdose words, and
// "od'd" must not collapse into the ordinary word "odd".
const DOTTED_OD = /\bo\.\s?d\.?(?=[^a-z]|$)/g;
const OD_APOSTROPHE_D = /\bod['’`]e?d\b/g;
const OD_APOSTROPHE_ING = /\bod['’`](?:ing|in)\b/g;
const APOSTROPHES = /['’‘`´]/g;
const COMBINING_MARKS = /\p{M}+/gu;
const NOT_ALNUM = /[^a-z0-9]+/g;
// Three or more of the same letter are stretching ("pleaseee", "nooo"); the
// root word almost always has a single letter there. Rules tolerate doubles.
const STRETCHED_LETTERS = /([a-z])\1{2,}/g;
const SPACES = /\s+/g;
// "want 2 die", "going 2 kill": "2" is "to" only after verbs that take an
// infinitive; elsewhere it is a number ("2 yrs ago", "2 rough day").
const TWO_AS_TO = /(?<=\b(?:want|wanna|going|gonna|need|have|got|try|trying|ready|about|plan|planning|wish|like|tryna|deserve) )2(?= [a-z])/g;

export function normalise(text: string): string {
  let s = text.replace(EMOJI_PATTERN, (e) => ` ${EMOJI_WORDS[e] ?? ""} `);
  s = s.toLowerCase();
  s = s.normalize("NFD").replace(COMBINING_MARKS, "");
  s = s
    .replace(DOTTED_OD, " od ")
    .replace(OD_APOSTROPHE_ING, "oding")
    .replace(OD_APOSTROPHE_D, "oded")
    .replace(APOSTROPHES, "");
  s = s.replace(NOT_ALNUM, " ").replace(STRETCHED_LETTERS, "$1").replace(TWO_AS_TO, "to");
  const tokens = s.split(SPACES).filter((t) => t.length > 0);
  return tokens.map((t) => SLANG_TOKENS[t] ?? t).join(" ");
}
