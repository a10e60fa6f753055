/**
 * Features of the learned distress layer (docs/crisis-screen.md "Learned layer").
 * Shared by training (scripts/train-crisis-model.ts) and inference, so the two
 * can never disagree about what a feature is.
 *
 * Why these features: the rule rounds showed that crisis language varies by
 * wording, not by idea. Word uni/bi-grams carry the idea; character 3–5-grams
 * carry morphology (matarme / matarte / matándome, suicid-al/-arme/-io) and
 * spellings the normaliser did not fold. Input is the normalised text
 * (normalise.ts) after figurative rewriting (figurative.ts), so obfuscation,
 * clitics, jokes and negation markers arrive as plain tokens. Concept families
 * (concepts.ts) and their pairs carry the idea across synonyms the set never
 * used ("self + means", "farewell + final"): measured by 5-fold CV, crisis recall
 * at 5% benign flagged went 79% (n-grams only) → 84% (with concepts, weight 2).
 */
import { conceptsOf } from "./concepts.js";

/** Hashed feature space: 2^BITS buckets (collisions are rare n-grams; measured in the trainer). */
export const FEATURE_BITS = 16;
const MASK = (1 << FEATURE_BITS) - 1;
/** Concept features weigh this much more than one n-gram (chosen by CV: 1 → 83.3%, 2 → 84.4%, 3 → 84.5%). */
const CONCEPT_WEIGHT = 2;
/** Long texts are cut: the first SMS-worth of characters carries the signal and bounds the cost. */
const MAX_CHARS = 480;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
function fnvUpdate(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h;
}

/** FNV-1a, 32-bit: deterministic across runs and platforms (training and the edge Worker). */
export function hashFeature(feature: string): number {
  return (fnvUpdate(FNV_OFFSET, feature) >>> 0) & MASK;
}

/**
 * Sparse vector of a screened text: bucket → value. Each distinct feature counts
 * once, and the vector is scaled by 1/√(number of features) so long and short texts weigh alike.
 */
export function featureVector(screened: string): Map<number, number> {
  const text = screened.slice(0, MAX_CHARS).trim();
  const counts = new Map<number, number>();
  const add = (f: string, weight = 1) => {
    counts.set(hashFeature(f), weight);
  };
  const words = text.length === 0 ? [] : text.split(" ");
  add("bias:len" + Math.min(words.length, 6));
  for (let i = 0; i < words.length; i++) {
    add("w:" + words[i]);
    if (i + 1 < words.length) add("b:" + words[i] + " " + words[i + 1]);
  }
  const concepts = conceptsOf(words).sort();
  for (let i = 0; i < concepts.length; i++) {
    add("k:" + concepts[i], CONCEPT_WEIGHT);
    for (let j = i + 1; j < concepts.length; j++) add("kk:" + concepts[i] + "+" + concepts[j], CONCEPT_WEIGHT);
  }
  // Character n-grams hashed incrementally (same value as hashFeature("c:" + gram),
  // without building each string): the hot path of a long text.
  const padded = ` ${text} `;
  const prefix = fnvUpdate(FNV_OFFSET, "c:");
  for (let i = 0; i + 3 <= padded.length; i++) {
    let h = prefix;
    for (let n = 1; n <= 5 && i + n <= padded.length; n++) {
      h = Math.imul(h ^ padded.charCodeAt(i + n - 1), FNV_PRIME);
      if (n >= 3) counts.set((h >>> 0) & MASK, 1);
    }
  }
  const norm = 1 / Math.sqrt(Math.max(1, counts.size));
  for (const [k, w] of counts) counts.set(k, norm * w);
  return counts;
}
