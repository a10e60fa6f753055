import { describe, expect, it } from "vitest";
import { applyLearnedLayer } from "../../../src/domain/crisis/learned/combine.js";
import { conceptsOf } from "../../../src/domain/crisis/learned/concepts.js";
import { featureVector, hashFeature } from "../../../src/domain/crisis/learned/features.js";
import { distressScores, LEARNED_THRESHOLDS } from "../../../src/domain/crisis/learned/model.js";
import { encodeModel, train, type TrainingExample } from "../../../src/domain/crisis/learned/train.js";
import { screenForCrisis } from "../../../src/domain/crisis/index.js";
import type { CrisisScreen } from "../../../src/domain/crisis/types.js";

const none: CrisisScreen = { level: "none", categories: [], ruleIds: [] };
const sure = { imminent: 0.995, danger: 0, possible: 0.004, concern: 0, none: 0.001 };
const distress = { imminent: 0.2, danger: 0, possible: 0.75, concern: 0, none: 0.05 };
const calm = { imminent: 0.01, danger: 0.01, possible: 0.02, concern: 0.02, none: 0.94 };
const t = { ask: 0.87, imminent: 0.99 };

describe("learned layer: features", () => {
  it("hashes deterministically into the feature space", () => {
    expect(hashFeature("w:die")).toBe(hashFeature("w:die"));
    expect(hashFeature("w:die")).not.toBe(hashFeature("w:dye"));
    expect(hashFeature("w:die")).toBeLessThan(1 << 16);
  });
  it("scales a long and a short text alike and bounds the cost of a long one", () => {
    const short = featureVector("i want to die");
    const long = featureVector("i want to die ".repeat(200));
    const norm = (v: Map<number, number>) => Math.sqrt([...v.values()].reduce((a, x) => a + x * x, 0));
    expect(Math.abs(norm(short) - norm(long))).toBeLessThan(0.5);
    expect(long.size).toBeLessThan(3000);
  });
  it("maps synonyms in both languages to one concept family", () => {
    expect(conceptsOf(["puente"])).toContain("means");
    expect(conceptsOf(["overpass"])).toContain("means");
    expect(conceptsOf(["aventar", "me"])).toEqual(expect.arrayContaining(["harm", "self"]));
    expect(conceptsOf(["the", "traffic"])).not.toContain("self");
  });
});

describe("learned layer: how it changes the rules' decision", () => {
  it("asks back on first-person distress the rules passed", () => {
    const r = applyLearnedLayer(none, "im so tired of all of it", distress, t);
    expect(r).toEqual({ level: "possible", categories: ["hopelessness"], ruleIds: ["ml.distress"] });
  });
  it("leaves a calm text alone", () => {
    expect(applyLearnedLayer(none, "im so tired of all of it", calm, t)).toBe(none);
  });
  it("never lowers or changes what the rules paged", () => {
    const paged: CrisisScreen = { level: "imminent", categories: ["overdose_medical"], ruleIds: ["od.word"] };
    expect(applyLearnedLayer(paged, "he is not breathing", calm, t)).toBe(paged);
  });
  it("pages only with a death, self-harm or means word in the text", () => {
    expect(applyLearnedLayer(none, "i have the pills right here", sure, t).level).toBe("imminent");
    expect(applyLearnedLayer(none, "i have the pills right here", sure, t).ruleIds).toEqual(["ml.imminent"]);
    expect(applyLearnedLayer(none, "love you, sorry, dont be mad at me", sure, t).level).toBe("possible");
  });
  it("does not raise a laugh the rules scoped", () => {
    const laughed: CrisisScreen = { level: "none", categories: [], ruleIds: ["hp.cant_anymore_laughing"] };
    expect(applyLearnedLayer(laughed, "i hate my life lol", distress, t)).toBe(laughed);
  });
  it("does not act on the danger class (overdose, violence…): the ask-back asks about self-harm", () => {
    expect(applyLearnedLayer(none, "my ex is outside", { imminent: 0.01, danger: 0.97, possible: 0.01, concern: 0, none: 0.01 }, t)).toBe(none);
  });
  it("does not ask about a long text on a topic (no first-person word)", () => {
    const topic = "the report on the news says teens mental health and suicidal thoughts are rising";
    expect(applyLearnedLayer(none, topic, distress, t)).toBe(none);
    expect(applyLearnedLayer(none, "standing on the bridge now", distress, t).level).toBe("possible");
  });
  it("keeps an open concern when the model is unsure, and asks when it is not", () => {
    const concern: CrisisScreen = { level: "concern", categories: ["return_to_use"], ruleIds: ["use.relapse"] };
    expect(applyLearnedLayer(concern, "i used last night", calm, t)).toBe(concern);
    expect(applyLearnedLayer(concern, "i used last night and i dont care anymore", distress, t).categories).toEqual(["hopelessness", "return_to_use"]);
  });
});

describe("learned layer: training and the committed weights", () => {
  it("trains deterministically (same data → same bytes)", () => {
    const data: TrainingExample[] = [
      { screened: "i want to die", label: "imminent" },
      { screened: "i feel hopeless", label: "possible" },
      { screened: "i used again", label: "concern" },
      { screened: "he is not breathing", label: "danger" },
      { screened: "see you at group", label: "none" },
    ];
    const a = encodeModel(train(data, { epochs: 3, learningRate: 0.4, l2: 1e-5, seed: 1, balanced: true }));
    const b = encodeModel(train(data, { epochs: 3, learningRate: 0.4, l2: 1e-5, seed: 1, balanced: true }));
    expect(a).toEqual(b);
  });
  it("loads trained weights and thresholds chosen by cross-validation", () => {
    expect(LEARNED_THRESHOLDS.ask).toBeGreaterThan(0.2);
    expect(LEARNED_THRESHOLDS.imminent).toBeGreaterThanOrEqual(0.9);
    expect(LEARNED_THRESHOLDS.ask).toBeLessThan(1);
    const p = distressScores("see you at group tomorrow");
    expect(p.none).toBeGreaterThan(0.5);
    expect(p.imminent + p.danger + p.possible + p.concern + p.none).toBeCloseTo(1, 5);
  });
  it("reaches an unseen first-person distress text the rules do not know", () => {
    // Written for this test, not in any set; the rules alone pass it (asserted so the test can fail).
    const text = "i keep wishing i could fall asleep and stay that way";
    expect(screenForCrisis(text)).toEqual({ level: "possible", categories: ["hopelessness"], ruleIds: ["ml.distress"] });
  });
  it("scores a message in well under a millisecond", () => {
    const text = "i dont know how much longer i can keep doing this, everything is falling apart";
    for (let i = 0; i < 200; i++) distressScores(text);
    const start = performance.now();
    for (let i = 0; i < 1000; i++) distressScores(text);
    expect((performance.now() - start) / 1000).toBeLessThan(1);
  });
});
