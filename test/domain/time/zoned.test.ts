import { describe, expect, it } from "vitest";
import {
  addDays,
  dailyOccurrences,
  isValidLocalDate,
  isValidLocalTime,
  isValidZone,
  localDateOf,
  minutesBetween,
  zonedInstant,
} from "../../../src/domain/time/index";

// Expected instants are written out as UTC literals (never derived from the
// code under test) so a wrong offset or DST rule makes these fail.
const iso = (d: Date) => d.toISOString();
const NY = "America/New_York";
const SYD = "Australia/Sydney";
const SCL = "America/Santiago";
const KOL = "Asia/Kolkata";

describe("validation", () => {
  it("accepts real IANA zones and rejects everything else", () => {
    for (const z of [NY, SYD, SCL, KOL, "UTC", "Europe/London"]) expect(isValidZone(z), z).toBe(true);
    for (const z of ["", "Mars/Olympus", "UTC+3", "local", "system", "New York"]) expect(isValidZone(z), z).toBe(false);
  });

  it("accepts only zero-padded 24h HH:mm", () => {
    for (const t of ["00:00", "08:30", "23:59"]) expect(isValidLocalTime(t), t).toBe(true);
    for (const t of ["24:00", "8:30", "12:60", "12:3", "", " 08:00", "08:00:00", "8pm"]) {
      expect(isValidLocalTime(t), t).toBe(false);
    }
  });

  it("accepts only real calendar dates", () => {
    expect(isValidLocalDate("2028-02-29")).toBe(true);
    for (const d of ["2026-02-29", "2026-02-30", "2026-13-01", "2026-1-05", "20260105", ""]) {
      expect(isValidLocalDate(d), d).toBe(false);
    }
  });

  it("throws RangeError on invalid zone, time, date or instant", () => {
    expect(() => zonedInstant("2026-01-15", "09:00", "Mars/Olympus")).toThrow(/unknown IANA time zone/);
    expect(() => zonedInstant("2026-01-15", "25:00", NY)).toThrow(RangeError);
    expect(() => zonedInstant("2026-02-30", "09:00", NY)).toThrow(RangeError);
    expect(() => localDateOf(new Date(Number.NaN), NY)).toThrow(RangeError);
    expect(() => localDateOf(new Date("2026-01-15T12:00:00Z"), "")).toThrow(RangeError);
  });
});

describe("localDateOf", () => {
  it("uses the person's local calendar date", () => {
    expect(localDateOf(new Date("2026-03-08T04:59:00Z"), NY)).toBe("2026-03-07"); // 23:59 EST
    expect(localDateOf(new Date("2026-03-08T05:00:00Z"), NY)).toBe("2026-03-08");
    expect(localDateOf(new Date("2026-01-14T18:29:00Z"), KOL)).toBe("2026-01-14"); // 23:59 IST
    expect(localDateOf(new Date("2026-01-14T18:30:00Z"), KOL)).toBe("2026-01-15"); // 00:00 IST
    expect(localDateOf(new Date("2026-01-14T13:30:00Z"), SYD)).toBe("2026-01-15"); // 00:30 AEDT
  });
});

describe("zonedInstant", () => {
  it("ordinary days in NY (EST and EDT)", () => {
    expect(iso(zonedInstant("2026-01-15", "09:00", NY))).toBe("2026-01-15T14:00:00.000Z");
    expect(iso(zonedInstant("2026-07-15", "09:00", NY))).toBe("2026-07-15T13:00:00.000Z");
  });

  it("Asia/Kolkata half-hour offset (+05:30)", () => {
    expect(iso(zonedInstant("2026-01-15", "09:00", KOL))).toBe("2026-01-15T03:30:00.000Z");
    expect(iso(zonedInstant("2026-01-15", "00:00", KOL))).toBe("2026-01-14T18:30:00.000Z");
    expect(iso(zonedInstant("2026-07-15", "21:45", KOL))).toBe("2026-07-15T16:15:00.000Z"); // no DST
  });

  it("NY spring-forward 2026-03-08: times in the gap resolve to 03:00 EDT (07:00Z)", () => {
    expect(iso(zonedInstant("2026-03-08", "01:59", NY))).toBe("2026-03-08T06:59:00.000Z"); // EST
    expect(iso(zonedInstant("2026-03-08", "02:00", NY))).toBe("2026-03-08T07:00:00.000Z");
    expect(iso(zonedInstant("2026-03-08", "02:30", NY))).toBe("2026-03-08T07:00:00.000Z");
    expect(iso(zonedInstant("2026-03-08", "02:59", NY))).toBe("2026-03-08T07:00:00.000Z");
    expect(iso(zonedInstant("2026-03-08", "03:00", NY))).toBe("2026-03-08T07:00:00.000Z");
    expect(iso(zonedInstant("2026-03-08", "03:30", NY))).toBe("2026-03-08T07:30:00.000Z"); // EDT
  });

  it("NY fall-back 2026-11-01: 01:30 happens twice, the first (EDT) wins", () => {
    expect(iso(zonedInstant("2026-11-01", "00:59", NY))).toBe("2026-11-01T04:59:00.000Z");
    expect(iso(zonedInstant("2026-11-01", "01:00", NY))).toBe("2026-11-01T05:00:00.000Z");
    expect(iso(zonedInstant("2026-11-01", "01:30", NY))).toBe("2026-11-01T05:30:00.000Z"); // not 06:30Z
    expect(iso(zonedInstant("2026-11-01", "01:59", NY))).toBe("2026-11-01T05:59:00.000Z");
    expect(iso(zonedInstant("2026-11-01", "02:00", NY))).toBe("2026-11-01T07:00:00.000Z"); // EST
  });

  it("Australia/Sydney DST end 2026-04-05 (03:00 AEDT -> 02:00 AEST): first occurrence", () => {
    expect(iso(zonedInstant("2026-04-05", "02:00", SYD))).toBe("2026-04-04T15:00:00.000Z"); // +11
    expect(iso(zonedInstant("2026-04-05", "02:30", SYD))).toBe("2026-04-04T15:30:00.000Z"); // +11, not 16:30Z
    expect(iso(zonedInstant("2026-04-05", "03:00", SYD))).toBe("2026-04-04T17:00:00.000Z"); // +10
  });

  it("Australia/Sydney DST start 2026-10-04 (02:00 AEST -> 03:00 AEDT): gap resolves to 03:00", () => {
    expect(iso(zonedInstant("2026-10-04", "01:59", SYD))).toBe("2026-10-03T15:59:00.000Z"); // +10
    expect(iso(zonedInstant("2026-10-04", "02:00", SYD))).toBe("2026-10-03T16:00:00.000Z");
    expect(iso(zonedInstant("2026-10-04", "02:30", SYD))).toBe("2026-10-03T16:00:00.000Z");
    expect(iso(zonedInstant("2026-10-04", "03:00", SYD))).toBe("2026-10-03T16:00:00.000Z"); // +11
  });

  it("America/Santiago: midnight itself is skipped on 2026-09-06 and 23:xx repeats on 2026-04-04", () => {
    expect(iso(zonedInstant("2026-09-06", "00:00", SCL))).toBe("2026-09-06T04:00:00.000Z"); // 01:00 -03
    expect(iso(zonedInstant("2026-09-06", "00:30", SCL))).toBe("2026-09-06T04:00:00.000Z");
    expect(localDateOf(zonedInstant("2026-09-06", "00:00", SCL), SCL)).toBe("2026-09-06");
    expect(iso(zonedInstant("2026-04-04", "23:30", SCL))).toBe("2026-04-05T02:30:00.000Z"); // -03, first
  });
});

describe("addDays", () => {
  it("is plain calendar arithmetic", () => {
    expect(addDays("2026-01-31", 1)).toBe("2026-02-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(addDays("2026-03-07", 1)).toBe("2026-03-08"); // DST day is just a date
    expect(addDays("2026-03-07", 0)).toBe("2026-03-07");
  });

  it("rejects bad input", () => {
    expect(() => addDays("2026-03-07", 1.5)).toThrow(RangeError);
    expect(() => addDays("07/03/2026", 1)).toThrow(RangeError);
  });
});

describe("dailyOccurrences", () => {
  it("keeps 09:00 local across NY spring-forward, one per date", () => {
    const occ = dailyOccurrences("09:00", NY, "2026-03-06", 5);
    expect(occ.map((o) => o.localDate)).toEqual(["2026-03-06", "2026-03-07", "2026-03-08", "2026-03-09", "2026-03-10"]);
    expect(occ.map((o) => iso(o.at))).toEqual([
      "2026-03-06T14:00:00.000Z",
      "2026-03-07T14:00:00.000Z",
      "2026-03-08T13:00:00.000Z",
      "2026-03-09T13:00:00.000Z",
      "2026-03-10T13:00:00.000Z",
    ]);
  });

  it("a nightly 02:30 check-in still fires once on the spring-forward date (at 03:00)", () => {
    const occ = dailyOccurrences("02:30", NY, "2026-03-07", 3);
    expect(occ.map((o) => iso(o.at))).toEqual([
      "2026-03-07T07:30:00.000Z",
      "2026-03-08T07:00:00.000Z",
      "2026-03-09T06:30:00.000Z",
    ]);
  });

  it("a nightly 01:30 check-in fires exactly once on the fall-back date (first 01:30)", () => {
    const occ = dailyOccurrences("01:30", NY, "2026-10-31", 3);
    expect(occ.map((o) => iso(o.at))).toEqual([
      "2026-10-31T05:30:00.000Z",
      "2026-11-01T05:30:00.000Z",
      "2026-11-02T06:30:00.000Z",
    ]);
    expect(new Set(occ.map((o) => o.localDate)).size).toBe(3);
  });

  it("keeps 20:00 local across Sydney DST end", () => {
    const occ = dailyOccurrences("20:00", SYD, "2026-04-03", 4);
    expect(occ.map((o) => iso(o.at))).toEqual([
      "2026-04-03T09:00:00.000Z", // AEDT +11
      "2026-04-04T09:00:00.000Z",
      "2026-04-05T10:00:00.000Z", // AEST +10
      "2026-04-06T10:00:00.000Z",
    ]);
    for (const o of occ) expect(localDateOf(o.at, SYD)).toBe(o.localDate);
  });

  it("handles days = 0 and rejects negative/fractional counts", () => {
    expect(dailyOccurrences("09:00", NY, "2026-03-06", 0)).toEqual([]);
    expect(() => dailyOccurrences("09:00", NY, "2026-03-06", -1)).toThrow(RangeError);
    expect(() => dailyOccurrences("09:00", NY, "2026-03-06", 1.5)).toThrow(RangeError);
    expect(() => dailyOccurrences("9:00", NY, "2026-03-06", 1)).toThrow(RangeError);
  });
});

describe("minutesBetween", () => {
  it("counts real elapsed minutes (b - a), truncated toward zero", () => {
    // 00:30 EDT -> 01:30 EST on fall-back night is two real hours.
    expect(minutesBetween(new Date("2026-11-01T04:30:00Z"), new Date("2026-11-01T06:30:00Z"))).toBe(120);
    expect(minutesBetween(new Date("2026-11-01T06:30:00Z"), new Date("2026-11-01T04:30:00Z"))).toBe(-120);
    expect(minutesBetween(new Date("2026-01-01T00:00:00Z"), new Date("2026-01-01T00:01:30Z"))).toBe(1);
    expect(minutesBetween(new Date("2026-01-01T00:01:30Z"), new Date("2026-01-01T00:00:00Z"))).toBe(-1);
    expect(Object.is(minutesBetween(new Date("2026-01-01T00:00:30Z"), new Date("2026-01-01T00:00:00Z")), 0)).toBe(true);
  });
});
