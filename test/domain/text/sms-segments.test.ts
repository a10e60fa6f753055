import { describe, expect, it } from "vitest";
import { countSegments } from "../../../src/domain/text/sms-segments.js";

describe("countSegments", () => {
  it("counts plain English as GSM-7", () => {
    expect(countSegments("How are you today, 1-5?")).toEqual({ encoding: "GSM-7", units: 23, segments: 1 });
  });

  it("returns zero segments for an empty text", () => {
    expect(countSegments("")).toEqual({ encoding: "GSM-7", units: 0, segments: 0 });
  });

  it("fits exactly 160 septets in one segment, 161 needs two", () => {
    expect(countSegments("a".repeat(160))).toEqual({ encoding: "GSM-7", units: 160, segments: 1 });
    expect(countSegments("a".repeat(161))).toEqual({ encoding: "GSM-7", units: 161, segments: 2 });
  });

  it("uses 153 septets per part once concatenated", () => {
    expect(countSegments("a".repeat(306)).segments).toBe(2);
    expect(countSegments("a".repeat(307)).segments).toBe(3);
    expect(countSegments("a".repeat(459)).segments).toBe(3);
  });

  it("counts extension characters as two septets", () => {
    expect(countSegments("€")).toEqual({ encoding: "GSM-7", units: 2, segments: 1 });
    expect(countSegments("[]{}^~\\|").units).toBe(16);
    expect(countSegments("€".repeat(80))).toEqual({ encoding: "GSM-7", units: 160, segments: 1 });
    expect(countSegments("€".repeat(81)).segments).toBe(2);
  });

  it("never splits an escape pair across parts", () => {
    // 152 plain + "€" = 154 septets would fit 153+1 only by splitting the euro sign.
    const text = "a".repeat(152) + "€" + "a".repeat(10);
    expect(countSegments(text)).toEqual({ encoding: "GSM-7", units: 164, segments: 2 });
    const tight = "a".repeat(152) + "€" + "a".repeat(152); // 306 septets, but the € moves to part 2
    expect(countSegments(tight)).toEqual({ encoding: "GSM-7", units: 306, segments: 3 });
  });

  it("keeps Spanish with ñ, é, ü, ¿ and ¡ in GSM-7", () => {
    expect(countSegments("¿Mañana? ¡Sí! Pingüino, café").encoding).toBe("UCS-2"); // "í" is not GSM
    expect(countSegments("¿Mañana a las 3? ¡Qué bien! Pingüino y café").encoding).toBe("GSM-7");
  });

  it.each(["á", "í", "ó", "ú", "ç", "Á", "’", "“"])("switches to UCS-2 for %j", (ch) => {
    expect(countSegments(`Hola ${ch}`).encoding).toBe("UCS-2");
  });

  it("counts a Spanish message with á at 70 per segment", () => {
    const text = "Está " + "a".repeat(65); // 70 code units
    expect(countSegments(text)).toEqual({ encoding: "UCS-2", units: 70, segments: 1 });
    expect(countSegments(text + "a")).toEqual({ encoding: "UCS-2", units: 71, segments: 2 });
  });

  it("counts emoji as two UTF-16 units", () => {
    expect(countSegments("👍")).toEqual({ encoding: "UCS-2", units: 2, segments: 1 });
    expect(countSegments("🇺🇸")).toEqual({ encoding: "UCS-2", units: 4, segments: 1 });
    expect(countSegments("👨‍👩‍👧").units).toBe(8);
  });

  it("uses 67 units per part and never splits a surrogate pair", () => {
    expect(countSegments("ó".repeat(134)).segments).toBe(2);
    expect(countSegments("ó".repeat(135)).segments).toBe(3);
    // 66 units, then an emoji that would straddle the boundary: it moves to part 2.
    const text = "ó".repeat(66) + "😀" + "ó".repeat(66);
    expect(countSegments(text)).toEqual({ encoding: "UCS-2", units: 134, segments: 3 });
  });

  it("handles right-to-left scripts and bidi marks as UCS-2", () => {
    expect(countSegments("שלום")).toEqual({ encoding: "UCS-2", units: 4, segments: 1 });
    expect(countSegments("مرحبا\u200f")).toEqual({ encoding: "UCS-2", units: 6, segments: 1 });
    expect(countSegments("مرحبا ".repeat(12)).segments).toBe(2); // 72 units
  });

  it("counts newlines as one septet each", () => {
    expect(countSegments("a\nb\r\nc")).toEqual({ encoding: "GSM-7", units: 6, segments: 1 });
  });

  it("treats a tab as non-GSM", () => {
    expect(countSegments("a\tb").encoding).toBe("UCS-2");
  });
});
