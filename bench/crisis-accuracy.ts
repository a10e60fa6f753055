/**
 * Accuracy and speed of the crisis screen on the labelled set.
 *   npx tsx bench/crisis-accuracy.ts
 * The labelled set is synthetic, so printing misclassified text is safe.
 */
import { screenForCrisis } from "../src/domain/crisis/index.js";
import { computeAccuracy } from "../src/domain/crisis/metrics.js";
import { LABELLED_MESSAGES } from "../test/domain/crisis/labelled.js";

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

const report = computeAccuracy(LABELLED_MESSAGES, screenForCrisis);
const { counts } = report;

console.log("crisis screen accuracy");
console.log(
  `  examples: ${counts.total} (imminent ${counts.imminent}, concern ${counts.concern}, none ${counts.none}, of which check-in replies ${counts.checkinNone})`,
);
console.log(`  recall imminent (imminent → imminent):       ${pct(report.recallImminent)}`);
console.log(`  recall concern+ (non-none → non-none):       ${pct(report.recallConcernOrAbove)}`);
console.log(`  category agreement on imminent:              ${pct(report.imminentCategoryAgreement)}`);
console.log(`  FPR on check-in replies (none → flagged):    ${pct(report.fprCheckinReplies)}`);
console.log(`  FPR on all expected-none (none → flagged):   ${pct(report.fprAllNone)}`);
console.log(`  misclassified: ${report.misclassified.length}`);
for (const m of report.misclassified) {
  const example = LABELLED_MESSAGES[m.index];
  console.log(
    `    #${m.index} expected ${m.expected} got ${m.predicted} [${m.ruleIds.join(", ")}] ${JSON.stringify(example?.text)}`,
  );
}

// Speed: the screen runs in the webhook hot path.
const rounds = 200;
const texts = LABELLED_MESSAGES.map((m) => m.text);
for (const t of texts) screenForCrisis(t); // warm-up (JIT, regex compilation)
const start = process.hrtime.bigint();
for (let i = 0; i < rounds; i++) for (const t of texts) screenForCrisis(t);
const elapsedMs = Number(process.hrtime.bigint() - start) / 1e6;
console.log(`  speed: ${((elapsedMs / (rounds * texts.length)) * 1000).toFixed(1)} µs per message (mean of ${rounds * texts.length})`);
