import { describe, expect, it } from "vitest";
import { screenForCrisis } from "../../../src/domain/crisis/index.js";
import { computeAccuracy, type Figures, type LabelledMessage } from "../../../src/domain/crisis/metrics.js";
import { HOLDOUTS, LABELLED_MESSAGES } from "./labelled.js";

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const line = (name: string, f: Figures) =>
  `${name.padEnd(8)} n=${String(f.counts.total).padStart(4)}  recall ${pct(f.recall).padStart(6)}  imminent recall ${pct(f.recallImminent).padStart(6)}  concern recall ${pct(f.recallConcern).padStart(6)}  FPR benign ${pct(f.fprBenign).padStart(5)}  ask-back benign ${pct(f.askBackBenign).padStart(5)}`;

describe("labelled set", () => {
  it("has the agreed size and mix", () => {
    const count = (f: (m: LabelledMessage) => boolean) => LABELLED_MESSAGES.filter(f).length;
    expect(LABELLED_MESSAGES.length).toBeGreaterThanOrEqual(600);
    for (const level of ["imminent", "possible", "concern", "none"] as const) {
      expect(count((m) => m.expected === level), level).toBeGreaterThanOrEqual(40);
    }
    expect(count((m) => m.expected === "none" && m.kind === "checkin_reply")).toBeGreaterThanOrEqual(60);
    for (const lang of ["en", "es", "mix"] as const) expect(count((m) => m.lang === lang), lang).toBeGreaterThanOrEqual(60);
  });
});

describe("crisis screen accuracy (development set)", () => {
  const report = computeAccuracy(LABELLED_MESSAGES, screenForCrisis);
  const misses = report.misclassified
    .map((m) => `  ${m.expected}→${m.predicted} [${m.ruleIds.join(",")}] ${JSON.stringify(LABELLED_MESSAGES[m.index]!.text)}`)
    .join("\n");
  console.log(
    ["crisis screen, development set", line("all", report), ...Object.entries(report.byLang).map(([l, f]) => line(l, f)), "misclassified:", misses].join("\n"),
  );

  it("reaches a human or asks for ≥ 98% of crisis texts (imminent + possible)", () => {
    expect(report.recall, misses).toBeGreaterThanOrEqual(0.98);
  });
  it("pages or flags ≤ 5% of benign texts", () => {
    expect(report.fprBenign, misses).toBeLessThanOrEqual(0.05);
  });
  it("asks back on ≤ 10% of benign texts", () => {
    expect(report.askBackBenign, misses).toBeLessThanOrEqual(0.1);
  });
  it("treats ≥ 95% of imminent texts as imminent", () => {
    expect(report.recallImminent, misses).toBeGreaterThanOrEqual(0.95);
  });
  it("each language clears the recall and FPR bars", () => {
    for (const [lang, f] of Object.entries(report.byLang)) {
      expect(f.recall, lang).toBeGreaterThanOrEqual(0.98);
      expect(f.fprBenign, lang).toBeLessThanOrEqual(0.05);
      expect(f.askBackBenign, lang).toBeLessThanOrEqual(0.1);
    }
  });
});

describe("crisis screen on the hold-outs (reported, not gated)", () => {
  it.each(Object.entries(HOLDOUTS))("prints the figures that estimate unseen text: %s", (name, set) => {
    const report = computeAccuracy(set, screenForCrisis);
    console.log([`crisis screen, ${name}`, line("all", report), ...Object.entries(report.byLang).map(([l, f]) => line(l, f))].join("\n"));
    expect(report.counts.total).toBeGreaterThanOrEqual(150);
  });
});

describe("computeAccuracy", () => {
  const set: LabelledMessage[] = [
    { text: "a", lang: "en", expected: "imminent", category: "explicit_help", kind: "free_text" },
    { text: "b", lang: "en", expected: "possible", kind: "free_text" },
    { text: "c", lang: "es", expected: "concern", kind: "free_text" },
    { text: "d", lang: "es", expected: "none", kind: "checkin_reply" },
  ];
  it("computes recall, FPR and ask-back from a given screen", () => {
    const all = (level: "imminent" | "possible" | "none") => computeAccuracy(set, () => ({ level, categories: [], ruleIds: [] }));
    expect(all("imminent")).toMatchObject({ recall: 1, recallImminent: 1, recallConcern: 1, fprBenign: 1, askBackBenign: 0 });
    expect(all("possible")).toMatchObject({ recall: 1, recallImminent: 0, fprBenign: 0, askBackBenign: 1 });
    expect(all("none")).toMatchObject({ recall: 0, recallImminent: 0, recallConcern: 0, fprBenign: 0, askBackBenign: 0 });
    expect(all("none").byLang.es?.counts).toEqual({ total: 2, imminent: 0, possible: 0, concern: 1, none: 1 });
    expect(all("imminent").misclassified.map((m) => m.index)).toEqual([1, 2, 3]);
  });
});
