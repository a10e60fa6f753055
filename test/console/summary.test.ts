import { describe, expect, it } from "vitest";
import { caseloadBand, dailyScores, describeScores, missedStreak, suggestPeers } from "../../src/features/console/summary";
import { canSeeCase, canSeeParent } from "../../src/features/console/access";
import type { ConsoleUser } from "../../src/features/console/session";

const at = new Date("2026-03-01T14:00:00Z");
const c = (localDate: string, status: "answered" | "missed" | "awaiting" | "skipped", score: number | null = null) => ({ localDate, status, score, dueAt: at });

describe("caseload summaries", () => {
  it("counts missed check-ins in a row, skipping one still awaiting", () => {
    expect(missedStreak([c("d3", "awaiting"), c("d2", "missed"), c("d1", "missed"), c("d0", "answered", 3)])).toBe(2);
    expect(missedStreak([c("d2", "answered", 4), c("d1", "missed")])).toBe(0);
    expect(missedStreak([c("d2", "missed"), c("d1", "skipped"), c("d0", "missed")])).toBe(2);
    expect(missedStreak([])).toBe(0);
  });

  it("gives one value per local date, oldest first, averaging two check-ins of a day", () => {
    const s = dailyScores([c("2026-03-01", "answered", 4), c("2026-03-01", "answered", 5), c("2026-02-28", "missed"), c("2026-02-27", "answered", 2)], "2026-03-01", 4);
    expect(s).toEqual([
      { date: "2026-02-26", score: null },
      { date: "2026-02-27", score: 2 },
      { date: "2026-02-28", score: null },
      { date: "2026-03-01", score: 4.5 },
    ]);
    expect(describeScores(s)).toBe("scores over the last 4 days, oldest first: none, 2, none, 4.5");
    expect(describeScores([{ score: null }])).toBe("no answered check-ins in the last 1 days");
  });

  it("bands caseloads against 10-15 and suggests peers by language with room, fewest first", () => {
    expect([9, 10, 15, 16].map(caseloadBand)).toEqual(["below", "within", "within", "above"]);
    const peers = [
      { id: "a", languages: ["en", "es"], activeParents: 15 },
      { id: "b", languages: ["en"], activeParents: 12 },
      { id: "c", languages: ["es", "en"], activeParents: 4 },
    ];
    expect(suggestPeers(peers, "en").map((p) => p.id)).toEqual(["c", "b"]);
    expect(suggestPeers(peers, "es").map((p) => p.id)).toEqual(["c"]);
  });
});

describe("access rules", () => {
  const user = (role: ConsoleUser["role"], extra: Partial<ConsoleUser> = {}): ConsoleUser => ({ id: "u", email: "e", name: "n", role, peerId: null, responderId: null, ...extra });
  const parent = { id: "p1", peerId: "peer-a" };
  it("lets a peer see only their own parents, a volunteer only paged ones, supervisors all", () => {
    expect(canSeeParent(user("peer", { peerId: "peer-a" }), parent)).toBe(true);
    expect(canSeeParent(user("peer", { peerId: "peer-b" }), parent)).toBe(false);
    expect(canSeeParent(user("peer"), { id: "p2", peerId: null })).toBe(false);
    expect(canSeeParent(user("volunteer", { responderId: "r" }), parent)).toBe(false);
    expect(canSeeParent(user("volunteer", { responderId: "r" }), parent, { caseIds: new Set(), participantIds: new Set(["p1"]) })).toBe(true);
    expect(canSeeParent(user("supervisor"), parent)).toBe(true);
    expect(canSeeParent(user("admin"), parent)).toBe(true);
    const kase = { id: "k", claimedBy: "r", participantId: "p1" };
    expect(canSeeCase(user("volunteer", { responderId: "r" }), kase)).toBe(true);
    expect(canSeeCase(user("volunteer", { responderId: "s" }), kase)).toBe(false);
    expect(canSeeCase(user("volunteer", { responderId: "s" }), kase, { caseIds: new Set(["k"]), participantIds: new Set() })).toBe(true);
    expect(canSeeCase(user("peer", { peerId: "peer-a" }), kase)).toBe(false);
  });
});
