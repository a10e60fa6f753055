/**
 * Shared text folding for matching what people actually type on phones: mixed case,
 * accents or no accents ("si" / "sí"), full-width forms from some keyboards, and
 * invisible format characters (zero-width spaces, bidi marks pasted from contacts).
 *
 * `origin` lets callers report a match as it appeared in the original message, so a
 * peer sees "más o menos" rather than our folded "mas o menos".
 */
export interface Folded {
  readonly text: string;
  /** origin[i] = index in the source of folded code unit i; one extra entry = source.length. */
  readonly origin: readonly number[];
}

// \p{M} also removes emoji variation selectors and the keycap combiner, so "4️⃣" folds to "4".
const MARKS_AND_FORMAT = /[\p{M}\p{Cf}]/gu;

export function foldWithMap(source: string): Folded {
  let text = "";
  const origin: number[] = [];
  let index = 0;
  for (const codePoint of source) {
    const folded = codePoint.toLowerCase().normalize("NFKD").replace(MARKS_AND_FORMAT, "");
    for (let k = 0; k < folded.length; k++) origin.push(index);
    text += folded;
    index += codePoint.length;
  }
  origin.push(source.length);
  return { text, origin };
}

export function fold(source: string): string {
  return source.toLowerCase().normalize("NFKD").replace(MARKS_AND_FORMAT, "");
}
