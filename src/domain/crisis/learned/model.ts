/**
 * Inference of the learned distress layer: decodes the committed weights once at
 * module load, then scores a screened text in a few microseconds (pure, no I/O,
 * web-standard only: it also runs in the edge Worker).
 */
import { FEATURE_BITS, featureVector } from "./features.js";
import { CLASSES, softmaxScores, type ModelClass } from "./train.js";
import { MODEL } from "./weights.js";

export type DistressScores = Record<ModelClass, number>;

const BUCKETS = 1 << FEATURE_BITS;

function decode(): { weights: Float32Array; bias: Float32Array } {
  const weights = new Float32Array(CLASSES.length * BUCKETS);
  if (MODEL.weights.length > 0) {
    const binary = atob(MODEL.weights);
    for (let i = 0; i < binary.length; i++) {
      const q = (binary.charCodeAt(i) << 24) >> 24; // signed int8
      weights[i] = q * MODEL.scales[Math.floor(i / BUCKETS)]!;
    }
  }
  return { weights, bias: Float32Array.from(MODEL.bias) };
}

const { weights, bias } = decode();

export function distressScores(screened: string): DistressScores {
  const p = softmaxScores(featureVector(screened), weights, bias);
  return Object.fromEntries(CLASSES.map((c, i) => [c, p[i]!])) as DistressScores;
}

export const LEARNED_THRESHOLDS = MODEL.thresholds;
