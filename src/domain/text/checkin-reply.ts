import { foldWithMap } from "./fold.js";

/**
 * Reads a parent's answer to "How are you today, 1-5?".
 *
 * The guiding rule is that a wrong score is worse than no score: an unparsed reply is
 * forwarded to the peer as a note and a human reads it, while a parsed one may only be
 * charted. So anything that looks like a question, a request, a time, a phone number, a
 * quantity ("2 kids", "3 days clean") or a mixed signal is left unparsed.
 *
 * Precedence: explicit digits, then number words, then mood words and emoji.
 */
export type Score = 1 | 2 | 3 | 4 | 5;
export type ParsedReply = { kind: "score"; score: Score; matched: string } | { kind: "unparsed" };

const UNPARSED: ParsedReply = { kind: "unparsed" };

/** Longer messages are conversations, not answers; word and emoji guesses stop here. */
const MAX_WORDS = 10;

// ---------------------------------------------------------------------------------------
// Vocabulary. Everything is in folded form: lower case, no accents, no apostrophes.

type Polarity = "pos" | "neg" | "neutral" | "fixed";
interface MoodEntry {
  phrase: readonly string[];
  score: Score;
  polarity: Polarity;
  /** Previous token must be one of these (or, with `alone`, the phrase is the whole clause). */
  cue?: ReadonlySet<string>;
  alone?: boolean;
  notBefore?: ReadonlySet<string>;
  notAfter?: ReadonlySet<string>;
}

const GREETING_NOUNS = new Set(["morning", "night", "afternoon", "evening", "luck", "job", "news", "idea"]);
// "well" is usually a discourse marker ("well... rough day") unless something frames it.
const WELL_CUES = new Set(["doing", "feeling", "feel", "pretty", "very", "really", "so", "not", "quite", "fairly", "going", "im", "am", "real", "too"]);
// "down" is usually directional ("calm down", "sit down") unless it describes a feeling.
const DOWN_CUES = new Set(["feeling", "feel", "felt", "im", "am", "bit", "little", "kinda", "pretty", "so", "very", "really", "been"]);

function mood(phrase: string, score: Score, polarity: Polarity, extra: Partial<MoodEntry> = {}): MoodEntry {
  return { phrase: phrase.split(" "), score, polarity, ...extra };
}

/*
 * Mood words. Polarity decides what negation and intensifiers do:
 *   pos:     "not good" → 2, "not very good" / "no muy bien" → 3, "very good" / "muy bien" → 5
 *   neg:     "not bad" / "no tan mal" → 3, "really bad" / "muy mal" → 1
 *   neutral: "not ok" → 2
 *   fixed:   idioms; a negated idiom is too unclear to score, so it is dropped
 * "tired" is 3: it describes energy, not how the day is going, so it does not pull the
 * score down on its own (and "good but tired" lands on 3 via the mixed-signal rule).
 */
const MOODS: readonly MoodEntry[] = [
  // en
  mood("great", 5, "pos", { notBefore: GREETING_NOUNS }),
  mood("awesome", 5, "pos"),
  mood("amazing", 5, "pos"),
  mood("excellent", 5, "pos"),
  mood("fantastic", 5, "pos"),
  mood("wonderful", 5, "pos"),
  mood("good", 4, "pos", { notBefore: GREETING_NOUNS }),
  mood("well", 4, "pos", { cue: WELL_CUES }),
  mood("fine", 4, "pos"),
  mood("better", 4, "pos"),
  mood("cant complain", 4, "fixed"),
  mood("ok", 3, "neutral"),
  mood("okay", 3, "neutral"),
  mood("okey", 3, "neutral"),
  mood("alright", 3, "neutral"),
  mood("all right", 3, "neutral"),
  mood("meh", 3, "fixed"),
  mood("so so", 3, "fixed"),
  mood("could be better", 3, "fixed"),
  mood("could be worse", 3, "fixed"),
  mood("tired", 3, "fixed"),
  mood("bad", 2, "neg", { notAfter: new Set(["my"]) }),
  mood("sad", 2, "neg"),
  mood("down", 2, "neg", { cue: DOWN_CUES, alone: true }),
  mood("rough", 2, "neg"),
  mood("struggling", 2, "neg"),
  mood("stressed", 2, "neg"),
  mood("terrible", 1, "neg"),
  mood("awful", 1, "neg"),
  mood("horrible", 1, "neg"),
  mood("worst", 1, "neg"),
  // es ("terrible", "horrible" are shared with en)
  mood("excelente", 5, "pos"),
  mood("genial", 5, "pos"),
  mood("fantastico", 5, "pos"),
  mood("fantastica", 5, "pos"),
  mood("bien", 4, "pos"),
  mood("mas o menos", 3, "fixed"),
  mood("asi asi", 3, "fixed"),
  mood("ahi vamos", 3, "fixed"),
  mood("ni bien ni mal", 3, "fixed"),
  mood("regular", 3, "neutral"),
  mood("normal", 3, "neutral"),
  mood("cansado", 3, "fixed"),
  mood("cansada", 3, "fixed"),
  mood("mal", 2, "neg"),
  mood("triste", 2, "neg"),
  mood("bien mal", 1, "fixed"), // Mexican Spanish: "bien" intensifies
  mood("fatal", 1, "neg"),
  mood("pesimo", 1, "neg"),
  mood("pesima", 1, "neg"),
];
const MOODS_LONGEST_FIRST = [...MOODS].sort((a, b) => b.phrase.length - a.phrase.length);

const INTENSIFIERS = new Set(["very", "really", "so", "soo", "super", "extremely", "truly", "real", "muy", "tan", "re", "bien"]);
/** After a negation these soften rather than flip: "not very good" is a 3, not a 2. */
const SOFTENERS = new Set(["very", "that", "all", "super", "muy", "tan"]);
const NEGATORS = new Set(["not", "no", "never", "nunca", "nada", "ni", "isnt", "arent", "wasnt", "aint", "dont", "doesnt", "didnt"]);
/** Words a negation may reach across: "I'm not feeling so good", "no me siento bien". */
const NEGATION_SKIP = new Set([
  "i", "im", "am", "is", "it", "its", "was", "be", "been", "being", "feel", "feeling", "doing", "going", "the", "as",
  "that", "all", "too", "so", "very", "really", "super", "quite", "pretty", "estoy", "esta", "estan", "me", "siento",
  "ando", "la", "es", "muy", "tan", "todo",
]);
const CLAUSE_CONJUNCTIONS = new Set(["but", "though", "tho", "although", "however", "pero", "aunque", "sino"]);
const PRONOUNS = new Set(["you", "u", "tu", "usted", "ustedes", "vos", "yourself"]);

/**
 * Questions and requests belong to a human. "is it ok if I miss group", "4 can you call
 * me" must reach the peer as notes, so any of these words anywhere makes the reply unparsed.
 * ("si" is not here: without accents it is both "if" and "yes".)
 */
const ASKING_WORDS = new Set([
  "if", "can", "could", "should", "would", "will", "when", "where", "what", "whats", "why", "how", "who",
  "puedo", "puedes", "puede", "podemos", "podria", "podrias", "cuando", "donde", "adonde", "quien",
  "call", "text", "help", "need", "talk", "urgent", "emergency",
  "llamame", "llamar", "llama", "escribeme", "ayuda", "ayudame", "necesito", "hablar", "hablame", "urgente", "emergencia",
]);

const NUMBER_WORDS: ReadonlyMap<string, Score> = new Map<string, Score>([
  ["one", 1], ["two", 2], ["three", 3], ["four", 4], ["five", 5],
  ["uno", 1], ["una", 1], ["dos", 2], ["tres", 3], ["cuatro", 4], ["cinco", 5],
]);
/** Number words are only trusted when everything else in the clause is filler ("I'm a four today"). */
const NUMBER_FILLER = new Set([
  "i", "im", "am", "a", "an", "feeling", "feel", "like", "about", "today", "tonight", "rn", "say", "id", "prob",
  "probably", "honestly", "solid", "hoy", "un", "soy", "estoy", "en", "me", "siento", "como", "yo", "diria",
]);
const OUT_OF_FIVE = [["out", "of", "five"], ["outta", "five"], ["of", "five"], ["de", "cinco"]];

/** After a bare digit, only these (or punctuation) keep it a score: "3 tired", "2 today". Anything else reads as a quantity: "2 kids", "3 days clean". */
const ALLOWED_AFTER_DIGIT = new Set([
  "today", "tonight", "todays", "hoy", "now", "rn", "right", "ahora", "ahorita", "im", "i", "feeling", "feel", "estoy",
  "me", "honestly", "lol", "lmao", "haha", "jaja", "jajaja", "thanks", "thank", "thx", "ty", "gracias", "and", "but",
  "pero", "y", "tho", "though", "pretty", "very", "really", "so", "muy", "kinda", "bit", "little", "a", "not", "no",
  "un", "poco", "algo",
  ...MOODS.map((m) => m.phrase[0]!),
]);
/** A digit right after these is a label, not a score: "day 3", "step 4", "grupo 2". */
const BEFORE_QUANTITY = new Set([
  "day", "dia", "week", "semana", "month", "mes", "step", "paso", "room", "cuarto", "number", "numero", "num", "no",
  "page", "pagina", "bus", "line", "linea", "group", "grupo", "chapter", "capitulo", "apt", "unit", "x", "level",
]);

const VOCABULARY = new Set<string>([
  ...MOODS.flatMap((m) => m.phrase), ...INTENSIFIERS, ...NEGATORS, ...NEGATION_SKIP, ...ASKING_WORDS,
  ...NUMBER_WORDS.keys(), ...NUMBER_FILLER, ...CLAUSE_CONJUNCTIONS, ...PRONOUNS,
]);

/*
 * Emoji. Big grins and thumbs-up are 4, not 5: people send them as politeness as much
 * as joy. Only the unmistakably intense ones (star-struck, heart-eyes) are 5.
 * Crying is split: 😢 a tear → 2, 😭 sobbing → 1.
 */
const EMOJI: ReadonlyMap<string, Score> = new Map<string, Score>([
  ["🤩", 5], ["😍", 5], ["🥰", 5],
  ["😀", 4], ["😃", 4], ["😄", 4], ["😁", 4], ["👍", 4], ["🙂", 4], ["😊", 4],
  ["😐", 3], ["😶", 3], ["🤷", 3],
  ["😕", 2], ["🙁", 2], ["😟", 2], ["😔", 2], ["😞", 2], ["😢", 2], ["👎", 2],
  ["😭", 1], ["😩", 1], ["😫", 1],
]);
/** Sarcasm and coping emoji flip the meaning of whatever they sit next to ("great 🙄"). */
const AMBIGUOUS_EMOJI = new Set(["🙄", "😒", "🙃", "😂", "🤣", "😬", "😅"]);
// ":/" is left out: it is also how every URL starts.
const EMOTICON = /(?<!\d):-?(\)+|\(+|\||d(?![\p{L}\p{N}]))/gu;
const EMOTICON_SCORES: Readonly<Record<string, Score>> = { ")": 4, "(": 2, "|": 3, d: 4 };

const TIME_LIKE = [
  /\d{1,2}:\d{2}/u,
  /\d\s*(?:am|pm|a\.m|p\.m|oclock|o'clock|hrs)(?![\p{L}])/u,
  /(?<![\p{L}])(?:at|@|a las|a la|by|around|til|till|until|hasta las?)\s*\d/u,
];

// ---------------------------------------------------------------------------------------

interface Token {
  w: string;
  s: number;
  e: number;
  clause: number;
}

export function parseCheckinReply(body: string): ParsedReply {
  const { text, origin } = foldWithMap(body);
  // A trailing zero-width joiner would be left dangling when an emoji sequence (🤷‍♀️) is cut at its base.
  const original = (s: number, e: number): string =>
    body.slice(origin[s] ?? 0, origin[e] ?? body.length).replace(/\u200d+$/u, "").trim();
  const found = (score: Score, s: number, e: number): ParsedReply => ({ kind: "score", score, matched: original(s, e) });

  if (TIME_LIKE.some((re) => re.test(text)) || isPhoneLike(text)) return UNPARSED;
  const tokens = tokenize(text);
  if (asksSomething(tokens)) return UNPARSED;

  const digit = fromDigits(text, tokens.length);
  if (digit === "none") {
    // fall through to words
  } else if (digit === null) {
    return UNPARSED;
  } else {
    return found(digit.score, digit.s, digit.e);
  }

  if (tokens.length > MAX_WORDS) return UNPARSED;
  const questionClauses = findQuestionClauses(text, tokens);

  const numberWord = fromNumberWords(tokens);
  if (numberWord) return found(numberWord.score, numberWord.s, numberWord.e);

  if ([...text].some((cp) => AMBIGUOUS_EMOJI.has(cp))) return UNPARSED;
  const words = fromMoodWords(tokens).filter((sig) => !questionClauses.has(sig.clause));
  const pictures = fromEmoji(text);
  const all = [...words, ...pictures];
  if (all.length === 0) return UNPARSED;
  const scores = all.map((sig) => sig.score);
  // Opposite signals ("great 😭", "good but terrible night") are for a human to read.
  if (Math.max(...scores) - Math.min(...scores) >= 2) return UNPARSED;
  // Adjacent signals ("good but tired") take the lower score: the cautious reading.
  const pool = words.length > 0 ? words : pictures;
  const lowest = Math.min(...pool.map((sig) => sig.score));
  const chosen = pool.find((sig) => sig.score === lowest)!;
  return found(chosen.score, chosen.s, chosen.e);
}

// ---------------------------------------------------------------------------------------

function isPhoneLike(text: string): boolean {
  for (const m of text.matchAll(/\+?\d[\d\s().\-–]{5,}\d/gu)) {
    if (m[0].replace(/\D/g, "").length >= 7) return true;
  }
  return false;
}

function canonicalWord(raw: string): string {
  const w = raw.replace(/['’]/g, "");
  if (VOCABULARY.has(w)) return w;
  // Stretched words: "goooood", "sooo", "okkk", "greaaat".
  const two = w.replace(/(\p{L})\1{2,}/gu, "$1$1");
  if (VOCABULARY.has(two)) return two;
  const one = w.replace(/(\p{L})\1+/gu, "$1");
  return VOCABULARY.has(one) ? one : two;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let clause = 0;
  let prevEnd = 0;
  for (const m of text.matchAll(/[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu)) {
    const s = m.index;
    const w = canonicalWord(m[0]);
    if (tokens.length > 0 && (/[.,;:!?¡¿…\n()]/u.test(text.slice(prevEnd, s)) || CLAUSE_CONJUNCTIONS.has(w))) clause++;
    tokens.push({ w, s, e: s + m[0].length, clause });
    prevEnd = s + m[0].length;
  }
  // "bien y tú", "good how about you", "great wbu": the polite question back starts its own clause.
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 1]?.w;
    const startsReturnQuestion =
      ((t.w === "and" || t.w === "y") && next !== undefined && PRONOUNS.has(next)) ||
      ((t.w === "how" || t.w === "what") && next === "about") ||
      t.w === "wbu" || t.w === "hbu";
    if (startsReturnQuestion && t.clause === tokens[i - 1]!.clause) {
      for (let k = i; k < tokens.length; k++) tokens[k]!.clause++;
    }
  }
  return tokens;
}

function asksSomething(tokens: readonly Token[]): boolean {
  return tokens.some((t, i) => {
    if (!ASKING_WORDS.has(t.w)) return false;
    const next = tokens[i + 1]?.w;
    if ((t.w === "how" || t.w === "what") && next === "about" && PRONOUNS.has(tokens[i + 2]?.w ?? "")) return false;
    if (t.w === "could" && next === "be" && ["better", "worse"].includes(tokens[i + 2]?.w ?? "")) return false;
    return true;
  });
}

/** Clauses followed by "?" (or opened by "¿"). A mood word inside one is being asked about, not reported. */
function findQuestionClauses(text: string, tokens: readonly Token[]): Set<number> {
  const questions = new Set<number>();
  tokens.forEach((t, i) => {
    const next = tokens[i + 1];
    const gapAfter = text.slice(t.e, next ? next.s : text.length);
    if (gapAfter.includes("?")) questions.add(t.clause);
    const prev = tokens[i - 1];
    if (text.slice(prev ? prev.e : 0, t.s).includes("¿")) questions.add(t.clause);
  });
  return questions;
}

/**
 * Returns the first digit 1–5 that reads as a score; "none" when the message has no
 * numbers at all; null when it has numbers but none is a score ("10", "0", "3.5", "2/3").
 */
function fromDigits(text: string, wordCount: number): { score: Score; s: number; e: number } | "none" | null {
  let sawNumber = false;
  let skipUntil = -1;
  for (const m of text.matchAll(/\d+(?:[.,:/⁄]\d+)*/gu)) {
    const raw = m[0];
    let s = m.index;
    let e = s + raw.length;
    if (s < skipUntil) continue;
    const before = text.slice(0, s);
    const after = text.slice(e);
    // "3rd", "gr8", "2day": part of a word, not a number anyone is reporting.
    if (/\p{L}$/u.test(before) || /^\p{L}/u.test(after)) continue;
    sawNumber = true;
    if (/[$€£¥+\-−]$/u.test(before) || /^\s*[%$€]/u.test(after)) continue;
    if (/[.,:]/.test(raw)) continue; // "3.5" sits between two scores

    let explicit = false;
    let value = raw;
    if (/[/⁄]/u.test(raw)) {
      const parts = raw.split(/[/⁄]/u);
      // "4/5" is a score out of five; "3/4", "5/10", "4/5/24" are dates or other scales.
      if (parts.length !== 2 || parts[1] !== "5") continue;
      value = parts[0]!;
      explicit = true;
    } else {
      const outOf = /^\s*(?:\/|out of|outta|of|de)\s*(\d+)(?![\d.,:/])/u.exec(after);
      if (outOf) {
        skipUntil = e + outOf[0].length;
        if (outOf[1] !== "5") continue;
        explicit = true;
        e = skipUntil;
      } else if (/^\s*(?:-|–|—|~|to|or|o|a|y|and|&)\s*\d|^\s*(?:and a half|y medio|y media)/u.test(after)) {
        return null; // "2-3", "3 or 4", "3 and a half": the parent is undecided, so are we
      }
    }
    if (!/^[1-5]$/.test(value)) continue;

    const trimmedBefore = before.trimEnd();
    if (trimmedBefore.endsWith("#")) {
      explicit = true;
      s = trimmedBefore.length - 1;
    }
    const prevWord = /([\p{L}]+)\s*$/u.exec(before)?.[1];
    if (!explicit && prevWord !== undefined && BEFORE_QUANTITY.has(canonicalWord(prevWord))) continue;
    const nextWord = /^\s+([\p{L}'’]+)/u.exec(after)?.[1];
    if (!explicit && nextWord !== undefined && !ALLOWED_AFTER_DIGIT.has(canonicalWord(nextWord))) continue;

    const leading = /^[\s#]*$/u.test(before);
    if (!explicit && !leading && wordCount > MAX_WORDS) continue;
    return { score: Number(value) as Score, s, e };
  }
  return sawNumber ? null : "none";
}

function fromNumberWords(tokens: readonly Token[]): { score: Score; s: number; e: number } | null {
  const clauses = groupByClause(tokens);
  for (const clause of clauses) {
    let words = clause;
    let end = clause[clause.length - 1]!.e;
    for (const suffix of OUT_OF_FIVE) {
      const tail = words.slice(-suffix.length).map((t) => t.w);
      if (words.length > suffix.length && tail.join(" ") === suffix.join(" ")) {
        words = words.slice(0, -suffix.length);
        break;
      }
    }
    const numbers = words.filter((t) => NUMBER_WORDS.has(t.w));
    if (numbers.length !== 1) continue;
    const number = numbers[0]!;
    if (!words.every((t) => t === number || NUMBER_FILLER.has(t.w))) continue;
    if (words === clause) end = number.e;
    return { score: NUMBER_WORDS.get(number.w)!, s: number.s, e: end };
  }
  return null;
}

interface Signal {
  score: Score;
  s: number;
  e: number;
  clause: number;
}

function fromMoodWords(tokens: readonly Token[]): Signal[] {
  const signals: Signal[] = [];
  for (let i = 0; i < tokens.length; ) {
    const hit = matchMood(tokens, i);
    if (!hit) {
      i++;
      continue;
    }
    const { entry, last } = hit;
    i = last + 1;
    const clause = tokens[last]!.clause;
    const prev = tokens[hit.first - 1];
    const prevInClause = prev && prev.clause === clause ? prev : undefined;
    const next = tokens[last + 1];
    const nextInClause = next && next.clause === clause ? next : undefined;

    if (entry.notBefore && nextInClause && entry.notBefore.has(nextInClause.w)) continue;
    if (entry.notAfter && prevInClause && entry.notAfter.has(prevInClause.w)) continue;
    if (entry.cue) {
      const cued = prevInClause !== undefined && entry.cue.has(prevInClause.w);
      const alone = entry.alone === true && prevInClause === undefined && nextInClause === undefined;
      if (!cued && !alone) continue;
    }

    // Walk back over filler to find a negation; note any softener passed on the way.
    let start = hit.first;
    let negated = false;
    let softened = false;
    for (let k = hit.first - 1; k >= 0 && tokens[k]!.clause === clause; k--) {
      const w = tokens[k]!.w;
      if (NEGATORS.has(w)) {
        negated = true;
        start = k;
        break;
      }
      if (!NEGATION_SKIP.has(w)) break;
      if (SOFTENERS.has(w)) softened = true;
    }
    const intensified = prevInClause !== undefined && INTENSIFIERS.has(prevInClause.w);
    if (!negated && intensified) start = hit.first - 1;

    const score = applyModifiers(entry, negated, softened, intensified);
    if (score !== null) signals.push({ score, s: tokens[start]!.s, e: tokens[last]!.e, clause });
  }
  return signals;
}

function matchMood(tokens: readonly Token[], i: number): { entry: MoodEntry; first: number; last: number } | null {
  for (const entry of MOODS_LONGEST_FIRST) {
    const n = entry.phrase.length;
    if (i + n > tokens.length) continue;
    let ok = true;
    for (let k = 0; k < n && ok; k++) {
      const t = tokens[i + k]!;
      ok = t.w === entry.phrase[k] && t.clause === tokens[i]!.clause;
    }
    if (ok) return { entry, first: i, last: i + n - 1 };
  }
  return null;
}

function applyModifiers(entry: MoodEntry, negated: boolean, softened: boolean, intensified: boolean): Score | null {
  switch (entry.polarity) {
    case "pos":
      if (negated) return softened ? 3 : 2;
      return intensified ? 5 : entry.score;
    case "neg":
      if (negated) return 3;
      return intensified ? 1 : entry.score;
    case "neutral":
      return negated ? 2 : entry.score;
    case "fixed":
      return negated ? null : entry.score;
  }
}

function fromEmoji(text: string): Signal[] {
  const signals: Signal[] = [];
  let index = 0;
  for (const cp of text) {
    const score = EMOJI.get(cp);
    if (score !== undefined) signals.push({ score, s: index, e: index + cp.length, clause: -1 });
    index += cp.length;
  }
  for (const m of text.matchAll(EMOTICON)) {
    const kind = m[1]![0]!;
    const score = EMOTICON_SCORES[kind];
    if (score !== undefined) signals.push({ score, s: m.index, e: m.index + m[0].length, clause: -1 });
  }
  return signals.sort((a, b) => a.s - b.s);
}

function groupByClause(tokens: readonly Token[]): Token[][] {
  const groups: Token[][] = [];
  for (const t of tokens) {
    const last = groups[groups.length - 1];
    if (last && last[0]!.clause === t.clause) last.push(t);
    else groups.push([t]);
  }
  return groups;
}
