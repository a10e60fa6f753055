/**
 * Accuracy and speed of the crisis screen on the labelled sets.
 *   npx tsx bench/crisis-accuracy.ts
 * Every set is printed twice: the full screen (rules + learned layer) and the
 * rules alone, the baseline, measured in the same run. The sets are written by
 * hand for this project, so printing misclassified text is safe.
 */
import { loadavg } from "node:os";
import { screenForCrisis } from "../src/domain/crisis/index.js";
import { screenWithRules } from "../src/domain/crisis/screen.js";
import { computeAccuracy, type Figures, type LabelledMessage } from "../src/domain/crisis/metrics.js";
import type { CrisisScreen } from "../src/domain/crisis/types.js";
import { HOLDOUTS, LABELLED_MESSAGES } from "../test/domain/crisis/labelled.js";

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const line = (name: string, f: Figures) =>
  `  ${name.padEnd(6)} n=${String(f.counts.total).padStart(4)} (I ${f.counts.imminent}, P ${f.counts.possible}, C ${f.counts.concern}, none ${f.counts.none})  recall ${pct(f.recall)}  imminent→imminent ${pct(f.recallImminent)}  concern ${pct(f.recallConcern)}  FPR benign ${pct(f.fprBenign)}  ask-back benign ${pct(f.askBackBenign)}`;
const rulesOnly = (text: string): CrisisScreen => screenWithRules(text).screen;

function report(name: string, set: readonly LabelledMessage[], printMisses: boolean) {
  const r = computeAccuracy(set, screenForCrisis);
  const base = computeAccuracy(set, rulesOnly);
  console.log(`crisis screen — ${name}`);
  console.log(line("all", r));
  for (const [lang, f] of Object.entries(r.byLang)) console.log(line(lang, f));
  console.log(line("rules", base) + "   ← rules alone (baseline, same run)");
  console.log(`  category agreement on imminent: ${pct(r.imminentCategoryAgreement)}; misclassified: ${r.misclassified.length}`);
  if (!printMisses) return;
  for (const m of r.misclassified) {
    console.log(`    ${m.expected} → ${m.predicted} [${m.ruleIds.join(", ")}] ${JSON.stringify(set[m.index]?.text)}`);
  }
}

console.log(`load average at start: ${loadavg().map((l) => l.toFixed(2)).join(" ")} (2 cores shared)`);
report("development set (rules written against it, learned layer trained on it)", LABELLED_MESSAGES, false);
for (const [name, set] of Object.entries(HOLDOUTS)) report(name, set, true);

// Speed: the screen runs synchronously in the webhook.
const rounds = 100;
const texts = [...LABELLED_MESSAGES, ...Object.values(HOLDOUTS).flat()].map((m) => m.text);
for (const [name, screen] of [["full screen", screenForCrisis], ["rules alone", rulesOnly]] as const) {
  for (const t of texts) screen(t); // warm-up (JIT, regex compilation)
  const start = process.hrtime.bigint();
  for (let i = 0; i < rounds; i++) for (const t of texts) screen(t);
  const elapsedMs = Number(process.hrtime.bigint() - start) / 1e6;
  console.log(`speed, ${name}: ${((elapsedMs / (rounds * texts.length)) * 1000).toFixed(1)} µs per message (mean of ${rounds * texts.length})`);
}
// Long and adversarial texts (catastrophic regex backtracking shows here first): a
// 1,600-character SMS chain and 800 one-letter words, against a typical text.
const long = "i am so tired of this traffic and my feet hurt and ".repeat(30) + "i want to die";
const worst = "a ".repeat(800);
for (const [name, t] of [["typical", "i want to die"], ["long (1.5 kB)", long], ["800 one-letter words", worst]] as const) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < 200; i++) screenForCrisis(t);
  console.log(`speed, ${name}: ${(Number(process.hrtime.bigint() - start) / 1e6 / 200).toFixed(3)} ms per screen`);
}
console.log(`load average at end: ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
