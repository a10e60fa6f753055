import { describe, expect, it } from "vitest";
import { inWrittenOrder, mayReadBodies, toTimeline } from "../../src/features/console/hotline/case-data";
import { toQueueView } from "../../src/features/console/hotline/queue-data";
import type { CaseEvent, HotlineCase } from "../../src/domain/hotline/model";
import type { ConsoleUser } from "../../src/features/console/session";

const T = new Date("2026-11-20T03:00:00Z");
const ev = (type: string, ms: number, detail: Record<string, unknown> = {}, responderId: string | null = null, id = type): CaseEvent => ({
  id,
  caseId: "c1",
  at: new Date(T.getTime() + ms),
  type,
  responderId,
  detail,
});
const user = (role: ConsoleUser["role"], responderId: string | null = null): ConsoleUser => ({ id: "u", email: "u@x", name: "U", role, peerId: null, responderId });

describe("case timeline (pure)", () => {
  it("ties in one transaction follow the order the use cases write them; time still comes first", () => {
    const sorted = inWrittenOrder([ev("conversation_relayed", 5), ev("reassigned", 5), ev("safety_reply", 0), ev("received", 0), ev("closed", 1)]);
    expect(sorted.map((e) => e.type)).toEqual(["received", "safety_reply", "closed", "reassigned", "conversation_relayed"]);
  });

  it("names responders, shows each text once, and marks direction", () => {
    const names = new Map([["r1", { name: "Vera" }], ["r2", { name: "Vic" }]]);
    const bodies = new Map([["m1", "help me"], ["m2", "I'm here"]]);
    const t = toTimeline(
      [
        ev("received", 0, { inboundId: "m1", categories: ["overdose_medical"] }),
        ev("paged", 1, { responderIds: ["r1", "gone"], round: 0, minutesWaiting: 1 }),
        ev("relayed_to_volunteer", 2, { inboundId: "m1" }, "r1"),
        ev("relayed_to_parent", 3, { inboundId: "m2" }, "r1"),
        ev("reassigned", 4, { via: "console", from: "r1", to: "r2" }, "r2"),
        ev("closed", 5, { note: "<b>safe</b>" }, "r2"),
      ],
      names,
      bodies,
    );
    expect(t[0]).toMatchObject({ body: "help me", direction: "in", facts: ["overdose / medical"] });
    expect(t[1]!.facts).toEqual(["to Vera, a former responder", "waiting 1 min", "round 1"]);
    expect(t[2]!.body).toBeNull(); // the same text, already shown
    expect(t[3]).toMatchObject({ body: "I'm here", direction: "out", actor: "Vera" });
    expect(t[4]!.facts).toEqual(["via the console", "from Vera", "to Vic"]);
    expect(t[5]!.note).toBe("<b>safe</b>"); // escaped by the renderer, kept as typed here
  });

  it("bodies: supervisors and admins, and the volunteer holding the case now", () => {
    const claimed = { status: "claimed" as const, claimedBy: "r1" };
    expect(mayReadBodies(user("supervisor"), claimed)).toBe(true);
    expect(mayReadBodies(user("admin"), claimed)).toBe(true);
    expect(mayReadBodies(user("volunteer", "r1"), claimed)).toBe(true);
    expect(mayReadBodies(user("volunteer", "r2"), claimed)).toBe(false);
    expect(mayReadBodies(user("volunteer", "r1"), { status: "closed", claimedBy: "r1" })).toBe(false);
    expect(mayReadBodies(user("peer"), claimed)).toBe(false);
  });
});

describe("queue view (pure)", () => {
  const base: HotlineCase = {
    id: "a", shortId: "AAAAA", participantId: "p1", fromPhone: "+15550000000", language: "es", level: "imminent", severity: 100,
    categories: [], supervisorReview: true, status: "open", claimedBy: null, claimedAt: null, closedAt: null, closeNote: null,
    escalationRound: 1, queuedAt: T, skipPaging: [], reviewedAt: null, reviewedBy: null, createdAt: T,
  };
  it("splits waiting and claimed, counts whole minutes from the clock, never carries the phone number", () => {
    const now = new Date(T.getTime() + 7 * 60_000 + 59_000);
    const q = toQueueView(
      [base, { ...base, id: "b", shortId: "BBBBB", participantId: null, status: "claimed", claimedBy: "r1", claimedAt: new Date(T.getTime() + 60_000) }, { ...base, id: "c", status: "closed" }],
      new Map([["p1", "Ana"]]),
      new Map(),
      now,
    );
    expect(q.open.map((r) => [r.shortId, r.who, r.waitingMinutes, r.round, r.childSafety])).toEqual([["AAAAA", "Ana", 7, 1, true]]);
    expect(q.claimed.map((r) => [r.shortId, r.who, r.holder, r.claimedMinutes])).toEqual([["BBBBB", "unknown number", "a former responder", 6]]);
    expect(JSON.stringify(q)).not.toContain("5550000000");
  });
});
