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
 * Whole-token rewrites for texting shorthand (en/es). Kept to tokens that are
 * unambiguous in this population's messages. "k" is handled apart: alone it
 * means "ok", inside a sentence it is Spanish "que" ("k me kiero morir").
 */
const SLANG_TOKENS: Readonly<Record<string, string>> = {
  wanna: "want to",
  wana: "want to",
  wan: "want",
  gonna: "going to",
  gona: "going to",
  gunna: "going to",
  gna: "going to",
  gon: "going to",
  finna: "going to",
  tryna: "trying to",
  imma: "i am going to",
  ima: "i am going to",
  im: "i am",
  u: "you",
  ur: "your",
  r: "are",
  b: "be",
  n: "and",
  w: "with",
  bout: "about",
  pls: "please",
  plz: "please",
  plez: "please",
  pleas: "please",
  rn: "right now",
  tonite: "tonight",
  "2nite": "tonight",
  "2night": "tonight",
  "2day": "today",
  "2moro": "tomorrow",
  tmrw: "tomorrow",
  b4: "before",
  h8: "hate",
  myslef: "myself",
  mysef: "myself",
  myelf: "myself",
  meself: "myself",
  pils: "pills",
  pillz: "pills",
  kiero: "quiero",
  qiero: "quiero",
  kiere: "quiere",
  q: "que",
  xq: "porque",
  pq: "porque",
  porq: "porque",
  pa: "para",
  dnt: "dont",
  cnt: "cant",
  cannot: "cant",
  usd: "used",
};

/** Dropped final g ("thinkin bout endin it"): the verbs that matter to the rules. */
const G_DROPPED = new Set(
  "thinkin endin killin cuttin hurtin feelin tryin goin doin nothin beatin hittin chokin usin drinkin smokin cravin takin tellin talkin sayin livin dyin wantin gettin fuckin hidin leavin jumpin shootin hangin plannin breathin bleedin".split(" "),
);

/** Multi-token SMS spellings, after tokens are joined. */
const N_E_MORE = /\bn e (?:more|mor)\b/g;
const ANY_MORE = /\bany more\b/g;

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
const TWO_AS_TO = /(?<=\b(?:want|wanna|going|gonna|need|have|got|try|trying|ready|about|plan|planning|wish|like|tryna|deserve|gna) )2(?= [a-z])/g;
// Letters written with look-alike symbols inside a word: "d!e", "k|ll", "$uicide", "m@tar".
const SYMBOL_I = /(?<=[a-z])[!|](?=[a-z])/g;
const SYMBOL_A = /(?<=[a-z]|\b)@(?=[a-z])/g;
const SYMBOL_S = /\$(?=[a-z])|(?<=[a-z])\$/g;
// Leetspeak digits inside a word ("su1c1dal", "k1ll", "mys3lf", "d1e"). A number
// followed by a unit ("10am", "3rd", "5yo", "30s") is left alone.
const LEET: Readonly<Record<string, string>> = { "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t" };
const NUMBER_WITH_UNIT = /^[0-9]+[a-z]{0,4}$/;
// Single letters that are words of their own in SMS ("u r a good mom", "y a la");
// a run of three or more single letters made only of these is not a spelled-out word.
const LETTER_WORDS = new Set(["u", "r", "b", "y", "a", "o", "e", "i", "q", "k", "x", "n", "c", "w"]);
// "dye" and "die" are swapped both ways by fast thumbs. Dyeing takes an object
// ("dye my hair", "die his hair blue"); dying does not ("want 2 dye").
const DYE = /\bdye\b/g;
const XDYE = /\bxdye\b/g;
const DYE_WITH_OBJECT = /\b(?:dye|die)(?= (?:my|his|her|their|your|our|the|it|them|some|mi|su|el)\b)/g;
// Spanish enclitic pronouns are split off infinitives and gerunds so one rule
// sees "me quiero matar", "quiero matarme" and "queriendome matar" alike:
// "matarme" → "matar me", "queriendome" → "queriendo me".
const CLITIC = /^([a-z]*(?:ar|er|ir)|[a-z]+(?:ando|iendo|yendo))(me|se|nos|lo|la|los|las|le|les)$/;
const NOT_CLITIC = new Set(["firme", "duerme", "perla", "carla", "carlos", "verse", "universe", "reverse", "diverse", "charles"]);

function collapseSpelledLetters(tokens: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; ) {
    let j = i;
    while (j < tokens.length && /^[a-z]$/.test(tokens[j]!)) j++;
    const run = tokens.slice(i, j);
    if (run.length >= 3 && run.some((t) => !LETTER_WORDS.has(t))) {
      out.push(run.join(""));
      i = j;
    } else if (run.length > 0) {
      out.push(...run);
      i = j;
    } else {
      out.push(tokens[i]!);
      i++;
    }
  }
  return out;
}

function rewriteToken(t: string, index: number, all: readonly string[]): string {
  if (t === "k") return all.length > 1 && index < all.length - 1 ? "que" : "ok";
  const slang = SLANG_TOKENS[t];
  if (slang !== undefined) return slang;
  if (G_DROPPED.has(t)) return `${t}g`;
  if (/[0-9]/.test(t) && /[a-z]/.test(t) && !NUMBER_WITH_UNIT.test(t)) {
    const unleet = t.replace(/[013457]/g, (d) => LEET[d] ?? d);
    return SLANG_TOKENS[unleet] ?? unleet;
  }
  const clitic = NOT_CLITIC.has(t) ? null : CLITIC.exec(t);
  if (clitic && clitic[1]!.length >= 2) return `${clitic[1]} ${clitic[2]}`;
  return t;
}

export function normalise(text: string): string {
  let s = text.replace(EMOJI_PATTERN, (e) => ` ${EMOJI_WORDS[e] ?? ""} `);
  s = s.toLowerCase();
  s = s.normalize("NFD").replace(COMBINING_MARKS, "");
  s = s
    .replace(DOTTED_OD, " od ")
    .replace(OD_APOSTROPHE_ING, "oding")
    .replace(OD_APOSTROPHE_D, "oded")
    .replace(APOSTROPHES, "")
    .replace(SYMBOL_I, "i")
    .replace(SYMBOL_A, "a")
    .replace(SYMBOL_S, "s");
  s = s.replace(NOT_ALNUM, " ").replace(STRETCHED_LETTERS, "$1").replace(TWO_AS_TO, "to").replace(N_E_MORE, "anymore");
  const tokens = collapseSpelledLetters(s.split(SPACES).filter((t) => t.length > 0));
  s = tokens.map(rewriteToken).join(" ");
  return s.replace(ANY_MORE, "anymore").replace(DYE_WITH_OBJECT, "xdye").replace(DYE, "die").replace(XDYE, "dye");
}
