/**
 * Labelled SMS for measuring the crisis screen, written by hand to read like
 * real texts from parents in recovery (typos, no punctuation, emoji, slang,
 * English, Spanish, Spanglish). Hard cases stay on purpose: do not delete a
 * line because the screen gets it wrong — fix the screen for that KIND of
 * language, or record the miss in docs/crisis-screen.md.
 *
 * One text per line: `<label> [<category>] | <text>`.
 *   I = imminent (page a volunteer now), with its category:
 *       SI self-harm/suicide, OD overdose/medical, CD child in danger,
 *       VA violence, HE explicit help, TP crisis of another person
 *   P = possible (ambiguous distress: ask the parent before paging)
 *   C = concern (relapse, cravings: the peer, with care)
 *   N = benign free text,  K = benign reply to a check-in
 *
 * HOLDOUT (set/holdout.ts) was written after the rules were final and is
 * reported separately: it estimates how the screen does on unseen text.
 */
import type { Lang, LabelledMessage } from "../../../src/domain/crisis/metrics.js";
import type { CrisisCategory, CrisisLevel } from "../../../src/domain/crisis/types.js";
import { EN } from "./set/en.js";
import { EN_BENIGN } from "./set/en-benign.js";
import { ES } from "./set/es.js";
import { HOLDOUT } from "./set/holdout.js";
import { MIX } from "./set/mix.js";

const CATEGORIES: Record<string, CrisisCategory> = {
  SI: "suicide_self_harm",
  OD: "overdose_medical",
  CD: "child_danger",
  VA: "violence_abuse",
  HE: "explicit_help",
  TP: "third_party",
};
const LEVELS: Record<string, CrisisLevel> = { I: "imminent", P: "possible", C: "concern", N: "none", K: "none" };

export function parseSet(source: string, lang: Lang): LabelledMessage[] {
  return source
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map((line) => {
      const bar = line.indexOf(" | ");
      if (bar < 0) throw new Error(`labelled line without " | ": ${line}`);
      const [label, code] = line.slice(0, bar).split(" ");
      const expected = LEVELS[label!];
      if (expected === undefined) throw new Error(`unknown label in: ${line}`);
      const category = code === undefined ? undefined : CATEGORIES[code];
      if (code !== undefined && category === undefined) throw new Error(`unknown category in: ${line}`);
      if (expected === "imminent" && category === undefined) throw new Error(`imminent without category: ${line}`);
      return { text: line.slice(bar + 3), lang, expected, kind: label === "K" ? "checkin_reply" : "free_text", ...(category ? { category } : {}) };
    });
}

export const LABELLED_MESSAGES: readonly LabelledMessage[] = [
  ...parseSet(EN, "en"),
  ...parseSet(EN_BENIGN, "en"),
  ...parseSet(ES, "es"),
  ...parseSet(MIX, "mix"),
];

/** Written after the rules were final; the holdout's `lang` is per line, see set/holdout.ts. */
export const HOLDOUT_MESSAGES: readonly LabelledMessage[] = parseSet(HOLDOUT, "en").map((m) => ({ ...m, lang: languageOf(m.text) }));

/** Rough language tag for the mixed hold-out file: Spanish function words. */
function languageOf(text: string): Lang {
  const es = /\b(?:que|me|mi|mis|no|de|la|el|los|ya|estoy|quiero|se|por|para|con|una|y)\b/i.test(text);
  const en = /\b(?:i|im|my|the|and|to|is|he|she|you|me|it)\b/i.test(text);
  return es && en ? (/\b(?:i|my|the|and)\b/i.test(text) && /\b(?:que|mi|estoy|quiero|ya)\b/i.test(text) ? "mix" : /\b(?:que|mi|estoy|quiero|ya|de|la|el|se)\b/i.test(text) ? "es" : "en") : es ? "es" : "en";
}
