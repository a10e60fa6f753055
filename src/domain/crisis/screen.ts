/**
 * The crisis screen: pure, synchronous, and run on EVERY inbound text before
 * any other rule (STOP, HELP, flows) — see docs/crisis-screen.md.
 */
import { neutraliseFigurative } from "./figurative.js";
import { EXPLICIT_HELP_RULE_ID, startsWithHelpKeyword } from "./keywords.js";
import { CHILD, LAUGH } from "./lexicon.js";
import { normalise } from "./normalise.js";
import { CRISIS_RULES, SAFETY_NET, type CrisisRule } from "./rules.js";
import { CATEGORY_SEVERITY, IMMINENT_CATEGORIES, levelOfAll, type CrisisCategory, type CrisisScreen } from "./types.js";
import { applyLearnedLayer } from "./learned/combine.js";
import { distressScores, LEARNED_THRESHOLDS } from "./learned/model.js";

const LAUGHS = new RegExp(String.raw`\b${LAUGH}\b|\blaughing\b`);
// "no joke", "en serio": the sender says it is not a joke, so a laugh nearby is not read as one.
const SERIOUS = /\b(?:no joke|not joking|not kidding|im serious|i am serious|en serio|de verdad|no es broma|neta)\b/;
// A laugh before the hit counts only up to a turn: "lol im dead but honestly i want to die".
const TURN = /^.*\b(?:but|pero|honestly|seriously|for real|like really)\b/;
const NEAR = 40; // characters each side: about one SMS clause
// A child named in a text about violence happening now: the child is at risk too
// ("he's hitting me and the baby", "me pega a mí y al niño", "my kids are here").
const CHILD_MENTIONED = new RegExp(String.raw`\b${CHILD}\b`);

/** True when the hit sits next to a laugh (same clause), and the text does not say it is serious. */
function laughsAt(screened: string, rule: RegExp): boolean {
  if (SERIOUS.test(screened)) return false;
  const m = rule.exec(screened);
  if (!m) return false;
  const before = screened.slice(Math.max(0, m.index - NEAR), m.index).replace(TURN, "");
  const after = screened.slice(m.index + m[0].length, m.index + m[0].length + NEAR);
  return LAUGHS.test(before) || LAUGHS.test(after);
}

/**
 * The screen: the rules (precise layer), then the learned layer (generalising
 * layer, learned/combine.ts) on what the rules did not page.
 */
export function screenForCrisis(text: string): CrisisScreen {
  const { screen, screened } = screenWithRules(text);
  if (screened.length === 0 || screen.level === "imminent") return screen;
  return applyLearnedLayer(screen, screened, distressScores(screened), LEARNED_THRESHOLDS);
}

/** The rules alone, and the text they read (normalised + figurative rewrites): for the trainer and the bench. */
export function screenWithRules(text: string): { screen: CrisisScreen; screened: string } {
  const normalised = normalise(text);
  if (normalised.length === 0) return { screen: { level: "none", categories: [], ruleIds: [] }, screened: "" };

  const found = new Set<CrisisCategory>();
  const ruleIds: string[] = [];

  // Keywords are checked on the text before figurative rewriting: a keyword
  // is a keyword even in a message that also jokes.
  if (startsWithHelpKeyword(normalised)) {
    found.add("explicit_help");
    ruleIds.push(EXPLICIT_HELP_RULE_ID);
  }

  const { text: screened } = neutraliseFigurative(normalised);
  const apply = (rule: CrisisRule) => {
    if (!rule.pattern.test(screened) || (rule.alsoRequires !== undefined && !rule.alsoRequires.test(screened))) return;
    const jokeable = rule.jokeable ?? (rule.category === "hopelessness" ? "drop" : undefined);
    if (jokeable !== undefined && laughsAt(screened, rule.pattern)) {
      // A laugh lowers a hyperbole one step (see CrisisRule.jokeable); the id
      // records that the rule fired under a laugh.
      ruleIds.push(`${rule.id}_laughing`);
      if (jokeable === "ask" && IMMINENT_CATEGORIES.has(rule.category)) found.add("hopelessness");
      return;
    }
    found.add(rule.category);
    ruleIds.push(rule.id);
  };
  for (const rule of CRISIS_RULES) apply(rule);
  if (ruleIds.length === 0) apply(SAFETY_NET);
  // Violence now with a child in the text is a child-safety matter as well (mandated
  // reporting): a volunteer must not treat it as an adult-only case.
  if (found.has("violence_abuse") && !found.has("child_danger") && CHILD_MENTIONED.test(screened)) {
    found.add("child_danger");
    ruleIds.push("child.present_during_violence");
  }

  const categories = CATEGORY_SEVERITY.filter((c) => found.has(c));
  return { screen: { level: levelOfAll(categories), categories, ruleIds }, screened };
}

/** True when the person at risk is someone other than the sender (a different safety text). */
export function isAboutSomeoneElse(screen: CrisisScreen): boolean {
  return screen.categories.includes("third_party") && !screen.categories.includes("suicide_self_harm");
}

/** True when a child is in danger: the case also follows mandated-reporter rules. */
export function isChildSafety(screen: CrisisScreen): boolean {
  return screen.categories.includes("child_danger");
}
