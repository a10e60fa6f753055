import { describe, expect, it } from "vitest";
import { formatLocal } from "../../../src/domain/time/index";

const NY = "America/New_York";
const KOL = "Asia/Kolkata";
const at = (s: string) => new Date(s);

describe("formatLocal", () => {
  const evening = at("2026-11-24T01:30:00Z"); // Mon 2026-11-23 20:30 EST

  it("en", () => {
    expect(formatLocal(evening, NY, "en", "time")).toBe("8:30 PM");
    expect(formatLocal(evening, NY, "en", "datetime")).toBe("Mon, Nov 23, 8:30 PM");
    expect(formatLocal(evening, NY, "en", "date")).toBe("Mon, Nov 23");
  });

  it("es", () => {
    expect(formatLocal(evening, NY, "es", "time")).toBe("20:30");
    expect(formatLocal(evening, NY, "es", "datetime")).toBe("lun, 23 nov, 20:30");
    expect(formatLocal(evening, NY, "es", "date")).toBe("lun, 23 nov");
  });

  it("formats in the person's zone (Kolkata is already Tuesday morning)", () => {
    expect(formatLocal(evening, KOL, "en", "datetime")).toBe("Tue, Nov 24, 7:00 AM");
    expect(formatLocal(evening, KOL, "es", "datetime")).toBe("mar, 24 nov, 07:00");
  });

  it("midnight, noon and accented names", () => {
    expect(formatLocal(at("2026-01-15T05:05:00Z"), NY, "en", "time")).toBe("12:05 AM");
    expect(formatLocal(at("2026-01-15T17:05:00Z"), NY, "en", "time")).toBe("12:05 PM");
    expect(formatLocal(at("2026-01-15T05:05:00Z"), NY, "es", "time")).toBe("00:05");
    expect(formatLocal(at("2026-09-12T16:00:00Z"), NY, "es", "date")).toBe("sáb, 12 sept");
  });

  it("both fall-back 01:30s read as 1:30 AM", () => {
    expect(formatLocal(at("2026-11-01T05:30:00Z"), NY, "en", "time")).toBe("1:30 AM");
    expect(formatLocal(at("2026-11-01T06:30:00Z"), NY, "en", "time")).toBe("1:30 AM");
  });

  it("English output is plain ASCII (no ICU narrow no-break spaces in SMS)", () => {
    expect(formatLocal(evening, NY, "en", "datetime")).toMatch(/^[\x20-\x7e]+$/);
  });

  it("rejects an invalid zone", () => {
    expect(() => formatLocal(evening, "Nowhere/Land", "en", "time")).toThrow(RangeError);
  });
});
