import { describe, expect, it } from "vitest";
import { isOnShift, nextShiftStart, type WeeklyShift } from "../../../src/domain/time/index";

const NY = "America/New_York";
const SYD = "Australia/Sydney";
const at = (s: string) => new Date(s);
const iso = (d: Date | null) => (d === null ? null : d.toISOString());

// A NY hotline volunteer: Saturday overnight 22:00 -> Sunday 06:00, plus Monday 09:00-17:00.
const volunteer: WeeklyShift[] = [
  { weekday: 6, start: "22:00", end: "06:00" },
  { weekday: 1, start: "09:00", end: "17:00" },
];

describe("isOnShift", () => {
  it("same-day shift is [start, end)", () => {
    // Mon 2026-01-12, EST (UTC-5)
    expect(isOnShift(at("2026-01-12T13:59:00Z"), NY, volunteer)).toBe(false); // 08:59
    expect(isOnShift(at("2026-01-12T14:00:00Z"), NY, volunteer)).toBe(true); // 09:00
    expect(isOnShift(at("2026-01-12T21:59:00Z"), NY, volunteer)).toBe(true); // 16:59
    expect(isOnShift(at("2026-01-12T22:00:00Z"), NY, volunteer)).toBe(false); // 17:00
    expect(isOnShift(at("2026-01-13T15:00:00Z"), NY, volunteer)).toBe(false); // Tuesday
  });

  it("a shift crossing midnight covers the early hours of the next day", () => {
    expect(isOnShift(at("2026-01-11T02:59:00Z"), NY, volunteer)).toBe(false); // Sat 21:59
    expect(isOnShift(at("2026-01-11T03:00:00Z"), NY, volunteer)).toBe(true); // Sat 22:00
    expect(isOnShift(at("2026-01-11T08:00:00Z"), NY, volunteer)).toBe(true); // Sun 03:00
    expect(isOnShift(at("2026-01-11T11:00:00Z"), NY, volunteer)).toBe(false); // Sun 06:00
    // Sunday 22:00 is not a shift start (only Saturday is).
    expect(isOnShift(at("2026-01-12T03:00:00Z"), NY, volunteer)).toBe(false);
  });

  it("spring-forward night: Sat 22:00 EST -> Sun 06:00 EDT is only 7 real hours", () => {
    expect(isOnShift(at("2026-03-08T03:00:00Z"), NY, volunteer)).toBe(true); // Sat 22:00 EST
    expect(isOnShift(at("2026-03-08T07:00:00Z"), NY, volunteer)).toBe(true); // 03:00 EDT
    expect(isOnShift(at("2026-03-08T09:59:00Z"), NY, volunteer)).toBe(true); // 05:59 EDT
    expect(isOnShift(at("2026-03-08T10:00:00Z"), NY, volunteer)).toBe(false); // 06:00 EDT
    expect(isOnShift(at("2026-03-08T10:30:00Z"), NY, volunteer)).toBe(false); // naive +8h would say true
  });

  it("fall-back night: Sat 22:00 EDT -> Sun 06:00 EST is 9 real hours, both 01:30s on shift", () => {
    expect(isOnShift(at("2026-11-01T02:00:00Z"), NY, volunteer)).toBe(true); // Sat 22:00 EDT
    expect(isOnShift(at("2026-11-01T05:30:00Z"), NY, volunteer)).toBe(true); // 01:30 EDT
    expect(isOnShift(at("2026-11-01T06:30:00Z"), NY, volunteer)).toBe(true); // 01:30 EST
    expect(isOnShift(at("2026-11-01T10:30:00Z"), NY, volunteer)).toBe(true); // 05:30 EST
    expect(isOnShift(at("2026-11-01T11:00:00Z"), NY, volunteer)).toBe(false); // 06:00 EST
  });

  it("Sydney: a Sunday 01:00-04:00 shift on DST end and DST start days", () => {
    const sun: WeeklyShift[] = [{ weekday: 7, start: "01:00", end: "04:00" }];
    // 2026-04-05: 01:00 AEDT (14:00Z) -> 04:00 AEST (18:00Z), 4 real hours.
    expect(isOnShift(at("2026-04-04T13:59:00Z"), SYD, sun)).toBe(false);
    expect(isOnShift(at("2026-04-04T14:00:00Z"), SYD, sun)).toBe(true);
    expect(isOnShift(at("2026-04-04T17:30:00Z"), SYD, sun)).toBe(true); // 03:30 AEST
    expect(isOnShift(at("2026-04-04T18:00:00Z"), SYD, sun)).toBe(false);
    // 2026-10-04: 01:00 AEST (15:00Z) -> 04:00 AEDT (17:00Z), 2 real hours.
    expect(isOnShift(at("2026-10-03T15:00:00Z"), SYD, sun)).toBe(true);
    expect(isOnShift(at("2026-10-03T16:59:00Z"), SYD, sun)).toBe(true);
    expect(isOnShift(at("2026-10-03T17:00:00Z"), SYD, sun)).toBe(false);
  });

  it("off dates cancel the shift that STARTS on them, including its after-midnight part", () => {
    const sunEarly = at("2026-01-11T08:00:00Z"); // Sun 03:00, inside the Saturday overnight shift
    expect(isOnShift(sunEarly, NY, volunteer, ["2026-01-10"])).toBe(false);
    expect(isOnShift(sunEarly, NY, volunteer, ["2026-01-11"])).toBe(true);
    expect(isOnShift(at("2026-01-12T15:00:00Z"), NY, volunteer, ["2026-01-12"])).toBe(false);
  });

  it("end == start is a full 24h shift", () => {
    const wed: WeeklyShift[] = [{ weekday: 3, start: "09:00", end: "09:00" }];
    expect(isOnShift(at("2026-01-14T14:00:00Z"), NY, wed)).toBe(true); // Wed 09:00
    expect(isOnShift(at("2026-01-15T13:59:00Z"), NY, wed)).toBe(true); // Thu 08:59
    expect(isOnShift(at("2026-01-15T14:00:00Z"), NY, wed)).toBe(false); // Thu 09:00
  });

  it("no shifts -> never on shift; invalid input throws", () => {
    expect(isOnShift(at("2026-01-12T15:00:00Z"), NY, [])).toBe(false);
    const i = at("2026-01-12T15:00:00Z");
    expect(() => isOnShift(i, NY, [{ weekday: 0 as 1, start: "09:00", end: "17:00" }])).toThrow(RangeError);
    expect(() => isOnShift(i, NY, [{ weekday: 1, start: "9:00", end: "17:00" }])).toThrow(RangeError);
    expect(() => isOnShift(i, NY, volunteer, ["2026-13-01"])).toThrow(RangeError);
    expect(() => isOnShift(i, "Atlantis/Capital", volunteer)).toThrow(RangeError);
  });
});

describe("nextShiftStart", () => {
  it("returns the instant itself when already on shift (incl. yesterday's overnight shift)", () => {
    expect(iso(nextShiftStart(at("2026-01-12T15:00:00Z"), NY, volunteer))).toBe("2026-01-12T15:00:00.000Z");
    expect(iso(nextShiftStart(at("2026-01-11T08:00:00Z"), NY, volunteer))).toBe("2026-01-11T08:00:00.000Z");
  });

  it("exactly at a start returns that start", () => {
    expect(iso(nextShiftStart(at("2026-01-12T14:00:00Z"), NY, volunteer))).toBe("2026-01-12T14:00:00.000Z");
  });

  it("finds the next start later in the week", () => {
    // Mon 17:00 EST -> Sat 2026-01-17 22:00 EST
    expect(iso(nextShiftStart(at("2026-01-12T22:00:00Z"), NY, volunteer))).toBe("2026-01-18T03:00:00.000Z");
    // Mon 08:00 EST -> same day 09:00
    expect(iso(nextShiftStart(at("2026-01-12T13:00:00Z"), NY, volunteer))).toBe("2026-01-12T14:00:00.000Z");
  });

  it("skips off dates", () => {
    expect(iso(nextShiftStart(at("2026-01-12T22:00:00Z"), NY, volunteer, ["2026-01-17"]))).toBe(
      "2026-01-19T14:00:00.000Z",
    );
  });

  it("keeps the local start time across DST (Sun 09:00 EDT = 13:00Z on 2026-03-08)", () => {
    const sun9: WeeklyShift[] = [{ weekday: 7, start: "09:00", end: "12:00" }];
    expect(iso(nextShiftStart(at("2026-03-06T17:00:00Z"), NY, sun9))).toBe("2026-03-08T13:00:00.000Z");
    const sydSun: WeeklyShift[] = [{ weekday: 7, start: "09:00", end: "12:00" }];
    // From Sat 2026-04-04 12:00 AEDT: Sunday 09:00 is AEST after DST end -> 23:00Z.
    expect(iso(nextShiftStart(at("2026-04-04T01:00:00Z"), SYD, sydSun))).toBe("2026-04-04T23:00:00.000Z");
  });

  it("a shift starting inside the spring-forward gap starts at 03:00 EDT", () => {
    const gap: WeeklyShift[] = [{ weekday: 7, start: "02:30", end: "04:00" }];
    expect(iso(nextShiftStart(at("2026-03-08T05:00:00Z"), NY, gap))).toBe("2026-03-08T07:00:00.000Z");
    expect(isOnShift(at("2026-03-08T06:59:00Z"), NY, gap)).toBe(false);
    expect(isOnShift(at("2026-03-08T07:00:00Z"), NY, gap)).toBe(true);
  });

  it("searches 14 days ahead, then gives up", () => {
    const mon: WeeklyShift[] = [{ weekday: 1, start: "09:00", end: "17:00" }];
    const monEvening = at("2026-01-12T23:00:00Z"); // Mon 18:00 EST
    // Next Monday off -> the one after (today + 14 local dates) still counts.
    expect(iso(nextShiftStart(monEvening, NY, mon, ["2026-01-19"]))).toBe("2026-01-26T14:00:00.000Z");
    expect(nextShiftStart(monEvening, NY, mon, ["2026-01-19", "2026-01-26"])).toBeNull();
    expect(nextShiftStart(monEvening, NY, [])).toBeNull();
  });
});
