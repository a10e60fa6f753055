import { describe, expect, it } from "vitest";
import { addDays, localDateOf, zonedInstant } from "../../src/domain/time";

/** zoned.ts remembers answers (planAll asks the same few questions 100k times); a remembered answer must be indistinguishable from a fresh one. */
describe("memoised zoned time", () => {
  it("hands out a fresh Date each time, so a caller mutating one cannot change the next answer", () => {
    const a = zonedInstant("2026-06-10", "10:00", "America/New_York");
    a.setTime(0);
    expect(zonedInstant("2026-06-10", "10:00", "America/New_York").toISOString()).toBe("2026-06-10T14:00:00.000Z");
  });

  it("gives the same DST gap and overlap answers on the first and the repeated call", () => {
    for (let i = 0; i < 3; i++) {
      expect(zonedInstant("2026-03-08", "02:30", "America/New_York").toISOString()).toBe("2026-03-08T07:00:00.000Z");
      expect(zonedInstant("2026-11-01", "01:30", "America/New_York").toISOString()).toBe("2026-11-01T05:30:00.000Z");
      expect(zonedInstant("2026-04-05", "02:30", "Australia/Sydney").toISOString()).toBe("2026-04-04T15:30:00.000Z");
    }
  });

  it("still rejects bad input after good input with the same parts was remembered", () => {
    zonedInstant("2026-06-10", "10:00", "Europe/Madrid");
    expect(() => zonedInstant("2026-06-10", "10:00", "Europe/Madridd")).toThrow(RangeError);
    expect(() => zonedInstant("2026-02-30", "10:00", "Europe/Madrid")).toThrow(RangeError);
    expect(() => zonedInstant("2026-06-10", "24:00", "Europe/Madrid")).toThrow(RangeError);
    addDays("2026-06-10", 1);
    expect(() => addDays("2026-06-10", 1.5)).toThrow(RangeError);
    expect(() => localDateOf(new Date(Number.NaN), "Europe/Madrid")).toThrow(RangeError);
    expect(() => localDateOf(new Date(0), "Nowhere/Land")).toThrow(RangeError);
  });

  it("answers the local date per zone, not from another zone's remembered answer", () => {
    const instant = new Date("2026-06-10T23:30:00Z");
    expect(localDateOf(instant, "America/New_York")).toBe("2026-06-10");
    expect(localDateOf(instant, "Australia/Sydney")).toBe("2026-06-11");
    expect(localDateOf(instant, "America/New_York")).toBe("2026-06-10");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-12-31", -365)).toBe("2025-12-31");
  });
});
