import { describe, expect, it } from "vitest";
import { severityOf, whomToPage } from "../../../src/domain/hotline/escalation";
import type { Responder } from "../../../src/domain/hotline/model";
import type { WeeklyShift } from "../../../src/domain/time";

const weekdays9to17: WeeklyShift[] = ([1, 2, 3, 4, 5] as const).map((weekday) => ({ weekday, start: "09:00", end: "17:00" }));
const nights: WeeklyShift[] = ([1, 2, 3, 4, 5, 6, 7] as const).map((weekday) => ({ weekday, start: "22:00", end: "06:00" }));

function responder(id: string, tier: Responder["tier"], shifts: WeeklyShift[], zone = "America/New_York"): Responder {
  return {
    id,
    name: id,
    phone: `+1555000${id.padStart(4, "0")}`,
    language: "en",
    timeZone: zone,
    shifts,
    tier,
    pageChannel: "sms",
    slackUserId: null,
    active: true,
    createdAt: new Date(0),
    updatedAt: new Date(0),
  };
}

// Monday 2026-11-23 10:00 in New York = 15:00Z; 23:30 New York = 04:30Z next day.
const mondayMorningNY = new Date("2026-11-23T15:00:00Z");
const mondayNightNY = new Date("2026-11-24T04:30:00Z");

const team = [
  responder("1", "primary", weekdays9to17),
  responder("2", "primary", nights),
  responder("3", "backup", weekdays9to17),
  responder("4", "supervisor", weekdays9to17),
  responder("5", "supervisor", []),
];
const ids = (r: { responders: Responder[] }) => r.responders.map((x) => x.id).sort();

describe("whomToPage", () => {
  it("step 0 pages only the primaries on shift", () => {
    expect(ids(whomToPage(0, team, mondayMorningNY, { childSafety: false }))).toEqual(["1"]);
    expect(ids(whomToPage(0, team, mondayNightNY, { childSafety: false }))).toEqual(["2"]);
  });

  it("later steps page everyone on shift plus the on-call supervisors", () => {
    const r = whomToPage(1, team, mondayMorningNY, { childSafety: false });
    expect(ids(r)).toEqual(["1", "3", "4"]);
    expect(r.reason).toBe("escalation_backups_and_supervisors");
    // At night no supervisor is on shift: every supervisor is on call.
    expect(ids(whomToPage(2, team, mondayNightNY, { childSafety: false }))).toEqual(["2", "4", "5"]);
  });

  it("pages the supervisor tier at once when nobody is on shift", () => {
    const dayOnly = [responder("1", "primary", weekdays9to17), responder("4", "supervisor", weekdays9to17), responder("5", "supervisor", [])];
    const r = whomToPage(0, dayOnly, mondayNightNY, { childSafety: false });
    expect(r.reason).toBe("supervisors_nobody_on_shift");
    expect(ids(r)).toEqual(["4", "5"]);
  });

  it("falls back to backups when no primary is on shift", () => {
    const r = whomToPage(0, [responder("3", "backup", nights), responder("1", "primary", weekdays9to17)], mondayNightNY, {
      childSafety: false,
    });
    expect(r.reason).toBe("backup_no_primary_on_shift");
    expect(ids(r)).toEqual(["3"]);
  });

  it("a child-safety case adds supervisors from the first page", () => {
    expect(ids(whomToPage(0, team, mondayMorningNY, { childSafety: true }))).toEqual(["1", "4"]);
  });

  it("inactive responders are never paged, and an empty roster says so", () => {
    const inactive = { ...responder("1", "primary", weekdays9to17), active: false };
    expect(whomToPage(0, [inactive], mondayMorningNY, { childSafety: false })).toEqual({
      responders: [],
      reason: "no_responders_configured",
    });
  });

  it("respects each responder's own zone", () => {
    // 10:00 in New York is 07:00 in Los Angeles: an LA 9-to-5 volunteer is not on yet.
    const la = responder("9", "primary", weekdays9to17, "America/Los_Angeles");
    const ny = responder("1", "primary", weekdays9to17);
    expect(ids(whomToPage(0, [la, ny], mondayMorningNY, { childSafety: false }))).toEqual(["1"]);
  });
});

describe("severityOf", () => {
  it("orders overdose and suicide above child danger and violence, above a bare help word, above concern", () => {
    const s = (level: "imminent" | "concern", categories: string[]) => severityOf({ level, categories: categories as never });
    expect(s("imminent", ["overdose_medical"])).toBeGreaterThan(s("imminent", ["child_danger"]));
    expect(s("imminent", ["child_danger"])).toBeGreaterThan(s("imminent", ["explicit_help"]));
    expect(s("imminent", ["explicit_help"])).toBeGreaterThan(s("concern", ["return_to_use"]));
  });
});
