import { describe, expect, it } from "vitest";
import type { Responder } from "../../../src/domain/hotline/model";
import {
  isWaveOver,
  legStatusFromTwilio,
  legsToStop,
  planWave,
  readWhisperKey,
  takeOutcome,
  type LegStatus,
} from "../../../src/domain/voice/hunt";
import type { WeeklyShift } from "../../../src/domain/time";

const ALWAYS: WeeklyShift[] = ([1, 2, 3, 4, 5, 6, 7] as const).map((weekday) => ({ weekday, start: "00:00", end: "00:00" }));

function responder(id: string, tier: Responder["tier"], over: Partial<Responder> = {}): Responder {
  return {
    id,
    name: id,
    phone: `+1555000${id.padStart(4, "0")}`,
    language: "en",
    timeZone: "America/New_York",
    shifts: ALWAYS,
    tier,
    pageChannel: "sms",
    slackUserId: null,
    active: true,
    createdAt: new Date(0),
    updatedAt: new Date(0),
    ...over,
  };
}

const now = new Date("2026-11-23T15:00:00Z");
const ids = (rs: Responder[]) => rs.map((r) => r.id).sort();

describe("planWave", () => {
  const team = [responder("1", "primary"), responder("2", "primary"), responder("3", "backup"), responder("4", "supervisor")];

  it("wave 0 rings the on-shift primaries; wave 1 the rest of the chain, nobody twice; no wave 2", () => {
    expect(ids(planWave(0, team, now, { childSafety: false }).responders)).toEqual(["1", "2"]);
    expect(ids(planWave(1, team, now, { childSafety: false, alreadyRung: ["1", "2"] }).responders)).toEqual(["3", "4"]);
    expect(planWave(2, team, now, { childSafety: false, alreadyRung: ["1", "2", "3", "4"] }).responders).toEqual([]);
  });

  it("no primary on shift → backups first; nobody on shift → the supervisors (even off shift)", () => {
    const offShift = { shifts: [] };
    expect(ids(planWave(0, [responder("1", "primary", offShift), responder("3", "backup")], now, { childSafety: false }).responders)).toEqual(["3"]);
    const nobody = planWave(0, [responder("1", "primary", offShift), responder("4", "supervisor", offShift)], now, { childSafety: false });
    expect(ids(nobody.responders)).toEqual(["4"]);
    expect(nobody.reason).toBe("supervisors_nobody_on_shift");
  });

  it("no responders at all → nobody to ring (the caller goes straight to 988 and voicemail)", () => {
    expect(planWave(0, [], now, { childSafety: false })).toEqual({ responders: [], reason: "no_responders_configured" });
    expect(planWave(0, [responder("1", "primary", { active: false })], now, { childSafety: false }).responders).toEqual([]);
  });

  it("the holder of the parent's case rings in the first wave whatever their tier; those who transferred it never", () => {
    expect(ids(planWave(0, team, now, { childSafety: false, holderId: "3" }).responders)).toEqual(["1", "2", "3"]);
    expect(ids(planWave(0, team, now, { childSafety: false, skip: ["1"] }).responders)).toEqual(["2"]);
  });

  it("a child-safety case rings the supervisors from the first wave", () => {
    expect(ids(planWave(0, team, now, { childSafety: true }).responders)).toEqual(["1", "2", "4"]);
  });
});

describe("isWaveOver", () => {
  const started = new Date(now.getTime() - 5_000);
  const legs = (...s: LegStatus[]) => s.map((status) => ({ status }));

  it("over when every leg ended without a winner, not while one rings or is answered", () => {
    expect(isWaveOver(legs("no_answer", "busy"), started, now, 25)).toBe(true);
    expect(isWaveOver(legs("no_answer", "requested"), started, now, 25)).toBe(false);
    expect(isWaveOver(legs("declined", "answered"), started, now, 25)).toBe(false);
    expect(isWaveOver(legs(), started, now, 25)).toBe(true);
  });

  it("a lost status callback cannot hold the caller: over after the ring time plus grace", () => {
    const long = new Date(now.getTime() - 35_000);
    expect(isWaveOver(legs("requested"), long, now, 25)).toBe(true);
    expect(isWaveOver(legs("requested"), new Date(now.getTime() - 34_000), now, 25)).toBe(false);
  });

  it("never over once a leg is bridged", () => {
    expect(isWaveOver(legs("bridged", "no_answer"), new Date(0), now, 25)).toBe(false);
  });
});

describe("whisper keys and the take", () => {
  it("1 takes, another key is counted, no key is no", () => {
    expect(readWhisperKey("1", 0)).toEqual({ kind: "take" });
    expect(readWhisperKey("7", 0)).toEqual({ kind: "other_key", attempt: 1 });
    expect(readWhisperKey(undefined, 2)).toEqual({ kind: "no_key" });
    expect(readWhisperKey("", 0)).toEqual({ kind: "no_key" });
  });

  it("first press wins; a retried press by the winner still wins; later presses lose; a gone caller is nobody's", () => {
    expect(takeOutcome(true, "bridged", "leg-a", "leg-a")).toBe("won");
    expect(takeOutcome(false, "bridged", "leg-a", "leg-a")).toBe("won");
    expect(takeOutcome(false, "bridged", "leg-a", "leg-b")).toBe("lost");
    expect(takeOutcome(false, "to_988", null, "leg-b")).toBe("gone");
    expect(takeOutcome(false, "missed", null, "leg-b")).toBe("gone");
  });

  it("losing legs: ringing ones are canceled, answered ones completed, ended or unplaced ones left alone", () => {
    const legs = [
      { id: "a", status: "bridged" as LegStatus, callSid: "CA1" },
      { id: "b", status: "requested" as LegStatus, callSid: "CA2" },
      { id: "c", status: "answered" as LegStatus, callSid: "CA3" },
      { id: "d", status: "no_answer" as LegStatus, callSid: "CA4" },
      { id: "e", status: "requested" as LegStatus, callSid: null },
    ];
    expect(legsToStop(legs, "a").map((s) => [s.leg.id, s.as])).toEqual([
      ["b", "canceled"],
      ["c", "completed"],
    ]);
  });

  it("Twilio's final statuses map to ours; intermediate ones are not final", () => {
    expect(legStatusFromTwilio("no-answer")).toBe("no_answer");
    expect(legStatusFromTwilio("busy")).toBe("busy");
    expect(legStatusFromTwilio("completed")).toBe("completed");
    expect(legStatusFromTwilio("ringing")).toBeNull();
    expect(legStatusFromTwilio("in-progress")).toBeNull();
  });
});
