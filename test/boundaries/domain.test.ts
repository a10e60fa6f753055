import { describe, expect, it } from "vitest";
import {
  classifyNotification,
  composeSupervisorSummary,
  decideDelivery,
  decideDigest,
  digestHeadline,
  formatReadAfter,
  isAvailable,
  nextAvailableAt,
  nextShiftAfterCurrent,
  offHoursPeriodKey,
  orderDigestItems,
  unavailability,
  type DeliverySubject,
} from "../../src/domain/boundaries";
import type { WeeklyShift } from "../../src/domain/time";

const NY = "America/New_York";
const WEEKDAYS_9_TO_5: WeeklyShift[] = ([1, 2, 3, 4, 5] as const).map((weekday) => ({ weekday, start: "09:00", end: "17:00" }));

function peer(over: Partial<DeliverySubject> = {}): DeliverySubject {
  return {
    timeZone: NY,
    workingHours: WEEKDAYS_9_TO_5,
    offDates: [],
    awayUntil: null,
    awayIndefinitely: false,
    awaySince: null,
    crisisFyiImmediately: false,
    ...over,
  };
}
const iso = (s: string) => new Date(s);

describe("peer availability", () => {
  it("is on inside working hours in the peer's zone and off outside", () => {
    // Mon 2026-11-23: 9:00 EST = 14:00Z
    expect(isAvailable(peer(), iso("2026-11-23T14:00:00Z"))).toBe(true);
    expect(isAvailable(peer(), iso("2026-11-23T13:59:00Z"))).toBe(false);
    expect(isAvailable(peer(), iso("2026-11-23T21:59:00Z"))).toBe(true);
    expect(isAvailable(peer(), iso("2026-11-23T22:00:00Z"))).toBe(false); // 17:00 end is exclusive
    expect(unavailability(peer(), iso("2026-11-28T16:00:00Z"))).toBe("off_shift"); // Saturday
  });

  it("treats off dates (PTO, holidays) as whole days off and names the reason", () => {
    const p = peer({ offDates: ["2026-11-26"] }); // Thanksgiving
    expect(unavailability(p, iso("2026-11-26T16:00:00Z"))).toBe("off_date");
    expect(nextAvailableAt(p, iso("2026-11-25T23:00:00Z"))).toEqual(iso("2026-11-27T14:00:00Z"));
  });

  it("honours /away until an instant, and until further notice", () => {
    const until = iso("2026-11-23T18:30:00Z");
    const p = peer({ awayUntil: until, awaySince: iso("2026-11-23T15:00:00Z") });
    expect(unavailability(p, iso("2026-11-23T16:00:00Z"))).toBe("away");
    // Back mid-shift: available the moment the absence ends.
    expect(nextAvailableAt(p, iso("2026-11-23T16:00:00Z"))).toEqual(until);
    expect(isAvailable(p, until)).toBe(true);
    // Away past the end of the shift: the next shift start after it.
    const late = peer({ awayUntil: iso("2026-11-23T23:00:00Z") });
    expect(nextAvailableAt(late, iso("2026-11-23T16:00:00Z"))).toEqual(iso("2026-11-24T14:00:00Z"));
    const open = peer({ awayIndefinitely: true, awaySince: iso("2026-11-23T15:00:00Z") });
    expect(isAvailable(open, iso("2026-11-24T15:00:00Z"))).toBe(false);
    expect(nextAvailableAt(open, iso("2026-11-24T15:00:00Z"))).toBeNull();
  });

  it("finds a shift beyond a long PTO (more than the two weeks shifts.ts looks ahead)", () => {
    const offDates = Array.from({ length: 30 }, (_, i) => {
      const d = new Date(Date.UTC(2026, 11, 1 + i));
      return d.toISOString().slice(0, 10);
    });
    const p = peer({ offDates });
    expect(nextAvailableAt(p, iso("2026-11-30T23:00:00Z"))).toEqual(iso("2026-12-31T14:00:00Z"));
  });

  it("decided: a peer with no working hours is on all day, except off dates and /away", () => {
    const p = peer({ workingHours: [] });
    expect(isAvailable(p, iso("2026-11-28T08:00:00Z"))).toBe(true); // Saturday 3 a.m.
    const pto = peer({ workingHours: [], offDates: ["2026-11-28"] });
    expect(isAvailable(pto, iso("2026-11-28T16:00:00Z"))).toBe(false);
    // Back at local midnight after the off date.
    expect(nextAvailableAt(pto, iso("2026-11-28T16:00:00Z"))).toEqual(iso("2026-11-29T05:00:00Z"));
  });
});

describe("next availability across DST", () => {
  it("spring forward: a Monday 9:00 shift after the change is 13:00Z, not 14:00Z", () => {
    // US DST starts Sun 2026-03-08. Friday 17:00 EST = 22:00Z.
    const friEvening = iso("2026-03-06T23:00:00Z");
    expect(nextAvailableAt(peer(), friEvening)).toEqual(iso("2026-03-09T13:00:00Z"));
  });

  it("fall back: a Monday 9:00 shift after the change is 14:00Z, not 13:00Z", () => {
    // US DST ends Sun 2026-11-01.
    expect(nextAvailableAt(peer(), iso("2026-10-30T22:00:00Z"))).toEqual(iso("2026-11-02T14:00:00Z"));
  });

  it("a shift starting inside the spring-forward gap starts at the first valid minute", () => {
    const p = peer({ workingHours: [{ weekday: 7, start: "02:30", end: "10:00" }] });
    expect(nextAvailableAt(p, iso("2026-03-08T05:00:00Z"))).toEqual(iso("2026-03-08T07:00:00Z")); // 03:00 EDT
  });

  it("a peer in Europe: the EU changes on another weekend than the US", () => {
    const p = peer({ timeZone: "Europe/Madrid" });
    // EU DST starts Sun 2026-03-29; Monday 9:00 CEST = 07:00Z (a week earlier it was 08:00Z).
    expect(nextAvailableAt(p, iso("2026-03-27T18:00:00Z"))).toEqual(iso("2026-03-30T07:00:00Z"));
    expect(nextAvailableAt(p, iso("2026-03-20T18:00:00Z"))).toEqual(iso("2026-03-23T08:00:00Z"));
  });
});

describe("delivery decision", () => {
  const off = iso("2026-11-24T02:00:00Z"); // Mon 21:00 EST
  it("delivers on shift, holds off-hours until the next shift start", () => {
    expect(decideDelivery(peer(), "parent_message", iso("2026-11-23T15:00:00Z"))).toEqual({ action: "deliver", offHours: false });
    expect(decideDelivery(peer(), "parent_message", off)).toEqual({
      action: "defer",
      until: iso("2026-11-24T14:00:00Z"),
      reason: "off_shift",
      recheck: false,
    });
  });

  it("classifies hotline case updates and concern screens as crisis FYIs; unknown kinds are routine", () => {
    expect(classifyNotification("hotline_case_closed")).toBe("crisis_fyi");
    expect(classifyNotification("concern")).toBe("crisis_fyi");
    for (const k of ["parent_message", "checkin_note", "low_score", "missed_streak", "something_new"]) {
      expect(classifyNotification(k)).toBe("routine");
    }
  });

  it("crisis FYI: immediate off-hours when opted in (an interruption), else held", () => {
    expect(decideDelivery(peer({ crisisFyiImmediately: true }), "hotline_case_closed", off)).toEqual({ action: "deliver", offHours: true });
    expect(decideDelivery(peer(), "hotline_case_closed", off)).toMatchObject({ action: "defer", until: iso("2026-11-24T14:00:00Z") });
    // A routine note still waits for an opted-in peer.
    expect(decideDelivery(peer({ crisisFyiImmediately: true }), "parent_message", off)).toMatchObject({ action: "defer" });
  });

  it("decided: opt-in does not break PTO or /away", () => {
    const pto = peer({ crisisFyiImmediately: true, offDates: ["2026-11-24"] });
    expect(decideDelivery(pto, "hotline_case_closed", iso("2026-11-24T16:00:00Z"))).toMatchObject({ action: "defer", reason: "off_date" });
    const away = peer({ crisisFyiImmediately: true, awayIndefinitely: true });
    expect(decideDelivery(away, "hotline_case_closed", off)).toEqual({
      action: "defer",
      until: iso("2026-11-25T02:00:00Z"),
      reason: "away",
      recheck: true,
    });
  });

  it("a digest re-checks: sends when available, holds again when the peer went away", () => {
    expect(decideDigest(peer(), iso("2026-11-24T14:00:00Z"))).toEqual({ action: "send" });
    const away = peer({ awayUntil: iso("2026-11-25T20:00:00Z") });
    expect(decideDigest(away, iso("2026-11-24T14:00:00Z"))).toEqual({ action: "defer", until: iso("2026-11-25T20:00:00Z") });
  });
});

describe("digest headline", () => {
  const item = (kind: string, participantId: string | null, minute = 0) => ({
    kind,
    participantId,
    createdAt: new Date(Date.UTC(2026, 10, 24, 2, minute)),
  });
  it("counts messages and distinct parents, and hotline cases handled", () => {
    expect(
      digestHeadline([item("parent_message", "a"), item("parent_message", "b"), item("checkin_note", "a"), item("hotline_case_closed", "c")]),
    ).toBe("While you were off: 3 messages from 2 parents, 1 hotline case handled by a volunteer");
  });
  it("uses singular and plural correctly for every kind", () => {
    expect(digestHeadline([item("parent_message", "a")])).toBe("While you were off: 1 message from 1 parent");
    expect(
      digestHeadline([
        item("low_score", "a"),
        item("low_score", "b"),
        item("missed_streak", "a"),
        item("missed_streak", "a"),
        item("concern", "b"),
        item("hotline_case_closed", "a"),
        item("hotline_case_closed", "b"),
        item("hotline_case_opened", "b"),
        item("flow_alert", "b"),
      ]),
    ).toBe(
      "While you were off: 2 low check-in scores, 1 parent missing check-ins, 1 message flagged as a concern, " +
        "2 hotline cases handled by a volunteer, 1 hotline case update, 1 other note",
    );
  });
  it("lists crisis FYIs first, then oldest first", () => {
    const ordered = orderDigestItems([item("parent_message", "a", 1), item("hotline_case_closed", "b", 5), item("low_score", "c", 0)]);
    expect(ordered.map((i) => i.kind)).toEqual(["hotline_case_closed", "low_score", "parent_message"]);
  });
});

describe("off-hours period key and auto-reply time", () => {
  it("is the same all night and differs the next night; null on shift", () => {
    const p = peer();
    const k1 = offHoursPeriodKey(p, iso("2026-11-23T23:00:00Z"));
    expect(k1).toBe(offHoursPeriodKey(p, iso("2026-11-24T11:00:00Z")));
    expect(k1).not.toBe(offHoursPeriodKey(p, iso("2026-11-24T23:00:00Z")));
    expect(offHoursPeriodKey(p, iso("2026-11-24T15:00:00Z"))).toBeNull();
    // Weekend: Friday night to Monday morning is one period.
    expect(offHoursPeriodKey(p, iso("2026-11-27T23:00:00Z"))).toBe(offHoursPeriodKey(p, iso("2026-11-29T20:00:00Z")));
  });
  it("names an open-ended absence by when it began", () => {
    const since = iso("2026-11-23T15:00:00Z");
    const p = peer({ awayIndefinitely: true, awaySince: since });
    expect(offHoursPeriodKey(p, iso("2026-11-25T15:00:00Z"))).toBe(`away-${since.getTime()}`);
  });
  it("formats the time in the parent's zone and language", () => {
    const nineNY = iso("2026-11-24T14:00:00Z");
    expect(formatReadAfter(nineNY, NY, "en")).toBe("9:00 AM Tue, Nov 24");
    expect(formatReadAfter(nineNY, "America/Chicago", "en")).toBe("8:00 AM Tue, Nov 24");
    expect(formatReadAfter(nineNY, "America/Los_Angeles", "es")).toBe("mar, 24 nov, 06:00");
  });
});

describe("snooze until my next shift", () => {
  it("on shift: the start of the next shift, not now", () => {
    expect(nextShiftAfterCurrent(peer(), iso("2026-11-23T15:00:00Z"))).toEqual(iso("2026-11-24T14:00:00Z"));
    // Friday: next shift is Monday.
    expect(nextShiftAfterCurrent(peer(), iso("2026-11-27T15:00:00Z"))).toEqual(iso("2026-11-30T14:00:00Z"));
  });
  it("two shifts a day: the afternoon one", () => {
    const split: WeeklyShift[] = [
      { weekday: 1, start: "09:00", end: "12:00" },
      { weekday: 1, start: "14:00", end: "17:00" },
    ];
    expect(nextShiftAfterCurrent(peer({ workingHours: split }), iso("2026-11-23T15:00:00Z"))).toEqual(iso("2026-11-23T19:00:00Z"));
  });
  it("off shift: the next shift start", () => {
    expect(nextShiftAfterCurrent(peer(), iso("2026-11-24T02:00:00Z"))).toEqual(iso("2026-11-24T14:00:00Z"));
  });
});

describe("supervisor summary", () => {
  const now = iso("2026-11-24T13:00:00Z");
  it("lists unacknowledged items by peer, open cases and per-peer boundary counts, with no bodies", () => {
    const s = composeSupervisorSummary({
      date: "2026-11-24",
      now,
      unackedAfterHours: 24,
      unacknowledged: [
        { peerId: "p1", createdAt: iso("2026-11-22T13:00:00Z"), held: false },
        { peerId: "p1", createdAt: iso("2026-11-23T09:00:00Z"), held: true },
        { peerId: null, createdAt: iso("2026-11-23T10:00:00Z"), held: true },
      ],
      openCases: [
        { shortId: "K7Q2A", status: "open", createdAt: iso("2026-11-24T12:25:00Z") },
        { shortId: "M3P9X", status: "claimed", createdAt: iso("2026-11-24T10:00:00Z") },
      ],
      peers: [
        { id: "p1", name: "Rosa Diaz", deferred: 3, interruptions: 1, hasWorkingHours: true, away: false },
        { id: "p2", name: "Luis Ortega", deferred: 1, interruptions: 0, hasWorkingHours: false, away: true },
      ],
    });
    expect(s.headline).toBe(
      "Daily summary 2026-11-24: 3 unacknowledged items over 24 h, 2 open hotline cases; boundaries held 4 times, 1 after-hours interruption",
    );
    expect(s.lines).toEqual([
      "Unacknowledged over 24 h: 3 (Rosa Diaz 2, no peer assigned 1); oldest 2 d; 2 still held for a shift",
      "Open hotline cases: 2 (M3P9X claimed 3 h, K7Q2A unclaimed 35 min)",
      "Luis Ortega: 1 note held off-hours, 0 after-hours interruptions (no working hours set, so no boundary is held; away)",
      "Rosa Diaz: 3 notes held off-hours, 1 after-hours interruption",
    ]);
  });
  it("says none when there is nothing", () => {
    const s = composeSupervisorSummary({ date: "2026-11-24", now, unackedAfterHours: 12, unacknowledged: [], openCases: [], peers: [] });
    expect(s.lines).toEqual(["Unacknowledged over 12 h: none", "Open hotline cases: none"]);
    expect(s.headline).toContain("0 unacknowledged items over 12 h, 0 open hotline cases; boundaries held 0 times, 0 after-hours interruptions");
  });
});
