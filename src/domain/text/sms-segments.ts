/**
 * SMS cost and delivery depend on segments, and a single character outside the GSM 03.38
 * alphabet switches the whole message to UCS-2 (70 instead of 160 per segment). Spanish
 * matters here: ñ, é, ü, ¿, ¡ are GSM, but á, í, ó, ú and lowercase ç are not.
 * We count strictly (no "smart encoding" substitutions), so an estimate is never low.
 */
export interface SegmentCount {
  encoding: "GSM-7" | "UCS-2";
  /** Septets for GSM-7 (extension characters count 2), UTF-16 code units for UCS-2. */
  units: number;
  segments: number;
}

const GSM_BASIC = new Set(
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà",
);
// Reached via the escape code, so each costs two septets.
const GSM_EXTENSION = new Set("\f^{}\\[~]|€");

const GSM_SINGLE = 160;
const GSM_PART = 153; // 7 septets go to the concatenation header
const UCS2_SINGLE = 70;
const UCS2_PART = 67;

export function countSegments(text: string): SegmentCount {
  const widthsGsm = gsmWidths(text);
  if (widthsGsm !== null) {
    const units = sum(widthsGsm);
    return { encoding: "GSM-7", units, segments: pack(widthsGsm, units, GSM_SINGLE, GSM_PART) };
  }
  // Iterating by code point keeps surrogate pairs whole: handsets and Twilio never
  // split an emoji across segments, so a part may hold 66 units instead of 67.
  const widths = Array.from(text, (cp) => cp.length);
  const units = text.length;
  return { encoding: "UCS-2", units, segments: pack(widths, units, UCS2_SINGLE, UCS2_PART) };
}

function gsmWidths(text: string): number[] | null {
  const widths: number[] = [];
  for (const ch of text) {
    if (GSM_BASIC.has(ch)) widths.push(1);
    else if (GSM_EXTENSION.has(ch)) widths.push(2);
    else return null;
  }
  return widths;
}

/** Greedy packing, because an escape pair or surrogate pair is never split across parts. */
function pack(widths: readonly number[], units: number, single: number, part: number): number {
  if (units === 0) return 0;
  if (units <= single) return 1;
  let segments = 1;
  let used = 0;
  for (const w of widths) {
    if (used + w > part) {
      segments++;
      used = 0;
    }
    used += w;
  }
  return segments;
}

function sum(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}
