/**
 * Accuracy metrics for the crisis screen over a labelled set. Pure: the screen
 * is passed in, so the same code measures any candidate screen.
 */
import type { CrisisCategory, CrisisLevel, CrisisScreen } from "./types.js";

export type Lang = "en" | "es" | "mix";

export interface LabelledMessage {
  text: string;
  lang: Lang;
  expected: CrisisLevel;
  /** The main category a human would page for, when expected is imminent. */
  category?: CrisisCategory;
  /** checkin_reply = answer to a scheduled check-in; free_text = anything else. */
  kind: "checkin_reply" | "free_text";
}

export interface Misclassified {
  index: number;
  expected: CrisisLevel;
  predicted: CrisisLevel;
  ruleIds: string[];
}

export interface Figures {
  counts: { total: number; imminent: number; possible: number; concern: number; none: number };
  /** expected imminent or possible → predicted imminent or possible (a human was reached or the parent was asked) */
  recall: number;
  /** expected imminent → predicted imminent */
  recallImminent: number;
  /** expected concern → predicted anything but none */
  recallConcern: number;
  /** expected none → predicted imminent or concern (a page, or a note to the peer) */
  fprBenign: number;
  /** expected none → predicted possible (the parent is asked "are you thinking about suicide…") */
  askBackBenign: number;
}

export interface AccuracyReport extends Figures {
  byLang: Partial<Record<Lang, Figures>>;
  /** expected imminent → predicted categories include the labelled category */
  imminentCategoryAgreement: number;
  misclassified: Misclassified[];
}

const ratio = (hits: number, total: number, empty: number): number => (total === 0 ? empty : hits / total);
const reached = (l: CrisisLevel) => l === "imminent" || l === "possible";

function figures(pairs: readonly { expected: CrisisLevel; predicted: CrisisLevel }[]): Figures {
  const of = (e: CrisisLevel) => pairs.filter((p) => p.expected === e);
  const crisis = pairs.filter((p) => reached(p.expected));
  const imminent = of("imminent");
  const concern = of("concern");
  const none = of("none");
  return {
    counts: { total: pairs.length, imminent: imminent.length, possible: of("possible").length, concern: concern.length, none: none.length },
    recall: ratio(crisis.filter((p) => reached(p.predicted)).length, crisis.length, 1),
    recallImminent: ratio(imminent.filter((p) => p.predicted === "imminent").length, imminent.length, 1),
    recallConcern: ratio(concern.filter((p) => p.predicted !== "none").length, concern.length, 1),
    fprBenign: ratio(none.filter((p) => p.predicted === "imminent" || p.predicted === "concern").length, none.length, 0),
    askBackBenign: ratio(none.filter((p) => p.predicted === "possible").length, none.length, 0),
  };
}

export function computeAccuracy(
  examples: readonly LabelledMessage[],
  screen: (text: string) => CrisisScreen,
): AccuracyReport {
  const results = examples.map((example) => ({ example, result: screen(example.text) }));
  const pairs = results.map(({ example, result }) => ({ lang: example.lang, expected: example.expected, predicted: result.level }));

  const byLang: Partial<Record<Lang, Figures>> = {};
  for (const lang of ["en", "es", "mix"] as const) {
    const mine = pairs.filter((p) => p.lang === lang);
    if (mine.length > 0) byLang[lang] = figures(mine);
  }

  const withCategory = results.filter(({ example }) => example.expected === "imminent" && example.category !== undefined);
  const misclassified: Misclassified[] = [];
  results.forEach(({ example, result }, index) => {
    if (result.level !== example.expected) {
      misclassified.push({ index, expected: example.expected, predicted: result.level, ruleIds: result.ruleIds });
    }
  });

  return {
    ...figures(pairs),
    byLang,
    imminentCategoryAgreement: ratio(
      withCategory.filter(({ example, result }) => result.categories.includes(example.category!)).length,
      withCategory.length,
      1,
    ),
    misclassified,
  };
}
