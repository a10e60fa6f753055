import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { dayScheduleAt, mergesWithDailyCheckin } from "../../src/domain/appointments/day-schedule";
import { nextWeeklyTask, weeksInPhase } from "../../src/domain/appointments/phases";
import { appointmentStart, confirmationDeadline, parseOffset, planReminders, type ReminderPlanInput } from "../../src/domain/appointments/reminders";
import { loadCadence, offsetsFor } from "../../src/content/appointments-config";

const NY = "America/New_York";
const SYD = "Australia/Sydney";
const WINDOW = { start: "08:00", end: "21:00" };
const iso = (d: Date) => d.toISOString();
const local = (d: Date, zone: string) => DateTime.fromJSDate(d, { zone }).toFormat("yyyy-MM-dd HH:mm");

function plan(localDate: string, localTime: string, zone: string, offsets: string[], now: string, over: Partial<ReminderPlanInput> = {}) {
  return planReminders({
    appointment: { localDate, localTime, timeZone: zone },
    offsets,
    participant: { timeZone: zone, sendWindow: WINDOW },
    now: new Date(now),
    lateReminderMinLeadMinutes: 15,
    ...over,
  });
}
const byOffset = (p: ReturnType<typeof plan>) => Object.fromEntries(p.reminders.map((r) => [r.offset, iso(r.sendAt)]));

describe("reminder offsets", () => {
  it("parses day/hour/minute durations and refuses the rest", () => {
    expect(parseOffset("P1D")).toEqual({ iso: "P1D", days: 1, minutes: 0 });
    expect(parseOffset("PT2H")).toEqual({ iso: "PT2H", days: 0, minutes: 120 });
    expect(parseOffset("P1DT12H30M")).toEqual({ iso: "P1DT12H30M", days: 1, minutes: 750 });
    for (const bad of ["", "P", "PT", "P0D", "PT0H", "1D", "P1W", "P1M", "P31D", "PT-2H", "P1DT"]) expect(parseOffset(bad), bad).toBeNull();
  });

  it("defaults are 24 h and 2 h before; court hearings also 3 days", async () => {
    const { appointments } = await loadCadence("flows");
    expect(offsetsFor(appointments, "drug_test")).toEqual(["P1D", "PT2H"]);
    expect(offsetsFor(appointments, "court_hearing")).toEqual(["P3D", "P1D", "PT2H"]);
    expect(appointments.reminders.confirmByMinutesBefore).toBe(120);
  });
});

describe("reminder instants across DST", () => {
  it("New York spring forward: the day before keeps 10:00 on the wall (23 real hours), 2 h before is elapsed time", () => {
    const p = plan("2026-03-08", "10:00", NY, ["P1D", "PT2H"], "2026-03-01T12:00:00Z");
    expect(byOffset(p)).toEqual({ P1D: "2026-03-07T15:00:00.000Z", PT2H: "2026-03-08T12:00:00.000Z" });
    expect(local(p.reminders[0]!.sendAt, NY)).toBe("2026-03-07 10:00");
    expect(local(p.reminders[1]!.sendAt, NY)).toBe("2026-03-08 08:00");
  });

  it("New York fall back: the day before is 25 real hours earlier, at the same wall time", () => {
    const p = plan("2026-11-01", "10:00", NY, ["P1D", "PT2H"], "2026-10-20T12:00:00Z");
    expect(byOffset(p)).toEqual({ P1D: "2026-10-31T14:00:00.000Z", PT2H: "2026-11-01T13:00:00.000Z" });
    expect(appointmentStart({ localDate: "2026-11-01", localTime: "10:00", timeZone: NY }).getTime() - new Date("2026-10-31T14:00:00Z").getTime()).toBe(25 * 3600_000);
  });

  it("an appointment in the spring-forward gap starts at 03:00; its 2 h reminder falls at midnight and moves to 20:59 the evening before", () => {
    const p = plan("2026-03-08", "02:30", NY, ["PT2H"], "2026-03-01T12:00:00Z");
    expect(iso(appointmentStart({ localDate: "2026-03-08", localTime: "02:30", timeZone: NY }))).toBe("2026-03-08T07:00:00.000Z");
    expect(local(p.reminders[0]!.sendAt, NY)).toBe("2026-03-07 20:59");
    expect(p.reminders[0]!.movedForQuietHours).toBe(true);
  });

  it("a repeated 01:30 on fall-back night is the first one; 2 h before is 23:30 and moves to 20:59 that evening", () => {
    const start = appointmentStart({ localDate: "2026-11-01", localTime: "01:30", timeZone: NY });
    expect(iso(start)).toBe("2026-11-01T05:30:00.000Z"); // 01:30 EDT, not EST
    const p = plan("2026-11-01", "01:30", NY, ["PT2H"], "2026-10-20T12:00:00Z");
    expect(iso(p.reminders[0]!.sendAt)).toBe("2026-11-01T00:59:00.000Z");
    expect(local(p.reminders[0]!.sendAt, NY)).toBe("2026-10-31 20:59");
  });

  it("Sydney (southern hemisphere) DST start on 4 Oct and end on 5 Apr", () => {
    const spring = plan("2026-10-04", "10:00", SYD, ["P1D", "PT2H"], "2026-09-20T00:00:00Z");
    expect(byOffset(spring)).toEqual({ P1D: "2026-10-03T00:00:00.000Z", PT2H: "2026-10-03T21:00:00.000Z" });
    expect(spring.reminders.map((r) => local(r.sendAt, SYD))).toEqual(["2026-10-03 10:00", "2026-10-04 08:00"]);
    const autumn = plan("2026-04-05", "10:00", SYD, ["P1D", "PT2H"], "2026-03-20T00:00:00Z");
    expect(autumn.reminders.map((r) => local(r.sendAt, SYD))).toEqual(["2026-04-04 10:00", "2026-04-05 08:00"]);
    expect(new Date(byOffset(autumn).PT2H!).getTime() - new Date(byOffset(autumn).P1D!).getTime()).toBe(23 * 3600_000);
  });
});

describe("quiet hours move reminders earlier, never later, never away", () => {
  it("a 07:00 drug test: 2 h before (05:00) → 20:59 the evening before; the day before at 07:00 → 20:59 two evenings before", () => {
    const p = plan("2026-06-10", "07:00", NY, ["P1D", "PT2H"], "2026-06-01T12:00:00Z");
    expect(p.reminders.map((r) => [r.offset, local(r.sendAt, NY), r.movedForQuietHours])).toEqual([
      ["P1D", "2026-06-08 20:59", true],
      ["PT2H", "2026-06-09 20:59", true],
    ]);
  });

  it("a 22:30 meeting: 2 h before (20:30) stays; 3 h before is fine too", () => {
    const p = plan("2026-06-10", "22:30", NY, ["PT2H"], "2026-06-01T12:00:00Z");
    expect(local(p.reminders[0]!.sendAt, NY)).toBe("2026-06-10 20:30");
    expect(p.reminders[0]!.movedForQuietHours).toBe(false);
  });

  it("quiet hours are the parent's: a Chicago parent with a New York appointment", () => {
    const p = planReminders({
      appointment: { localDate: "2026-06-10", localTime: "09:30", timeZone: NY },
      offsets: ["PT2H"],
      participant: { timeZone: "America/Chicago", sendWindow: WINDOW },
      now: new Date("2026-06-01T12:00:00Z"),
      lateReminderMinLeadMinutes: 15,
    });
    // 07:30 New York = 06:30 Chicago: before the parent's window → 20:59 Chicago the day before.
    expect(local(p.reminders[0]!.sendAt, "America/Chicago")).toBe("2026-06-09 20:59");
  });

  it("two offsets pushed to the same evening minute send once (the closer one)", () => {
    const p = plan("2026-06-10", "07:00", NY, ["PT3H", "PT2H"], "2026-06-01T12:00:00Z");
    expect(p.reminders.map((r) => r.offset)).toEqual(["PT2H"]);
    expect(p.skipped).toEqual([{ offset: "PT3H", reason: "same_time_as_closer_reminder" }]);
  });

  it("never at or after the appointment, for any time of day and window", () => {
    for (let h = 0; h < 24; h++) {
      for (const window of [WINDOW, { start: "10:00", end: "18:00" }, { start: "00:00", end: "23:59" }]) {
        const time = `${String(h).padStart(2, "0")}:15`;
        const p = planReminders({
          appointment: { localDate: "2026-03-08", localTime: time, timeZone: NY },
          offsets: ["P3D", "P1D", "PT2H", "PT30M"],
          participant: { timeZone: NY, sendWindow: window },
          now: new Date("2026-02-01T00:00:00Z"),
          lateReminderMinLeadMinutes: 15,
        });
        const start = appointmentStart({ localDate: "2026-03-08", localTime: time, timeZone: NY });
        expect(p.reminders.length).toBeGreaterThan(0);
        for (const r of p.reminders) {
          expect(r.sendAt.getTime()).toBeLessThan(start.getTime());
          const m = DateTime.fromJSDate(r.sendAt, { zone: NY });
          const minute = m.hour * 60 + m.minute;
          const [sh, sm] = window.start.split(":").map(Number);
          const [eh, em] = window.end.split(":").map(Number);
          expect(minute).toBeGreaterThanOrEqual(sh! * 60 + sm!);
          expect(minute).toBeLessThan(eh! * 60 + em!);
        }
      }
    }
  });
});

describe("court hearings, passed reminders and late bookings", () => {
  it("a court hearing gets 3 days, 1 day and 2 hours before", () => {
    const p = plan("2026-06-12", "09:00", NY, ["P3D", "P1D", "PT2H"], "2026-06-01T12:00:00Z");
    expect(p.reminders.map((r) => [r.offset, local(r.sendAt, NY)])).toEqual([
      ["P3D", "2026-06-09 09:00"],
      ["P1D", "2026-06-11 09:00"],
      ["PT2H", "2026-06-11 20:59"],
    ]);
  });

  it("reminders whose time has passed are skipped, not sent late", () => {
    const p = plan("2026-06-12", "14:00", NY, ["P3D", "P1D", "PT2H"], "2026-06-11T12:00:00Z"); // 08:00 NY the day before
    expect(p.reminders.map((r) => r.offset)).toEqual(["P1D", "PT2H"]);
    expect(p.skipped).toEqual([{ offset: "P3D", reason: "already_passed" }]);
  });

  it("booked after its last reminder time: one reminder now, if ≥ 15 min ahead and not quiet hours", () => {
    const soon = plan("2026-06-10", "11:00", NY, ["P1D", "PT2H"], "2026-06-10T14:00:00Z"); // 10:00 NY
    expect(soon.reminders).toEqual([{ offset: "now", sendAt: new Date("2026-06-10T14:00:00Z"), movedForQuietHours: false }]);
    expect(plan("2026-06-10", "11:00", NY, ["P1D", "PT2H"], "2026-06-10T14:50:00Z").reminders).toEqual([]); // 10 min ahead
    expect(plan("2026-06-10", "23:30", NY, ["P1D", "PT2H"], "2026-06-11T02:00:00Z").reminders).toEqual([]); // 22:00: quiet
    expect(plan("2026-06-10", "11:00", NY, ["PT2H"], "2026-06-10T16:00:00Z").reminders).toEqual([]); // already started
    // Re-planned after the last reminder went out (e.g. the parent's window changed): no extra one.
    expect(plan("2026-06-10", "11:00", NY, ["P1D", "PT2H"], "2026-06-10T14:00:00Z", { alreadyReminded: true }).reminders).toEqual([]);
  });

  it("the confirmation deadline is 2 h before, or none once that moment has passed", () => {
    const a = { localDate: "2026-06-10", localTime: "11:00", timeZone: NY };
    expect(iso(confirmationDeadline(a, 120, new Date("2026-06-09T12:00:00Z"))!)).toBe("2026-06-10T13:00:00.000Z");
    expect(confirmationDeadline(a, 120, new Date("2026-06-10T13:30:00Z"))).toBeNull();
  });
});

describe("day schedule time and the merge with the daily check-in", () => {
  const parent = {
    id: "p",
    timeZone: NY,
    sendWindow: WINDOW,
    dailyCheckinTime: "08:30",
    nightlyCheckinTime: "20:30",
    consentChangedAt: new Date("2026-01-01T00:00:00Z"),
  };
  it("goes out at the start of the send window (or the configured time) and merges when the check-in is in the same local hour", () => {
    expect(local(dayScheduleAt(parent, "2026-06-10", null), NY)).toBe("2026-06-10 08:00");
    expect(mergesWithDailyCheckin(parent, "2026-06-10", null)).toBe(true);
    expect(mergesWithDailyCheckin({ ...parent, dailyCheckinTime: "09:00" }, "2026-06-10", null)).toBe(false);
    expect(mergesWithDailyCheckin({ ...parent, dailyCheckinTime: null }, "2026-06-10", null)).toBe(false);
    expect(mergesWithDailyCheckin({ ...parent, dailyCheckinTime: "09:00" }, "2026-06-10", "09:45")).toBe(true);
    // Configured before the window: clamped to its start, never into quiet hours.
    expect(local(dayScheduleAt(parent, "2026-06-10", "06:00"), NY)).toBe("2026-06-10 08:00");
  });
  it("on the spring-forward day the 08:00 schedule is still 08:00 local", () => {
    expect(local(dayScheduleAt(parent, "2026-03-08", null), NY)).toBe("2026-03-08 08:00");
  });
});

describe("weekly visits in a phase", () => {
  it("90 days hold 13 weekly tasks; a phase that started in the past continues with the next one", () => {
    expect(weeksInPhase("2026-06-01", "2026-08-29")).toBe(13);
    const next = nextWeeklyTask({ startDate: "2026-06-01", endDate: "2026-08-29" }, 0, "09:00", NY, new Date("2026-06-10T12:00:00Z"));
    expect(next!.week).toBe(2);
    expect(local(next!.at, NY)).toBe("2026-06-15 09:00");
    expect(nextWeeklyTask({ startDate: "2026-06-01", endDate: "2026-06-07" }, 1, "09:00", NY, new Date("2026-06-01T00:00:00Z"))).toBeNull();
  });
});
