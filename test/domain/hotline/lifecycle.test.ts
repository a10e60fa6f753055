import { describe, expect, it } from "vitest";
import { newShortId, parseResponderCommand } from "../../../src/domain/hotline/commands";
import { ago, condenseConversation, type ConversationEntry } from "../../../src/domain/hotline/conversation";
import { claimedCaseState, isNobodyOnShift, minutesWaiting, someoneOnShift, whomToPage } from "../../../src/domain/hotline/escalation";
import { checkSupervisorAction, matchResponder } from "../../../src/domain/hotline/lifecycle";
import type { Responder } from "../../../src/domain/hotline/model";
import { childSafetyGuidanceKey, RESPONDER_TEXT_KEYS, responderText } from "../../../src/domain/hotline/texts";
import { countSegments } from "../../../src/domain/text/sms-segments";
import type { WeeklyShift } from "../../../src/domain/time";

const weekdays9to17: WeeklyShift[] = ([1, 2, 3, 4, 5] as const).map((weekday) => ({ weekday, start: "09:00", end: "17:00" }));
// Monday 2026-11-23 10:00 in New York = 15:00Z; 23:30 New York = 04:30Z next day.
const mondayMorningNY = new Date("2026-11-23T15:00:00Z");
const mondayNightNY = new Date("2026-11-24T04:30:00Z");

function responder(id: string, tier: Responder["tier"], over: Partial<Responder> = {}): Responder {
  return {
    id,
    name: `Name${id} Surname`,
    phone: `+1555000${id.padStart(4, "0")}`,
    language: "en",
    timeZone: "America/New_York",
    shifts: weekdays9to17,
    tier,
    pageChannel: "sms",
    slackUserId: null,
    active: true,
    createdAt: new Date(0),
    updatedAt: new Date(0),
    ...over,
  };
}

describe("supervisor commands", () => {
  it.each([
    ["TAKE K7Q2A", { type: "take", shortId: "K7Q2A" }],
    ["tomar k7q2a", { type: "take", shortId: "K7Q2A" }],
    ["RELEASE K7Q2A", { type: "release", shortId: "K7Q2A" }],
    ["liberar K7Q2A", { type: "release", shortId: "K7Q2A" }],
    ["REASSIGN K7Q2A Maria Lopez", { type: "reassign", shortId: "K7Q2A", to: "Maria Lopez" }],
    ["reasignar K7Q2A +1 555 000 0004", { type: "reassign", shortId: "K7Q2A", to: "+1 555 000 0004" }],
    ["REASSIGN K7Q2A", { type: "reassign", shortId: "K7Q2A", to: "" }],
    ["REVIEWED K7Q2A reported to CPS, ref 4471", { type: "review", shortId: "K7Q2A", note: "reported to CPS, ref 4471" }],
    ["revisado K7Q2A: sin riesgo", { type: "review", shortId: "K7Q2A", note: "sin riesgo" }],
  ])("%s", (body, expected) => {
    expect(parseResponderCommand(body)).toEqual(expected);
  });

  it("a command word with a mistyped id is answered, never relayed to the parent", () => {
    expect(parseResponderCommand("ACCEPT K7Q")).toEqual({ type: "bad_id", given: "K7Q" });
    expect(parseResponderCommand("transfer 12345")).toEqual({ type: "bad_id", given: "12345" });
    expect(parseResponderCommand("RELEASE #ABCDEF")).toEqual({ type: "bad_id", given: "ABCDEF" });
  });

  it("ordinary sentences that start with take/release/done stay messages for the parent", () => {
    expect(parseResponderCommand("Take a deep breath with me")).toMatchObject({ type: "relay", shortId: null });
    expect(parseResponderCommand("Take steps to stay safe tonight")).toMatchObject({ type: "relay", shortId: null });
    expect(parseResponderCommand("Accept that you did your best today")).toMatchObject({ type: "relay" });
    expect(parseResponderCommand("Release the tension in your shoulders")).toMatchObject({ type: "relay" });
  });

  it("a trailing word after ACCEPT <id> is still the command", () => {
    expect(parseResponderCommand("ACCEPT K7Q2A please")).toEqual({ type: "accept", shortId: "K7Q2A" });
  });

  it("ids come from the look-alike-free alphabet", () => {
    expect(newShortId(() => 0.999)).toBe("99999");
  });
});

describe("checkSupervisorAction", () => {
  const open = { status: "open" as const, claimedBy: null };
  const heldByA = { status: "claimed" as const, claimedBy: "a" };
  const closed = { status: "closed" as const, claimedBy: "a" };
  it("allows taking an open case or someone else's, not one's own or a closed one", () => {
    expect(checkSupervisorAction("take", open, { actorId: "s" }).ok).toBe(true);
    expect(checkSupervisorAction("take", heldByA, { actorId: "s" }).ok).toBe(true);
    expect(checkSupervisorAction("take", { status: "claimed", claimedBy: "s" }, { actorId: "s" })).toEqual({ ok: false, conflict: "case is already yours" });
    expect(checkSupervisorAction("take", closed, { actorId: "s" })).toEqual({ ok: false, conflict: "case is closed" });
  });
  it("reassign refuses the current holder; release refuses an open case; review is always allowed", () => {
    expect(checkSupervisorAction("reassign", heldByA, { actorId: "s", toId: "a" }).ok).toBe(false);
    expect(checkSupervisorAction("reassign", heldByA, { actorId: "s", toId: "b" }).ok).toBe(true);
    expect(checkSupervisorAction("release", open, { actorId: "s" })).toEqual({ ok: false, conflict: "case is already in the queue" });
    expect(checkSupervisorAction("release", heldByA, { actorId: "s" }).ok).toBe(true);
    expect(checkSupervisorAction("close", open, { actorId: "s" }).ok).toBe(true);
    expect(checkSupervisorAction("close", closed, { actorId: "s" }).ok).toBe(false);
    expect(checkSupervisorAction("review", closed, { actorId: "s" }).ok).toBe(true);
  });
});

describe("matchResponder", () => {
  const roster = [
    responder("1", "primary", { name: "María López" }),
    responder("2", "primary", { name: "Maria Santos" }),
    responder("3", "backup", { name: "Vic Two" }),
    responder("4", "backup", { name: "Gone Away", active: false }),
  ];
  it("matches a full name or a unique first name, ignoring case and accents", () => {
    expect(matchResponder("maria lopez", roster)).toMatchObject({ ok: true, responder: { id: "1" } });
    expect(matchResponder("VIC", roster)).toMatchObject({ ok: true, responder: { id: "3" } });
  });
  it("matches a phone number in any spelling by its ending", () => {
    expect(matchResponder("(555) 000-0003", roster)).toMatchObject({ ok: true, responder: { id: "3" } });
    expect(matchResponder("+1 555 000 0001", roster)).toMatchObject({ ok: true, responder: { id: "1" } });
  });
  it("never guesses: two matches are ambiguous, inactive responders do not match", () => {
    expect(matchResponder("maria", roster)).toEqual({ ok: false, problem: "ambiguous" });
    expect(matchResponder("gone", roster)).toEqual({ ok: false, problem: "none" });
    expect(matchResponder("", roster)).toEqual({ ok: false, problem: "none" });
  });
});

describe("escalation helpers", () => {
  const team = [responder("1", "primary"), responder("2", "primary"), responder("3", "backup"), responder("9", "supervisor", { shifts: [] })];
  it("never pages a responder who transferred the case, in any step", () => {
    const ids = (step: number) => whomToPage(step, team, mondayMorningNY, { childSafety: false, skip: ["1"] }).responders.map((r) => r.id).sort();
    expect(ids(0)).toEqual(["2"]);
    expect(ids(1)).toEqual(["2", "3", "9"]);
  });
  it("the only volunteer on shift transferred: supervisors, and it counts as nobody on shift", () => {
    const r = whomToPage(0, [responder("1", "primary"), responder("9", "supervisor", { shifts: [] })], mondayMorningNY, { childSafety: false, skip: ["1"] });
    expect(r.responders.map((x) => x.id)).toEqual(["9"]);
    expect(isNobodyOnShift(r.reason)).toBe(true);
  });
  it("someoneOnShift: any active responder of any tier", () => {
    expect(someoneOnShift(team, mondayMorningNY)).toBe(true);
    expect(someoneOnShift(team, mondayNightNY)).toBe(false);
    expect(someoneOnShift([responder("1", "primary", { active: false })], mondayMorningNY)).toBe(false);
    expect(someoneOnShift([], mondayMorningNY)).toBe(false);
  });
  it("claimedCaseState: inactive, off shift, present; a supervisor holding a case has no shift to end", () => {
    expect(claimedCaseState(null, mondayMorningNY)).toBe("holder_inactive");
    expect(claimedCaseState(responder("1", "primary", { active: false }), mondayMorningNY)).toBe("holder_inactive");
    expect(claimedCaseState(responder("1", "primary"), mondayNightNY)).toBe("holder_off_shift");
    expect(claimedCaseState(responder("1", "primary"), mondayMorningNY)).toBe("holder_present");
    expect(claimedCaseState(responder("9", "supervisor", { shifts: [] }), mondayNightNY)).toBe("holder_present");
  });
  it("minutesWaiting rounds to whole minutes, at least one", () => {
    const t0 = new Date("2026-11-23T15:00:00Z");
    expect(minutesWaiting(t0, t0)).toBe(1);
    expect(minutesWaiting(t0, new Date(t0.getTime() + 7 * 60_000 + 20_000))).toBe(7);
    expect(minutesWaiting(t0, new Date(t0.getTime() + 65 * 60_000))).toBe(65);
  });
});

describe("condenseConversation", () => {
  const now = new Date("2026-11-23T15:30:00Z");
  const at = (minAgo: number) => new Date(now.getTime() - minAgo * 60_000);
  it("keeps everything in order, newest last, when it is short", () => {
    const entries: ConversationEntry[] = [
      { at: at(1), from: "parent", text: "ok" },
      { at: at(20), from: "parent", text: "i took pills" },
      { at: at(10), from: "responder", name: "Vera", text: "Are you safe?" },
    ];
    expect(condenseConversation("K7Q2A", entries, now)).toBe(
      "[K7Q2A] Conversation so far, newest last:\nParent (20m ago): i took pills\nVera (10m ago): Are you safe?\nParent (1m ago): ok",
    );
  });
  it("leaves out the oldest (counted) to stay SMS-sized, and always keeps the newest", () => {
    const entries: ConversationEntry[] = Array.from({ length: 40 }, (_, i) => ({
      at: at(80 - i),
      from: i % 2 ? "responder" : "parent",
      name: "Vera",
      text: `message number ${i} ` + "words ".repeat(20),
    }));
    const text = condenseConversation("K7Q2A", entries, now);
    expect(countSegments(text).segments).toBeLessThanOrEqual(4);
    expect(text).toMatch(/\(\d+ earlier on the case timeline\)/);
    expect(text).toContain("message number 39");
    expect(text).not.toContain("message number 0 ");
    expect(text.indexOf("message number 38")).toBeLessThan(text.indexOf("message number 39"));
  });
  it("cuts one very long message rather than dropping it", () => {
    const text = condenseConversation("K7Q2A", [{ at: at(2), from: "parent", text: "x".repeat(2000) }], now);
    expect(text).toMatch(/x…$/);
    expect(countSegments(text).segments).toBeLessThanOrEqual(4);
  });
  it("ago() reads minutes and hours", () => {
    expect(ago(at(0), now)).toBe("now");
    expect(ago(at(125), now)).toBe("2h05 ago");
  });
});

describe("responder texts", () => {
  it("every text renders in both languages with no placeholder left", () => {
    const vars = { programName: "Buddyline", caseId: "K7Q2A", minutes: 4, name: "Sam", firstName: "Ana", language: "English", who: "x", done: "closed", conflict: "case is closed", command: "TAKE" };
    for (const key of RESPONDER_TEXT_KEYS) {
      for (const lang of ["en", "es"] as const) expect(responderText(key, lang, vars)).not.toMatch(/[{}]/);
    }
  });
  it("guidance follows the program's mandated-reporter setting and the reader's role", () => {
    expect(responderText(childSafetyGuidanceKey("volunteer", true), "en", { caseId: "K7Q2A" })).toMatch(/You are a mandated reporter/);
    expect(responderText(childSafetyGuidanceKey("volunteer", false), "en", { caseId: "K7Q2A" })).toMatch(/supervisor has been paged and decides/);
    expect(responderText(childSafetyGuidanceKey("supervisor", false), "en", { caseId: "K7Q2A", programName: "B" })).toMatch(/you decide on and make any report/);
    expect(responderText(childSafetyGuidanceKey("supervisor", true), "es", { caseId: "K7Q2A", programName: "B" })).toMatch(/informantes obligados/);
  });
});
