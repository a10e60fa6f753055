/**
 * Training of the learned distress layer: multinomial logistic regression over
 * hashed features (features.ts), fitted by AdaGrad SGD with L2. Pure and
 * deterministic (seeded order, no Math.random), so the committed weights can be
 * regenerated bit for bit by scripts/train-crisis-model.ts.
 */
import { FEATURE_BITS, featureVector } from "./features.js";

/**
 * imminent = suicide or self-harm now; danger = any other imminent category
 * (overdose, child, violence, third party, explicit help). Kept apart because the
 * ask-back asks about suicide and self-harm: measured, one "crisis" class made
 * family words ("my ex", "my sister is coming over") score as crisis.
 */
export const CLASSES = ["imminent", "danger", "possible", "concern", "none"] as const;
export type ModelClass = (typeof CLASSES)[number];

export interface TrainingExample {
  /** Screened text (normalised + figurative rewrites), see screen.ts. */
  screened: string;
  label: ModelClass;
}

export interface TrainOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
  /** Weight each class by 1/frequency (normalised), so the rarer possible/concern are not drowned. */
  balanced: boolean;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = { epochs: 20, learningRate: 0.4, l2: 1e-3, seed: 20261202, balanced: false };

/** Weights as trained (float): class-major, CLASSES.length × 2^FEATURE_BITS, plus one bias per class. */
export interface RawModel {
  weights: Float32Array;
  bias: Float32Array;
}

const BUCKETS = 1 << FEATURE_BITS;

/** mulberry32: a tiny seeded PRNG, enough for a deterministic example order. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function softmaxScores(vector: Map<number, number>, weights: ArrayLike<number>, bias: ArrayLike<number>): number[] {
  const logits = CLASSES.map((_, c) => {
    let z = bias[c]!;
    const base = c * BUCKETS;
    for (const [j, x] of vector) z += weights[base + j]! * x;
    return z;
  });
  const max = Math.max(...logits);
  const exps = logits.map((z) => Math.exp(z - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

export function train(
  examples: readonly TrainingExample[],
  options: TrainOptions = DEFAULT_TRAIN_OPTIONS,
  featurise: (screened: string) => Map<number, number> = featureVector,
): RawModel {
  const k = CLASSES.length;
  const weights = new Float32Array(k * BUCKETS);
  const bias = new Float32Array(k);
  const gradSq = new Float32Array(k * BUCKETS).fill(1e-6);
  const biasGradSq = new Float32Array(k).fill(1e-6);
  const vectors = examples.map((e) => featurise(e.screened));
  const labels = examples.map((e) => CLASSES.indexOf(e.label));
  const freq = CLASSES.map((_, c) => labels.filter((l) => l === c).length);
  const classWeight = CLASSES.map((_, c) => (options.balanced && freq[c]! > 0 ? examples.length / (k * freq[c]!) : 1));
  const random = prng(options.seed);
  const order = examples.map((_, i) => i);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const i of order) {
      const x = vectors[i]!;
      const p = softmaxScores(x, weights, bias);
      const cw = classWeight[labels[i]!]!;
      for (let c = 0; c < k; c++) {
        const g = (p[c]! - (labels[i] === c ? 1 : 0)) * cw;
        biasGradSq[c]! += g * g;
        bias[c]! -= (options.learningRate * g) / Math.sqrt(biasGradSq[c]!);
        const base = c * BUCKETS;
        for (const [j, xj] of x) {
          const idx = base + j;
          const gw = g * xj + options.l2 * weights[idx]!;
          gradSq[idx]! += gw * gw;
          weights[idx]! -= (options.learningRate * gw) / Math.sqrt(gradSq[idx]!);
        }
      }
    }
  }
  return { weights, bias };
}

/**
 * Int8 per class (scale = max |w| / 127), base64: ~440 KB of source for 5 × 2^16
 * weights. Quantisation error is measured by the trainer (agreement with the float model).
 */
export function encodeModel(model: RawModel): { scales: number[]; bias: number[]; weights: string } {
  const k = CLASSES.length;
  const bytes = new Uint8Array(k * BUCKETS);
  const scales: number[] = [];
  for (let c = 0; c < k; c++) {
    let max = 0;
    for (let j = 0; j < BUCKETS; j++) max = Math.max(max, Math.abs(model.weights[c * BUCKETS + j]!));
    const scale = max === 0 ? 1 : max / 127;
    scales.push(Number(scale.toPrecision(8)));
    for (let j = 0; j < BUCKETS; j++) {
      const q = Math.max(-127, Math.min(127, Math.round(model.weights[c * BUCKETS + j]! / scale)));
      bytes[c * BUCKETS + j] = q & 0xff;
    }
  }
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { scales, bias: Array.from(model.bias, (b) => Number(b.toPrecision(8))), weights: btoa(binary) };
}
