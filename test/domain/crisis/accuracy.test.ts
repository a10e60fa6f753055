import { describe, expect, it } from "vitest";
import { screenForCrisis } from "../../../src/domain/crisis/index.js";
import { computeAccuracy, type LabelledMessage } from "../../../src/domain/crisis/metrics.js";
import { LABELLED_MESSAGES } from "./labelled.js";

describe("labelled set", () => {
  it("has the agreed size and mix", () => {
    const count = (f: (m: LabelledMessage) => boolean) => LABELLED_MESSAGES.filter(f).length;
    expect(LABELLED_MESSAGES.length).toBeGreaterThanOrEqual(200);
    expect(count((m) => m.expected === "imminent")).toBeGreaterThanOrEqual(60);
    expect(count((m) => m.expected === "concern")).toBeGreaterThanOrEqual(40);
    expect(count((m) => m.expected === "none")).toBeGreaterThanOrEqual(100);
    expect(count((m) => m.expected === "none" && m.kind === "checkin_reply")).toBeGreaterThanOrEqual(60);
    expect(count((m) => m.lang === "es" && m.expected === "imminent")).toBeGreaterThanOrEqual(15);
  });
});

describe("crisis screen accuracy", () => {
  const report = computeAccuracy(LABELLED_MESSAGES, screenForCrisis);
  const misses = report.misclassified.map((m) => `#${m.index} ${m.expected}→${m.predicted}`).join(", ");

  it("recalls imminent messages as imminent (≥ 98%)", () => {
    expect(report.recallImminent, misses).toBeGreaterThanOrEqual(0.98);
  });
  it("does not page on ordinary check-in replies (FPR ≤ 5%)", () => {
    expect(report.fprCheckinReplies, misses).toBeLessThanOrEqual(0.05);
  });
  it("flags concern-or-above messages", () => {
    expect(report.recallConcernOrAbove, misses).toBeGreaterThanOrEqual(0.95);
  });
});

describe("computeAccuracy", () => {
  const set: LabelledMessage[] = [
    { text: "a", lang: "en", expected: "imminent", category: "explicit_help", kind: "free_text" },
    { text: "b", lang: "en", expected: "concern", kind: "free_text" },
    { text: "c", lang: "en", expected: "none", kind: "checkin_reply" },
    { text: "d", lang: "en", expected: "none", kind: "free_text" },
  ];
  it("computes recall and FPR from a given screen", () => {
    const everythingImminent = computeAccuracy(set, () => ({ level: "imminent", categories: ["explicit_help"], ruleIds: ["x"] }));
    expect(everythingImminent.recallImminent).toBe(1);
    expect(everythingImminent.recallConcernOrAbove).toBe(1);
    expect(everythingImminent.fprCheckinReplies).toBe(1);
    expect(everythingImminent.fprAllNone).toBe(1);
    expect(everythingImminent.misclassified.map((m) => m.index)).toEqual([1, 2, 3]);

    const nothing = computeAccuracy(set, () => ({ level: "none", categories: [], ruleIds: [] }));
    expect(nothing.recallImminent).toBe(0);
    expect(nothing.recallConcernOrAbove).toBe(0);
    expect(nothing.fprCheckinReplies).toBe(0);
    expect(nothing.counts).toEqual({ total: 4, imminent: 1, concern: 1, none: 2, checkinNone: 1 });
  });
});
