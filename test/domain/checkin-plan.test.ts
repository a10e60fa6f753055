import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import {
  checkinDueAt,
  decideDue,
  missedStreak,
  planCheckins,
  shouldAlertMissedStreak,
  type PlannedCheckin,
} from "../../src/domain/checkin-plan";

type PlanInput = Parameters<typeof planCheckins>[0];

const NY = "America/New_York";
const SYDNEY = "Australia/Sydney";

function person(overrides: Partial<PlanInput> = {}): PlanInput {
  return {
    id: "00000000-0000-4000-8000-000000000001",
    timeZone: NY,
    dailyCheckinTime: "09:00",
    nightlyCheckinTime: "20:30",
    sendWindow: { start: "08:00", end: "21:00" },
    consentChangedAt: new Date("2020-01-01T00:00:00Z"),
    ...overrides,
  };
}

const utc = (iso: string) => new Date(iso);
/** Wall clock and offset the parent sees at `d`, e.g. "2026-03-08 03:00 -04:00". */
const wall = (d: Date | null, zone: string) => DateTime.fromJSDate(d!, { zone }).toFormat("yyyy-MM-dd HH:mm ZZ");
const keyOf = (p: PlannedCheckin) => `${p.kind}|${p.localDate}`;
const only = (plans: PlannedCheckin[], kind: string, localDate: string) => {
  const hits = plans.filter((p) => p.kind === kind && p.localDate === localDate);
  expect(hits, `${kind} ${localDate}`).toHaveLength(1);
  return hits[0]!;
};

describe("checkinDueAt / planCheckins across DST in America/New_York", () => {
  it("spring-forward (2026-03-08): a 02:30 nightly that does not exist fires at 03:00 EDT, the next valid minute", () => {
    const p = person({ nightlyCheckinTime: "02:30" });
    const due = checkinDueAt(p, "nightly", "2026-03-08");
    expect(due).toEqual(utc("2026-03-08T07:00:00Z"));
    expect(wall(due, NY)).toBe("2026-03-08 03:00 -04:00");
  });

  it("spring-forward: daily times keep their wall time, so the day is 23 hours long between them", () => {
    const plans = planCheckins(person(), utc("2026-03-07T12:00:00Z"), 2);
    const sat = only(plans, "daily", "2026-03-07").dueAt;
    const sun = only(plans, "daily", "2026-03-08").dueAt;
    expect(wall(sat, NY)).toBe("2026-03-07 09:00 -05:00");
    expect(wall(sun, NY)).toBe("2026-03-08 09:00 -04:00");
    expect(sun.getTime() - sat.getTime()).toBe(23 * 3600_000);
    expect(only(plans, "nightly", "2026-03-08").dueAt).toEqual(utc("2026-03-09T00:30:00Z"));
  });

  it("fall-back (2026-11-01): a 01:30 nightly that happens twice fires once, at the first 01:30 (EDT)", () => {
    const p = person({ nightlyCheckinTime: "01:30" });
    expect(checkinDueAt(p, "nightly", "2026-11-01")).toEqual(utc("2026-11-01T05:30:00Z"));
    expect(wall(checkinDueAt(p, "nightly", "2026-11-01"), NY)).toBe("2026-11-01 01:30 -04:00");

    // Re-planned at any point of that night — before, between and during the repeated
    // 01:30 — the business key (nightly, 2026-11-01) always maps to the same instant, and
    // there is exactly one plan per local date, never one at the second 01:30 (06:30Z).
    for (const now of ["2026-11-01T03:00:00Z", "2026-11-01T05:45:00Z", "2026-11-01T06:30:00Z", "2026-11-01T06:45:00Z"]) {
      const plans = planCheckins(p, utc(now), 2);
      const keys = plans.map(keyOf);
      expect(new Set(keys).size, now).toBe(keys.length);
      expect(only(plans, "nightly", "2026-11-01").dueAt, now).toEqual(utc("2026-11-01T05:30:00Z"));
      expect(plans.some((x) => x.dueAt.getTime() === utc("2026-11-01T06:30:00Z").getTime()), now).toBe(false);
    }
  });

  it("fall-back: the daily 09:00 on either side of the change is 25 hours apart", () => {
    const plans = planCheckins(person(), utc("2026-10-31T12:00:00Z"), 2);
    const sat = only(plans, "daily", "2026-10-31").dueAt;
    const sun = only(plans, "daily", "2026-11-01").dueAt;
    expect(wall(sat, NY)).toBe("2026-10-31 09:00 -04:00");
    expect(wall(sun, NY)).toBe("2026-11-01 09:00 -05:00");
    expect(sun.getTime() - sat.getTime()).toBe(25 * 3600_000);
  });
});

describe("checkinDueAt / planCheckins in a southern-hemisphere zone (Australia/Sydney)", () => {
  it("spring-forward (2026-10-04, 02:00→03:00): a 02:30 nightly fires at 03:00 AEDT", () => {
    const p = person({ timeZone: SYDNEY, nightlyCheckinTime: "02:30" });
    const due = checkinDueAt(p, "nightly", "2026-10-04");
    expect(due).toEqual(utc("2026-10-03T16:00:00Z"));
    expect(wall(due, SYDNEY)).toBe("2026-10-04 03:00 +11:00");
  });

  it("fall-back (2026-04-05, 03:00→02:00): a 02:30 nightly fires once, at the first 02:30 (AEDT)", () => {
    const p = person({ timeZone: SYDNEY, nightlyCheckinTime: "02:30" });
    const due = checkinDueAt(p, "nightly", "2026-04-05");
    expect(due).toEqual(utc("2026-04-04T15:30:00Z"));
    expect(wall(due, SYDNEY)).toBe("2026-04-05 02:30 +11:00");
    for (const now of ["2026-04-04T15:00:00Z", "2026-04-04T16:40:00Z"]) {
      const plans = planCheckins(p, utc(now), 2);
      expect(plans.filter((x) => x.kind === "nightly" && x.localDate === "2026-04-05")).toEqual([
        { participantId: p.id, kind: "nightly", localDate: "2026-04-05", dueAt: utc("2026-04-04T15:30:00Z") },
      ]);
    }
  });

  it("plans by Sydney's local date, not the server's (UTC) date", () => {
    // 2026-10-03T22:30Z is already Sunday 2026-10-04 09:30 in Sydney.
    const plans = planCheckins(person({ timeZone: SYDNEY }), utc("2026-10-03T22:30:00Z"), 1);
    const daily = only(plans, "daily", "2026-10-04");
    expect(daily.dueAt).toEqual(utc("2026-10-03T22:00:00Z"));
    expect(wall(daily.dueAt, SYDNEY)).toBe("2026-10-04 09:00 +11:00");
    // The day before the change is on AEST (+10).
    expect(wall(only(plans, "nightly", "2026-10-03").dueAt, SYDNEY)).toBe("2026-10-03 20:30 +10:00");
  });
});

describe("send window (quiet hours) when planning", () => {
  it("moves a daily time before the window to its start, and one after it to its last minute", () => {
    expect(wall(checkinDueAt(person({ dailyCheckinTime: "06:30" }), "daily", "2026-06-10"), NY)).toBe("2026-06-10 08:00 -04:00");
    expect(wall(checkinDueAt(person({ dailyCheckinTime: "21:00" }), "daily", "2026-06-10"), NY)).toBe("2026-06-10 20:59 -04:00");
    expect(wall(checkinDueAt(person({ dailyCheckinTime: "23:45" }), "daily", "2026-06-10"), NY)).toBe("2026-06-10 20:59 -04:00");
    const custom = person({ dailyCheckinTime: "09:00", sendWindow: { start: "10:00", end: "18:00" } });
    expect(wall(checkinDueAt(custom, "daily", "2026-06-10"), NY)).toBe("2026-06-10 10:00 -04:00");
    expect(wall(checkinDueAt(person({ dailyCheckinTime: "14:15" }), "daily", "2026-06-10"), NY)).toBe("2026-06-10 14:15 -04:00");
  });

  it("leaves the nightly time the parent chose alone, even inside quiet hours", () => {
    expect(wall(checkinDueAt(person({ nightlyCheckinTime: "22:30" }), "nightly", "2026-06-10"), NY)).toBe("2026-06-10 22:30 -04:00");
    expect(wall(checkinDueAt(person({ nightlyCheckinTime: "06:00" }), "nightly", "2026-06-10"), NY)).toBe("2026-06-10 06:00 -04:00");
  });

  it("has no check-in of a kind whose time is unset", () => {
    const p = person({ dailyCheckinTime: null });
    expect(checkinDueAt(p, "daily", "2026-06-10")).toBeNull();
    const plans = planCheckins(p, utc("2026-06-10T12:00:00Z"), 2);
    expect(plans.length).toBeGreaterThan(0);
    expect(plans.every((x) => x.kind === "nightly")).toBe(true);
  });
});

describe("planCheckins: what is on the schedule", () => {
  it("plans nothing due before the parent opted in", () => {
    // Opted in at 09:00:30 EDT: today's 09:00 daily is not theirs to get.
    const consentChangedAt = utc("2026-06-10T13:00:30Z");
    const plans = planCheckins(person({ consentChangedAt }), consentChangedAt, 2);
    expect(plans.every((x) => x.dueAt.getTime() >= consentChangedAt.getTime())).toBe(true);
    expect(plans.map(keyOf)).toEqual([
      "nightly|2026-06-10",
      "daily|2026-06-11",
      "nightly|2026-06-11",
      "daily|2026-06-12",
      "nightly|2026-06-12",
    ]);
    // Opted in a second before 09:00: today's daily is planned.
    const earlier = utc("2026-06-10T12:59:59Z");
    expect(planCheckins(person({ consentChangedAt: earlier }), earlier, 2).map(keyOf)[0]).toBe("daily|2026-06-10");
  });

  it("looks back 24 hours (so a check-in missed while down is recorded) and ahead horizonDays local dates", () => {
    const now = utc("2026-06-10T15:00:00Z"); // 11:00 EDT
    const plans = planCheckins(person(), now, 2);
    expect(plans.map(keyOf)).toEqual([
      "nightly|2026-06-09", // 20:30 yesterday: 14.5 h ago
      "daily|2026-06-10", // 09:00 today: 2 h ago
      "nightly|2026-06-10",
      "daily|2026-06-11",
      "nightly|2026-06-11",
      "daily|2026-06-12",
      "nightly|2026-06-12",
    ]);
    for (const x of plans) expect(x.dueAt).toEqual(checkinDueAt(person(), x.kind, x.localDate));
  });
});

describe("decideDue: what a firing job does", () => {
  const p = person();
  const due = utc("2026-06-10T13:00:00Z"); // 09:00 EDT
  const at = (ms: number) => new Date(due.getTime() + ms);
  const MIN = 60_000;

  it("sends on time, and late within the grace window", () => {
    expect(decideDue(p, "daily", due, at(0), 60)).toEqual({ action: "send" });
    expect(decideDue(p, "daily", due, at(30 * MIN), 60)).toEqual({ action: "send" });
    expect(decideDue(p, "daily", due, at(60 * MIN), 60)).toEqual({ action: "send" });
  });

  it("skips once the grace window has passed", () => {
    expect(decideDue(p, "daily", due, at(60 * MIN + 1), 60)).toEqual({ action: "skip", reason: "missed_send_window" });
    expect(decideDue(p, "daily", due, at(11 * MIN), 10)).toEqual({ action: "skip", reason: "missed_send_window" });
    expect(decideDue(p, "nightly", due, at(5 * 3600_000), 60)).toEqual({ action: "skip", reason: "missed_send_window" });
  });

  it("never sends a late daily into quiet hours; a nightly the parent chose is exempt", () => {
    const late = person({ dailyCheckinTime: "20:50", nightlyCheckinTime: "20:50" });
    const dueLate = utc("2026-06-11T00:50:00Z"); // 20:50 EDT
    const after = new Date(dueLate.getTime() + 15 * MIN); // 21:05 EDT
    expect(decideDue(late, "daily", dueLate, after, 60)).toEqual({ action: "skip", reason: "quiet_hours" });
    expect(decideDue(late, "nightly", dueLate, after, 60)).toEqual({ action: "send" });
    const night = person({ nightlyCheckinTime: "23:00" });
    const dueNight = checkinDueAt(night, "nightly", "2026-06-10")!;
    expect(decideDue(night, "nightly", dueNight, dueNight, 60)).toEqual({ action: "send" });
  });

  it("reschedules when the due time moved later than the job fired, tolerating a second of jitter", () => {
    expect(decideDue(p, "daily", at(60 * MIN), at(0), 60)).toEqual({ action: "reschedule", dueAt: at(60 * MIN) });
    expect(decideDue(p, "daily", at(1500), at(0), 60)).toEqual({ action: "reschedule", dueAt: at(1500) });
    expect(decideDue(p, "daily", at(800), at(0), 60)).toEqual({ action: "send" });
  });
});

describe("missed-check-in streaks", () => {
  it("counts consecutive misses from the newest", () => {
    expect(missedStreak([])).toBe(0);
    expect(missedStreak(["answered", "missed"])).toBe(0);
    expect(missedStreak(["missed"])).toBe(1);
    expect(missedStreak(["missed", "missed", "answered", "missed"])).toBe(2);
    expect(missedStreak(["missed", "missed", "missed"])).toBe(3);
  });

  it("passes over a newer check-in still awaiting its reply, and skips, which are not the parent's doing", () => {
    // Daily's window closes while tonight's nightly is open: yesterday's miss + today's = 2.
    expect(missedStreak(["awaiting", "missed", "missed", "answered"])).toBe(2);
    expect(missedStreak(["missed", "skipped", "missed"])).toBe(2);
    expect(missedStreak(["awaiting", "answered", "missed"])).toBe(0);
  });

  it("alerts at the threshold and again at each multiple of it", () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((s) => shouldAlertMissedStreak(s, 2))).toEqual([false, false, true, false, true, false, true]);
    expect([1, 2, 3, 4, 6].map((s) => shouldAlertMissedStreak(s, 3))).toEqual([false, false, true, false, true]);
    expect(shouldAlertMissedStreak(1, 1)).toBe(true);
  });
});
