import { DateTime } from "luxon";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { MAX_PHASE_WEEKS, nextWeeklyTask, weeksInPhase } from "../../src/domain/appointments/phases";
import { replanPhaseVisits } from "../../src/features/appointments/phases";
import { planAppointmentsFor, replanUpcomingAppointments } from "../../src/features/appointments/appointments";
import { runningClock } from "../support/clock";
import { enrol, waitFor, type Harness } from "../support/harness";
import { flowHarness, optedIn, textsTo } from "../flows/support";

const NY = "America/New_York";
const at = (iso: string) => DateTime.fromISO(iso, { zone: NY }).toJSDate();

/**
 * Admin bodies a new user typed that used to hang the process or answer 500: far-off
 * dates, flow ids that are Object.prototype keys, a flow started in quiet hours. Each
 * must be a 4xx naming the field (nothing written) or handled. Real HTTP app, PGlite, Redis.
 */
describe("bad admin input", () => {
  let h: Harness;
  let close: () => Promise<void>;
  const clock = runningClock(at("2026-11-23T10:00"));
  beforeAll(async () => {
    ({ h, close } = await flowHarness({ clock }));
  });
  afterAll(async () => close());
  beforeEach(() => clock.set(at("2026-11-23T10:00")));

  const fields = async (res: Response) => ((await res.json()) as { fields: Record<string, string> }).fields;
  let seq = 1000;
  const nextPhone = () => `+1555557${seq++}`;
  const apptCount = async () => Number((await h.db.query<{ n: number }>("select count(*)::int as n from appointments")).rows[0]!.n);

  it.each([
    [{ startDate: "2026-11-23", endDate: "9999-12-31" }, "endDate"],
    [{ startDate: "0001-01-01", endDate: "2026-12-31" }, "startDate"],
    [{ startDate: "2026-11-23", endDate: "2031-12-31" }, "endDate"],
  ])("a phase %j is a 400 naming %s, nothing stored", async (dates, field) => {
    const { participantId } = await enrol(h, { phone: nextPhone() });
    const res = await h.admin("POST", `/participants/${participantId}/phases`, { name: "onboarding", cadence: { visit: "weekly" }, ...dates });
    expect(res.status).toBe(400);
    expect(Object.keys(await fields(res))).toEqual([field]);
    expect(await h.store.phases.listForParticipant(participantId)).toEqual([]);
  });

  it("a phase within the bound is accepted and planned", async () => {
    const { participantId } = await enrol(h, { phone: "+15555559001" });
    const res = await h.admin("POST", `/participants/${participantId}/phases`, {
      name: "onboarding",
      startDate: "2022-01-01",
      endDate: "2031-01-01",
      cadence: { visit: "weekly" },
    });
    expect(res.status).toBe(201);
  });

  it("an appointment on 9999-12-31 (create or move) is a 400 naming localDate", async () => {
    const { participantId } = await enrol(h, { phone: "+15555559002" });
    const before = await apptCount();
    const res = await h.admin("POST", `/participants/${participantId}/appointments`, { kind: "treatment_session", localDate: "9999-12-31", localTime: "10:00" });
    expect(res.status).toBe(400);
    expect(Object.keys(await fields(res))).toEqual(["localDate"]);
    expect(await apptCount()).toBe(before);
    const ok = await h.admin("POST", `/participants/${participantId}/appointments`, { kind: "treatment_session", localDate: "2026-12-01", localTime: "10:00" });
    expect(ok.status, await ok.clone().text()).toBe(201);
    const { appointment } = (await ok.json()) as { appointment: { id: string } };
    const moved = await h.admin("PATCH", `/appointments/${appointment.id}`, { localDate: "9999-12-31" });
    expect(moved.status).toBe(400);
    expect(Object.keys(await fields(moved))).toEqual(["localDate"]);
  });

  it("phases stored before the bound (9999-12-31, 0001-01-01) no longer hang planning or the hourly re-plan", async () => {
    // Straight into the table, as an old row would be: the loops must be bounded by count.
    expect(weeksInPhase("2026-11-23", "9999-12-31")).toBe(MAX_PHASE_WEEKS);
    expect(weeksInPhase("0001-01-01", "2026-12-31")).toBe(MAX_PHASE_WEEKS);
    expect(weeksInPhase("2026-06-01", "2026-08-29")).toBe(13);
    expect(nextWeeklyTask({ startDate: "0001-01-01", endDate: "9999-12-31" }, 0, "09:00", NY, clock.now())).toBeNull();
    const next = nextWeeklyTask({ startDate: "2026-01-05", endDate: "2026-12-31" }, 0, "09:00", NY, at("2026-11-23T10:00"));
    expect(next).toEqual({ week: 47, at: at("2026-11-30T09:00") });
    const { participantId } = await enrol(h, { phone: "+15555559003" });
    for (const [start, end] of [["2026-11-23", "9999-12-31"], ["0001-01-01", "2026-12-31"]]) {
      await h.store.phases.create({ participantId, name: "old row", startDate: start!, endDate: end!, cadence: { visit: "weekly" } });
    }
    const result = await replanPhaseVisits(h.deps);
    expect(result.phases).toBeGreaterThanOrEqual(2);
  });

  it("an appointment stored as 9999-12-31 (an old row) is skipped with a warning; the parent's others are still planned", async () => {
    const { participantId } = await enrol(h, { phone: nextPhone() });
    await h.store.appointments.create({
      participantId, kind: "other", localDate: "9999-12-31", localTime: "10:00", timeZone: NY,
      startsAt: new Date("9999-12-31T15:00:00Z"), place: null, notes: null,
    });
    const ok = await h.admin("POST", `/participants/${participantId}/appointments`, { kind: "treatment_session", localDate: "2026-12-01", localTime: "10:00" });
    expect(ok.status).toBe(201);
    await h.deps.queues.appointments.drain(true); // as if Redis had lost them
    expect(await h.deps.queues.appointments.getDelayedCount()).toBe(0);
    await planAppointmentsFor(participantId, h.deps);
    expect(await h.deps.queues.appointments.getDelayedCount()).toBeGreaterThan(0);
    expect(h.logLines.filter((l) => l.includes("not planned")), h.logLines.filter((l) => l.includes("warn")).join("\n")).not.toEqual([]);
    await expect(replanUpcomingAppointments(h.deps)).resolves.toMatchObject({ appointments: expect.any(Number) });
  });

  it.each(["constructor", "__proto__", "toString", "hasOwnProperty", "nope"])("flowId %s is a 400 naming flowId", async (flowId) => {
    const { participantId } = await enrol(h, { phone: nextPhone() });
    const res = await h.admin("POST", `/participants/${participantId}/flows`, { flowId });
    expect(res.status).toBe(400);
    expect(Object.keys(await fields(res))).toEqual(["flowId"]);
  });

  it("a flow started by an admin in the parent's quiet hours is a 409 saying when it may start; nothing is texted", async () => {
    const { participantId, phone } = await optedIn(h, { phone: "+15555559005" });
    clock.set(at("2026-11-23T23:58"));
    const res = await h.admin("POST", `/participants/${participantId}/flows`, { flowId: "tiny" });
    expect(res.status).toBe(409);
    const body = (await res.json()) as { fields: Record<string, string>; opensAt: string };
    expect(body.opensAt).toBe(at("2026-11-24T08:00").toISOString());
    expect(body.fields.flowId).toMatch(/quiet hours/);
    expect(await h.store.flowRuns.listFor(participantId)).toEqual([]);
    // Inside the window the same request starts it.
    clock.set(at("2026-11-24T08:00"));
    const ok = await h.admin("POST", `/participants/${participantId}/flows`, { flowId: "tiny" });
    expect(ok.status).toBe(201);
    await waitFor(() => textsTo(h, phone).length === 3, 10_000, "the flow's first text");
  });

  it.each([
    ["en", "START", "Buddyline: welcome back, Ana. Check-ins start again. Reply STOP to opt out."],
    ["en", "resume", "Buddyline: welcome back, Ana. Check-ins start again. Reply STOP to opt out."],
    ["es", "REANUDAR", "Buddyline: bienvenido/a de nuevo, Ana. Los mensajes vuelven a empezar. Responda PARAR para no recibir más."],
  ])("a paused parent (%s) texting %s is resumed and told so, also at night", async (language, word, expected) => {
    const phone = nextPhone();
    const { participantId } = await optedIn(h, { phone, language });
    await h.postSms(phone, language === "es" ? "PAUSA 14" : "PAUSE 14");
    await waitFor(async () => (await h.store.participants.get(participantId))!.status === "paused", 10_000, "paused");
    await waitFor(() => textsTo(h, phone).length === 3, 10_000, "pause confirmation");
    clock.set(at("2026-11-23T22:30")); // outside the send window: they asked, so they get the answer
    await h.postSms(phone, word);
    await waitFor(() => textsTo(h, phone).length === 4, 10_000, "welcome back");
    expect(textsTo(h, phone)[3]).toBe(expected);
    expect((await h.store.participants.get(participantId))!.status).toBe("active");
    const notes = await h.store.notifications.list({ participantId });
    expect(notes.filter((n) => n.kind === "parent_message")).toEqual([]);
  });
});
