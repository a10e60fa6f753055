/**
 * Accuracy metrics for the crisis screen over a labelled set. Pure: the screen
 * is passed in, so the same code measures any candidate screen.
 */
import type { CrisisCategory, CrisisLevel, CrisisScreen } from "./types.js";

export interface LabelledMessage {
  text: string;
  lang: "en" | "es";
  expected: CrisisLevel;
  /** The main category a human would page for, when expected is not none. */
  category?: CrisisCategory;
  /** checkin_reply = answer to a scheduled check-in; the FPR budget is measured on these. */
  kind: "checkin_reply" | "free_text";
}

export interface Misclassified {
  index: number;
  expected: CrisisLevel;
  predicted: CrisisLevel;
  ruleIds: string[];
}

export interface AccuracyReport {
  counts: { total: number; imminent: number; concern: number; none: number; checkinNone: number };
  /** expected imminent → predicted imminent */
  recallImminent: number;
  /** expected concern or imminent → predicted anything but none */
  recallConcernOrAbove: number;
  /** expected imminent → predicted categories include the labelled category */
  imminentCategoryAgreement: number;
  /** kind checkin_reply, expected none → predicted anything but none */
  fprCheckinReplies: number;
  /** every expected none → predicted anything but none */
  fprAllNone: number;
  /** every example whose predicted level differs from the expected level */
  misclassified: Misclassified[];
}

const ratio = (hits: number, total: number): number => (total === 0 ? 1 : hits / total);

export function computeAccuracy(
  examples: readonly LabelledMessage[],
  screen: (text: string) => CrisisScreen,
): AccuracyReport {
  let imminent = 0;
  let imminentHit = 0;
  let imminentCategoryHit = 0;
  let imminentWithCategory = 0;
  let concernOrAbove = 0;
  let concernOrAboveHit = 0;
  let none = 0;
  let noneFlagged = 0;
  let checkinNone = 0;
  let checkinNoneFlagged = 0;
  let concern = 0;
  const misclassified: Misclassified[] = [];

  examples.forEach((example, index) => {
    const result = screen(example.text);
    const predicted = result.level;
    if (predicted !== example.expected) {
      misclassified.push({ index, expected: example.expected, predicted, ruleIds: result.ruleIds });
    }
    if (example.expected === "none") {
      none++;
      if (predicted !== "none") noneFlagged++;
      if (example.kind === "checkin_reply") {
        checkinNone++;
        if (predicted !== "none") checkinNoneFlagged++;
      }
      return;
    }
    concernOrAbove++;
    if (predicted !== "none") concernOrAboveHit++;
    if (example.expected === "concern") {
      concern++;
      return;
    }
    imminent++;
    if (predicted === "imminent") imminentHit++;
    if (example.category !== undefined) {
      imminentWithCategory++;
      if (result.categories.includes(example.category)) imminentCategoryHit++;
    }
  });

  return {
    counts: { total: examples.length, imminent, concern, none, checkinNone },
    recallImminent: ratio(imminentHit, imminent),
    recallConcernOrAbove: ratio(concernOrAboveHit, concernOrAbove),
    imminentCategoryAgreement: ratio(imminentCategoryHit, imminentWithCategory),
    fprCheckinReplies: checkinNone === 0 ? 0 : checkinNoneFlagged / checkinNone,
    fprAllNone: none === 0 ? 0 : noneFlagged / none,
    misclassified,
  };
}
