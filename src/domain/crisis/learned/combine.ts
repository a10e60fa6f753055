/**
 * How the learned layer changes what the rules decided (docs/crisis-screen.md).
 *
 * The rules stay the precise layer: what they page stays paged, and the model
 * never lowers a level. The model adds what the rules miss on unseen wording,
 * and only for a text about the sender (a first-person word: "i", "my", "me",
 * "estoy", "quiero"…, or a short text: SMS drops the subject), not a topic
 * ("the news says suicidal thoughts are rising across the country"):
 * - crisis score P(imminent) + P(possible) ≥ `ask` on a text the rules passed
 *   (none or concern) → **possible**: the parent is asked, one text, and YES
 *   opens a case. When in doubt we ask rather than page: a wrong question
 *   costs one text, a wrong page costs a volunteer, a miss can cost a life.
 * - P(imminent) ≥ `imminent` and the text names death, self-harm or a means
 *   → **imminent** (suicide_self_harm): the page needs a reason a reviewer can
 *   see in the text, not only a score.
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

export function applyLearnedLayer(rules: CrisisScreen, screened: string, p: DistressScores, t: LearnedThresholds): CrisisScreen {
  if (rules.level === "imminent" || rules.ruleIds.some((id) => id.endsWith("_laughing"))) return rules;
  const words = screened.split(" ");
  const concepts = conceptsOf(words);
  // SMS drops the subject ("wanna be dead fr", "standing on the bridge now"): a short text is the sender's.
  if (!concepts.includes("self") && words.length > SHORT_WORDS) return rules;
  const found = new Set<CrisisCategory>(rules.categories);
  const ruleIds = [...rules.ruleIds];
  const atRisk = concepts.some((c) => c === "death" || c === "harm" || c === "means");
  if (p.imminent >= t.imminent && atRisk) {
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
