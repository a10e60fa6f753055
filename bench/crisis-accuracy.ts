/**
 * Accuracy and speed of the crisis screen on the labelled sets.
 *   npx tsx bench/crisis-accuracy.ts
 * The sets are written by hand for this project, so printing misclassified text is safe.
 */
import { screenForCrisis } from "../src/domain/crisis/index.js";
import { computeAccuracy, type Figures, type LabelledMessage } from "../src/domain/crisis/metrics.js";
import { HOLDOUT8_MESSAGES, HOLDOUT_MESSAGES, LABELLED_MESSAGES } from "../test/domain/crisis/labelled.js";

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const line = (name: string, f: Figures) =>
  `  ${name.padEnd(6)} n=${String(f.counts.total).padStart(4)} (I ${f.counts.imminent}, P ${f.counts.possible}, C ${f.counts.concern}, none ${f.counts.none})  recall ${pct(f.recall)}  imminent→imminent ${pct(f.recallImminent)}  concern ${pct(f.recallConcern)}  FPR benign ${pct(f.fprBenign)}  ask-back benign ${pct(f.askBackBenign)}`;

function report(name: string, set: readonly LabelledMessage[]) {
  const r = computeAccuracy(set, screenForCrisis);
  console.log(`crisis screen — ${name}`);
  console.log(line("all", r));
  for (const [lang, f] of Object.entries(r.byLang)) console.log(line(lang, f));
  console.log(`  category agreement on imminent: ${pct(r.imminentCategoryAgreement)}; misclassified: ${r.misclassified.length}`);
  for (const m of r.misclassified) {
    console.log(`    ${m.expected} → ${m.predicted} [${m.ruleIds.join(", ")}] ${JSON.stringify(set[m.index]?.text)}`);
  }
}

report("development set (rules were written against it)", LABELLED_MESSAGES);
report("hold-out 7 (written after the round-6 rules were final)", HOLDOUT_MESSAGES);
report("hold-out 8 (written before the learned layer)", HOLDOUT8_MESSAGES);

// Speed: the screen runs in the webhook hot path.
const rounds = 200;
const texts = [...LABELLED_MESSAGES, ...HOLDOUT_MESSAGES].map((m) => m.text);
for (const t of texts) screenForCrisis(t); // warm-up (JIT, regex compilation)
const start = process.hrtime.bigint();
for (let i = 0; i < rounds; i++) for (const t of texts) screenForCrisis(t);
const elapsedMs = Number(process.hrtime.bigint() - start) / 1e6;
console.log(`speed: ${((elapsedMs / (rounds * texts.length)) * 1000).toFixed(1)} µs per message (mean of ${rounds * texts.length})`);
