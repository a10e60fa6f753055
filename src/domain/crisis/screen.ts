/**
 * The crisis screen: pure, synchronous, and run on EVERY inbound text before
 * any other rule (STOP, HELP, flows) — see docs/crisis-screen.md.
 */
import { neutraliseFigurative } from "./figurative.js";
import { EXPLICIT_HELP_RULE_ID, startsWithHelpKeyword } from "./keywords.js";
import { normalise } from "./normalise.js";
import { CRISIS_RULES } from "./rules.js";
import { CATEGORY_SEVERITY, IMMINENT_CATEGORIES, type CrisisCategory, type CrisisScreen } from "./types.js";

export function screenForCrisis(text: string): CrisisScreen {
  const normalised = normalise(text);
  if (normalised.length === 0) return { level: "none", categories: [], ruleIds: [] };

  const found = new Set<CrisisCategory>();
  const ruleIds: string[] = [];

  // Keywords are checked on the text before figurative rewriting: a keyword
  // is a keyword even in a message that also jokes.
  if (startsWithHelpKeyword(normalised)) {
    found.add("explicit_help");
    ruleIds.push(EXPLICIT_HELP_RULE_ID);
  }

  const { text: screened } = neutraliseFigurative(normalised);
  for (const rule of CRISIS_RULES) {
    if (rule.pattern.test(screened) && (rule.alsoRequires === undefined || rule.alsoRequires.test(screened))) {
      found.add(rule.category);
      ruleIds.push(rule.id);
    }
  }

  const categories = CATEGORY_SEVERITY.filter((c) => found.has(c));
  const level = categories.some((c) => IMMINENT_CATEGORIES.has(c))
    ? "imminent"
    : categories.length > 0
      ? "concern"
      : "none";
  return { level, categories, ruleIds };
}

/** True when a child is in danger: the case also follows mandated-reporter rules. */
export function isChildSafety(screen: CrisisScreen): boolean {
  return screen.categories.includes("child_danger");
}
