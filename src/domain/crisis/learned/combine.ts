/**
 * How the learned layer changes what the rules decided (docs/crisis-screen.md).
 *
 * The rules stay the precise layer: what they page stays paged, and the model
 * never lowers a level. The model adds what the rules miss on unseen wording,
 * only on a text about the sender (`eligibility`): a first-person word ("i",
 * "my", "me", "estoy", "quiero"…) or a short text (SMS drops the subject) —
 * not a topic ("the news says suicidal thoughts are rising across the country").
 * Tried and dropped: also requiring a risk word (a concept family). By CV it
 * traded 4 points of the model's recall for fewer everyday asks (2.1% → 0.7%),
 * and once the threshold was re-picked for the same budget the gain was gone
 * (1.4%), while it blocked exactly the unseen wording the layer exists for
 * ("i dont see myself making it to christmas").
 * Then:
 * - P(self-harm now) + P(possible) ≥ `ask` on a text the rules passed (none or
 *   concern) → **possible**: the parent is asked, one text; YES opens a case.
 *   When in doubt we ask rather than page: a wrong question costs one text,
 *   a wrong page costs a volunteer, a miss can cost a life.
 * - P(self-harm now) ≥ `imminent` and the text names death, self-harm or a
 *   means → **imminent** (suicide_self_harm).
 * The model's "danger" class (overdose, child, violence, third party) is not
 * acted on: the ask-back asks about suicide and self-harm, and a page needs a
 * category the model cannot give reliably.
 * A laugh the rules already scoped ("kms lol" → asked, "i hate my life lol" →
 * dropped; rule ids ending in `_laughing`) is not raised again by the model.
 * No concern layer: measured, the model's "concern" fired on "i used to drink
 * every day" and "running late to drug test", and the rules already reach
 * concern on the development set; a note to the peer is not worth that noise.
 */
import type { CrisisCategory, CrisisScreen } from "../types.js";
import { CATEGORY_SEVERITY, levelOfAll } from "../types.js";
import { conceptsOf } from "./concepts.js";
import type { DistressScores } from "./model.js";

export interface LearnedThresholds {
  ask: number;
  imminent: number;
}

const SHORT_WORDS = 8;
const SELF_AT_RISK = new Set(["death", "harm", "means"]);

/** Whether the layer may ask (and may page) about this screened text, whatever the scores. */
export function eligibility(screened: string): { ask: boolean; page: boolean } {
  const words = screened.split(" ");
  const concepts = conceptsOf(words);
  const ask = concepts.includes("self") || words.length <= SHORT_WORDS;
  return { ask, page: ask && concepts.some((c) => SELF_AT_RISK.has(c)) };
}

export function applyLearnedLayer(rules: CrisisScreen, screened: string, p: DistressScores, t: LearnedThresholds): CrisisScreen {
  if (rules.level === "imminent" || rules.ruleIds.some((id) => id.endsWith("_laughing"))) return rules;
  const may = eligibility(screened);
  if (!may.ask) return rules;
  const found = new Set<CrisisCategory>(rules.categories);
  const ruleIds = [...rules.ruleIds];
  if (may.page && p.imminent >= t.imminent) {
    found.add("suicide_self_harm");
    ruleIds.push("ml.imminent");
  } else if (rules.level !== "possible" && p.imminent + p.possible >= t.ask) {
    found.add("hopelessness");
    ruleIds.push("ml.distress");
  } else {
    return rules;
  }
  const categories = CATEGORY_SEVERITY.filter((c) => found.has(c));
  return { level: levelOfAll(categories), categories, ruleIds };
}
