import { describe, expect, it } from "vitest";
import { chartScale, isoWeekday, peerWorkload, percentile, recentWeeks, volunteerWorkload, weekIndexOf, type CaseEventFact } from "../../src/domain/workload";

const NY = "America/New_York";
const at = (iso: string) => new Date(iso);
const MIN = 60_000;

describe("percentile (nearest rank)", () => {
  it("p50 and p90 are observed values", () => {
    const v = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    expect(percentile(v, 50)).toBe(5);
    expect(percentile(v, 90)).toBe(9);
    expect(percentile(v, 100)).toBe(10);
  });
  it("small samples: one value is every percentile; two values split at the lower", () => {
    expect(percentile([7], 50)).toBe(7);
    expect(percentile([7], 90)).toBe(7);
    expect(percentile([3, 8], 50)).toBe(3);
    expect(percentile([3, 8], 90)).toBe(8);
  });
  it("nothing to rank is null, a bad p throws", () => {
    expect(percentile([], 50)).toBeNull();
    expect(() => percentile([1], 0)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });
  it("does not reorder its input", () => {
    const v = [3, 1, 2];
    percentile(v, 50);
    expect(v).toEqual([3, 1, 2]);
  });
});

describe("recentWeeks", () => {
  it("Monday-to-Monday local weeks ending with the current one, oldest first", () => {
    // Wed 2026-11-25 15:00 in New York.
    const weeks = recentWeeks(at("2026-11-25T20:00:00Z"), NY, 3);
    expect(weeks.map((w) => w.start)).toEqual(["2026-11-09", "2026-11-16", "2026-11-23"]);
    expect(weeks[2]!.from.toISOString()).toBe("2026-11-23T05:00:00.000Z");
    expect(weeks[2]!.to.toISOString()).toBe("2026-11-30T05:00:00.000Z");
    expect(weeks.every((w) => isoWeekday(w.start) === 1)).toBe(true);
  });
  it("a week across the fall-back change is 169 hours; a Monday 00:30 belongs to its own week", () => {
    const weeks = recentWeeks(at("2026-11-03T12:00:00Z"), NY, 2); // DST ended Sun 2026-11-01
    expect(weeks[0]!.to.getTime() - weeks[0]!.from.getTime()).toBe(169 * 3600_000);
    expect(weekIndexOf(weeks, at("2026-11-02T05:30:00Z"))).toBe(1); // Mon 00:30 EST
    expect(weekIndexOf(weeks, at("2026-11-02T04:59:00Z"))).toBe(0); // Sun 23:59 EST
    expect(weekIndexOf(weeks, at("2020-01-01T00:00:00Z"))).toBe(-1);
  });
  it("on a Monday just after midnight the current week starts that day", () => {
    const weeks = recentWeeks(at("2026-11-23T05:01:00Z"), NY, 1);
    expect(weeks[0]!.start).toBe("2026-11-23");
  });
  it("rejects a non-positive count", () => {
    expect(() => recentWeeks(new Date(), NY, 0)).toThrow(RangeError);
  });
});

describe("volunteerWorkload", () => {
  const t0 = at("2026-11-20T03:00:00Z");
  const plus = (m: number) => new Date(t0.getTime() + m * MIN);
  const ev = (caseId: string, m: number, type: string, responderId: string | null = null, detail: Record<string, unknown> = {}): CaseEventFact => ({
    caseId,
    at: plus(m),
    type,
    responderId,
    detail,
  });

  it("time-to-claim runs from the first page to the claimer in the round, not from later re-pages", () => {
    const events = [
      ev("c1", 0, "paged", null, { responderIds: ["v1", "v2"], round: 0 }),
      ev("c1", 2, "escalated", null, { responderIds: ["v1", "v2", "v3"], round: 0 }),
      ev("c1", 3, "claimed", "v1"),
    ];
    const w = volunteerWorkload(events, t0);
    expect(w.get("v1")).toMatchObject({ pages: 2, casesPaged: 1, claims: 1, claimTimesMs: [3 * MIN], p50Ms: 3 * MIN, p90Ms: 3 * MIN });
    expect(w.get("v2")).toMatchObject({ pages: 2, claims: 0, claimTimesMs: [], p50Ms: null });
    expect(w.get("v3")).toMatchObject({ pages: 1, claims: 0 });
  });

  it("a release starts a new round: the second claim is timed from the next page", () => {
    const events = [
      ev("c1", 0, "paged", null, { responderIds: ["v1"] }),
      ev("c1", 1, "claimed", "v1"),
      ev("c1", 10, "released", "sup"),
      ev("c1", 10, "paged", null, { responderIds: ["v1"] }),
      ev("c1", 14, "claimed", "v1"),
    ];
    expect(volunteerWorkload(events, t0).get("v1")!.claimTimesMs).toEqual([1 * MIN, 4 * MIN]);
  });

  it("a claim without a page to the claimer counts, untimed", () => {
    const events = [ev("c1", 0, "paged", null, { responderIds: ["v1"] }), ev("c1", 5, "claimed", "sup")];
    expect(volunteerWorkload(events, t0).get("sup")).toMatchObject({ claims: 1, claimTimesMs: [], p50Ms: null, pages: 0 });
  });

  it("p50/p90 over many claims; events before `from` pair a claim but are not counted", () => {
    const events: CaseEventFact[] = [];
    for (let i = 1; i <= 10; i++) {
      events.push(ev(`c${i}`, i * 100, "paged", null, { responderIds: ["v1"] }), ev(`c${i}`, i * 100 + i, "claimed", "v1"));
    }
    // Paged before the window, claimed inside it.
    events.push(ev("early", -30, "paged", null, { responderIds: ["v1"] }), ev("early", 20, "claimed", "v1"));
    const w = volunteerWorkload(events, t0).get("v1")!;
    expect(w.pages).toBe(10);
    expect(w.casesPaged).toBe(10);
    expect(w.claims).toBe(11);
    expect(w.p50Ms).toBe(6 * MIN); // times 1..10 and 50: 6th of 11
    expect(w.p90Ms).toBe(10 * MIN);
  });

  it("ignores malformed responderIds and events out of order", () => {
    const events = [ev("c1", 4, "claimed", "v1"), ev("c1", 1, "paged", null, { responderIds: ["v1", 7, null] }), ev("c2", 0, "paged", null, { responderIds: "v1" })];
    expect(volunteerWorkload(events, t0).get("v1")).toMatchObject({ pages: 1, claims: 1, claimTimesMs: [3 * MIN] });
  });
});

describe("peerWorkload", () => {
  const weeks = recentWeeks(at("2026-11-25T20:00:00Z"), NY, 2);
  it("fills zeros, sums totals and keeps the peers' order", () => {
    const rows = peerWorkload(
      [{ id: "p2", name: "Rosa" }, { id: "p1", name: "Lee" }],
      weeks,
      [
        { peerId: "p1", week: 1, held: 4, interrupted: 1, unacknowledged: 2 },
        { peerId: "p1", week: 0, held: 2, interrupted: 0, unacknowledged: 0 },
        { peerId: "ghost", week: 0, held: 9, interrupted: 9, unacknowledged: 9 },
      ],
    );
    expect(rows.map((r) => r.name)).toEqual(["Rosa", "Lee"]);
    expect(rows[0]!.totals).toEqual({ held: 0, interrupted: 0, unacknowledged: 0 });
    expect(rows[1]!.weeks.map((w) => w.held)).toEqual([2, 4]);
    expect(rows[1]!.totals).toEqual({ held: 6, interrupted: 1, unacknowledged: 2 });
    expect(chartScale(rows)).toBe(4);
    expect(chartScale([])).toBe(1);
  });
});
