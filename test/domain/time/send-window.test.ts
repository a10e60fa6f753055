import { describe, expect, it } from "vitest";
import {
  clampIntoSendWindow,
  DEFAULT_SEND_WINDOW,
  isWithinSendWindow,
  type SendWindow,
} from "../../../src/domain/time/index";

const iso = (d: Date) => d.toISOString();
const NY = "America/New_York";
const KOL = "Asia/Kolkata";
const at = (s: string) => new Date(s);

describe("isWithinSendWindow", () => {
  it("default window is [08:00, 21:00) local", () => {
    expect(DEFAULT_SEND_WINDOW).toEqual({ start: "08:00", end: "21:00" });
    // NY in January is UTC-5.
    expect(isWithinSendWindow(at("2026-01-15T12:59:00Z"), NY, DEFAULT_SEND_WINDOW)).toBe(false); // 07:59
    expect(isWithinSendWindow(at("2026-01-15T13:00:00Z"), NY, DEFAULT_SEND_WINDOW)).toBe(true); // 08:00
    expect(isWithinSendWindow(at("2026-01-16T01:59:59Z"), NY, DEFAULT_SEND_WINDOW)).toBe(true); // 20:59:59
    expect(isWithinSendWindow(at("2026-01-16T02:00:00Z"), NY, DEFAULT_SEND_WINDOW)).toBe(false); // 21:00
  });

  it("uses the person's zone, not UTC (Kolkata +05:30)", () => {
    expect(isWithinSendWindow(at("2026-01-15T02:29:00Z"), KOL, DEFAULT_SEND_WINDOW)).toBe(false); // 07:59 IST
    expect(isWithinSendWindow(at("2026-01-15T02:30:00Z"), KOL, DEFAULT_SEND_WINDOW)).toBe(true); // 08:00 IST
    expect(isWithinSendWindow(at("2026-01-15T15:29:00Z"), KOL, DEFAULT_SEND_WINDOW)).toBe(true); // 20:59 IST
    expect(isWithinSendWindow(at("2026-01-15T15:30:00Z"), KOL, DEFAULT_SEND_WINDOW)).toBe(false); // 21:00 IST
  });

  it("follows DST: 08:00 EDT on the spring-forward day is 12:00Z", () => {
    expect(isWithinSendWindow(at("2026-03-08T11:59:00Z"), NY, DEFAULT_SEND_WINDOW)).toBe(false);
    expect(isWithinSendWindow(at("2026-03-08T12:00:00Z"), NY, DEFAULT_SEND_WINDOW)).toBe(true);
  });

  it("exempt sends (a nighttime check-in the parent chose) are always allowed", () => {
    expect(isWithinSendWindow(at("2026-01-16T04:00:00Z"), NY, DEFAULT_SEND_WINDOW)).toBe(false); // 23:00
    expect(isWithinSendWindow(at("2026-01-16T04:00:00Z"), NY, DEFAULT_SEND_WINDOW, { exempt: true })).toBe(true);
  });

  it("rejects windows that wrap midnight or are empty, and bad zones", () => {
    const i = at("2026-01-15T15:00:00Z");
    expect(() => isWithinSendWindow(i, NY, { start: "22:00", end: "06:00" })).toThrow(/start < end/);
    expect(() => isWithinSendWindow(i, NY, { start: "09:00", end: "09:00" })).toThrow(RangeError);
    expect(() => isWithinSendWindow(i, NY, { start: "9:00", end: "17:00" })).toThrow(RangeError);
    expect(() => isWithinSendWindow(i, "Nowhere/Land", DEFAULT_SEND_WINDOW)).toThrow(RangeError);
  });
});

describe("clampIntoSendWindow", () => {
  const w = DEFAULT_SEND_WINDOW;

  it("before start -> start", () => {
    expect(iso(clampIntoSendWindow("2026-01-15", "06:15", NY, w))).toBe("2026-01-15T13:00:00.000Z"); // 08:00 EST
    expect(iso(clampIntoSendWindow("2026-01-15", "00:00", KOL, w))).toBe("2026-01-15T02:30:00.000Z"); // 08:00 IST
  });

  it("at/after end -> end minus one minute, same local date", () => {
    expect(iso(clampIntoSendWindow("2026-01-15", "22:30", NY, w))).toBe("2026-01-16T01:59:00.000Z"); // 20:59 EST
    expect(iso(clampIntoSendWindow("2026-01-15", "21:00", NY, w))).toBe("2026-01-16T01:59:00.000Z");
    expect(iso(clampIntoSendWindow("2026-01-15", "23:59", KOL, w))).toBe("2026-01-15T15:29:00.000Z"); // 20:59 IST
  });

  it("inside the window (including exactly start and end-1) is unchanged", () => {
    expect(iso(clampIntoSendWindow("2026-01-15", "08:00", NY, w))).toBe("2026-01-15T13:00:00.000Z");
    expect(iso(clampIntoSendWindow("2026-01-15", "12:00", NY, w))).toBe("2026-01-15T17:00:00.000Z");
    expect(iso(clampIntoSendWindow("2026-01-15", "20:59", NY, w))).toBe("2026-01-16T01:59:00.000Z");
  });

  it("clamped result is always inside the window", () => {
    for (const t of ["00:00", "07:59", "08:00", "14:00", "20:59", "21:00", "23:59"]) {
      expect(isWithinSendWindow(clampIntoSendWindow("2026-03-08", t, NY, w), NY, w), t).toBe(true);
    }
  });

  it("uses the local offset of that date (spring-forward day: 08:00 EDT = 12:00Z)", () => {
    expect(iso(clampIntoSendWindow("2026-03-08", "05:00", NY, w))).toBe("2026-03-08T12:00:00.000Z");
  });

  it("custom window and exempt", () => {
    const custom: SendWindow = { start: "09:30", end: "17:00" };
    expect(iso(clampIntoSendWindow("2026-07-01", "09:00", NY, custom))).toBe("2026-07-01T13:30:00.000Z");
    expect(iso(clampIntoSendWindow("2026-07-01", "18:00", NY, custom))).toBe("2026-07-01T20:59:00.000Z");
    expect(iso(clampIntoSendWindow("2026-01-15", "22:30", NY, w, { exempt: true }))).toBe("2026-01-16T03:30:00.000Z");
  });

  it("rejects invalid window / time", () => {
    expect(() => clampIntoSendWindow("2026-01-15", "10:00", NY, { start: "21:00", end: "08:00" })).toThrow(RangeError);
    expect(() => clampIntoSendWindow("2026-01-15", "24:00", NY, w)).toThrow(RangeError);
  });
});
