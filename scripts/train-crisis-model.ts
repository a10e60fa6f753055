/**
 * Trains the learned distress layer of the crisis screen (docs/crisis-screen.md)
 * from the development set ONLY (test/domain/crisis/labelled.ts LABELLED_MESSAGES;
 * never a hold-out that has not been measured yet), chooses its thresholds by
 * k-fold cross-validation, and writes src/domain/crisis/learned/weights.ts.
 *
 *   npx tsx scripts/train-crisis-model.ts            # CV report + write weights
 *   npx tsx scripts/train-crisis-model.ts --cv-only  # CV report only
 *
 * Deterministic: same data and options → same bytes.
 */
import { writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { screenWithRules } from "../src/domain/crisis/screen.js";
import { applyLearnedLayer, eligibility, type LearnedThresholds } from "../src/domain/crisis/learned/combine.js";
import type { DistressScores } from "../src/domain/crisis/learned/model.js";
import { CLASSES, DEFAULT_TRAIN_OPTIONS, encodeModel, softmaxScores, train, type ModelClass, type TrainingExample } from "../src/domain/crisis/learned/train.js";
import { featureVector } from "../src/domain/crisis/learned/features.js";
import { computeAccuracy, type Figures, type LabelledMessage } from "../src/domain/crisis/metrics.js";
import { LABELLED_MESSAGES, parseSet } from "../test/domain/crisis/labelled.js";
import { ORDINARY } from "../test/domain/crisis/set/ordinary.js";

const K = 5;
/** Benign texts the layer alone may ask about, out of fold. The rules add ~1%; the bar is 10%. */
const ASK_BUDGET = 0.05;
/** Benign texts the layer may promote to a page, out of fold (bar: FPR 5%). */
const PAGE_BUDGET = 0.01;
/** …and never below this score: a page costs a volunteer, an ask-back costs one text. */
const PAGE_FLOOR = 0.9;

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const rulesOf = LABELLED_MESSAGES.map((m) => screenWithRules(m.text));
const labelOf = (m: LabelledMessage): ModelClass =>
  m.expected === "imminent" ? (m.category === "suicide_self_harm" ? "imminent" : "danger") : m.expected;
const examples: TrainingExample[] = LABELLED_MESSAGES.map((m, i) => ({ screened: rulesOf[i]!.screened, label: labelOf(m) }));

// Folds: a fixed stride over the list, so every file and language is spread over the folds.
const foldOf = (i: number) => (i * 7919) % K;
const oof: DistressScores[] = new Array(examples.length);
for (let f = 0; f < K; f++) {
  const model = train(examples.filter((_, i) => foldOf(i) !== f));
  examples.forEach((e, i) => {
    if (foldOf(i) !== f) return;
    const p = softmaxScores(featureVector(e.screened), model.weights, model.bias);
    oof[i] = Object.fromEntries(CLASSES.map((c, n) => [c, p[n]!])) as DistressScores;
  });
}

const isBenign = (m: LabelledMessage) => m.expected === "none";
const isCrisis = (m: LabelledMessage) => m.expected === "imminent" || m.expected === "possible";
const isSelfCrisis = (m: LabelledMessage) => m.expected === "possible" || m.category === "suicide_self_harm";
const rate = (pred: (i: number) => boolean, set: (m: LabelledMessage) => boolean) => {
  const idx = LABELLED_MESSAGES.map((m, i) => (set(m) ? i : -1)).filter((i) => i >= 0);
  return idx.filter(pred).length / idx.length;
};

console.log(`learned layer: ${K}-fold cross-validation on the development set (n=${examples.length}); load ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
console.log("model alone, out of fold: threshold on P(imminent self-harm)+P(possible) → recall on all crisis / on self-harm+possible / benign flagged");
const grid = Array.from({ length: 99 }, (_, i) => 0.01 * (i + 1));
for (const t of grid.filter((_, i) => i % 5 === 4)) {
  const crisis = (i: number) => oof[i]!.imminent + oof[i]!.possible >= t;
  console.log(`  t=${t.toFixed(2)}  recall ${pct(rate(crisis, isCrisis))} / ${pct(rate(crisis, isSelfCrisis))}  benign flagged ${pct(rate(crisis, isBenign))}`);
}
// The lowest threshold within budget: ask as often as the budget allows (safety first).
const pick = (score: (i: number) => number, budget: number, set: (m: LabelledMessage) => boolean = isBenign) =>
  grid.find((t) => rate((i) => score(i) >= t, set) <= budget) ?? 1.01;
// Thresholds are picked on what the layer may act on (combine.ts eligibility), so the budget is spent where it acts.
const may = examples.map((e) => eligibility(e.screened));
const thresholds: LearnedThresholds = {
  ask: pick((i) => (may[i]!.ask ? oof[i]!.imminent + oof[i]!.possible : 0), ASK_BUDGET),
  // A page on the model's word alone needs it to be sure, whatever the budget allows.
  imminent: Math.max(PAGE_FLOOR, pick((i) => (may[i]!.page ? oof[i]!.imminent : 0), PAGE_BUDGET)),
};
console.log(`chosen thresholds (benign budgets ask ${pct(ASK_BUDGET)}, page ${pct(PAGE_BUDGET)}): ${JSON.stringify(thresholds)}`);

const line = (name: string, f: Figures) =>
  `  ${name.padEnd(16)} recall ${pct(f.recall)}  imminent→imminent ${pct(f.recallImminent)}  concern ${pct(f.recallConcern)}  FPR benign ${pct(f.fprBenign)}  ask-back benign ${pct(f.askBackBenign)}`;
const cvScreen = (useRules: boolean) => (text: string) => {
  const i = LABELLED_MESSAGES.findIndex((m) => m.text === text);
  const r = rulesOf[i]!;
  const none = { level: "none" as const, categories: [], ruleIds: [] };
  return applyLearnedLayer(useRules ? r.screen : none, r.screened, oof[i]!, thresholds);
};
console.log("out-of-fold figures (the rules were written against this set, so 'rules + model' is optimistic; 'model alone' is the honest CV figure):");
console.log(line("rules alone", computeAccuracy(LABELLED_MESSAGES, (t) => rulesOf[LABELLED_MESSAGES.findIndex((m) => m.text === t)]!.screen)));
console.log(line("model alone", computeAccuracy(LABELLED_MESSAGES, cvScreen(false))));
console.log(line("rules + model", computeAccuracy(LABELLED_MESSAGES, cvScreen(true))));
const ordinary = new Set(parseSet(ORDINARY, "en").map((m) => m.text));
const asked = LABELLED_MESSAGES.filter((m) => ordinary.has(m.text) && cvScreen(true)(m.text).level !== "none").length;
console.log(`  rules + model on everyday texts (set/ordinary.ts, n=${ordinary.size}): ${pct(asked / ordinary.size)} asked or flagged`);
const argmax = (p: DistressScores) => CLASSES.reduce((a, c) => (p[c] > p[a] ? c : a), "none" as ModelClass);
console.log(`  model argmax accuracy out of fold (5 classes): ${pct(LABELLED_MESSAGES.filter((m, i) => argmax(oof[i]!) === labelOf(m)).length / examples.length)}`);

if (!process.argv.includes("--cv-only")) {
  const model = train(examples);
  const encoded = encodeModel(model);
  const out = `// GENERATED by scripts/train-crisis-model.ts from the development set (${examples.length} texts) — do not edit; retrain.
// Options: ${JSON.stringify(DEFAULT_TRAIN_OPTIONS)}. Thresholds chosen by ${K}-fold CV (see docs/crisis-screen.md).
export const MODEL = {
  trainedOn: ${JSON.stringify(`development set, ${examples.length} texts`)},
  thresholds: ${JSON.stringify(thresholds)},
  scales: ${JSON.stringify(encoded.scales)} as readonly number[],
  bias: ${JSON.stringify(encoded.bias)} as readonly number[],
  weights: "${encoded.weights}",
};
`;
  writeFileSync(new URL("../src/domain/crisis/learned/weights.ts", import.meta.url), out);
  console.log(`wrote src/domain/crisis/learned/weights.ts (${(out.length / 1024).toFixed(0)} KB)`);
}
