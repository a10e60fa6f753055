import { afterEach, describe, expect, it } from "vitest";
import { replanPhaseVisits } from "../../src/features/appointments/phases";
import { jobId } from "../../src/jobs/queues";
import { runCheckinDue } from "../../src/features/checkins/checkins";
import { enrol, waitFor, type Harness } from "../support/harness";
import { enrolOptedIn } from "../scheduling/setup";
import { appointmentHarness, at, createAppt, notificationsOfKind, outboundOfKind, waitForText } from "./setup";

describe("day schedule, onboarding tasks, phases and outcomes (real Redis, Postgres, Twilio SDK)", () => {
  let h: Harness;
  let clock: Awaited<ReturnType<typeof appointmentHarness>>["clock"];
  let rewind: () => void;
  afterEach(async () => h?.close());
  const start = async (now: Date) => ({ h, clock, rewind } = await appointmentHarness(now));

  it("a day with appointments gets 'your day today' at the window's start; a daily check-in in the same hour carries the list instead", async () => {
    await start(at("2026-06-10", "07:59:48"));
    const a = await enrolOptedIn(h, { phone: "+15555550301" }); // check-in 09:00: separate texts
    rewind();
    const b = await enrolOptedIn(h, { phone: "+15555550302", dailyCheckinTime: "08:30" }); // same hour as 08:00: one text
    rewind();
    for (const p of [a, b]) {
      await createAppt(h, p.participantId, { kind: "recovery_meeting", localDate: "2026-06-10", localTime: "15:00" });
      await createAppt(h, p.participantId, { kind: "drug_test", localDate: "2026-06-10", localTime: "10:00", place: "12 Main St" });
      await createAppt(h, p.participantId, { kind: "case_plan_meeting", localDate: "2026-06-11", localTime: "10:00" });
      const cancelled = await createAppt(h, p.participantId, { kind: "other", localDate: "2026-06-10", localTime: "12:00" });
      expect((await h.admin("DELETE", `/appointments/${cancelled.id}`)).status).toBe(200);
    }
    expect(await waitForText(h, a.phone, (t) => t.includes("your day today"), "day schedule", 25_000)).toBe(
      "Ana, your day today:\n10:00 AM drug test, 12 Main St\n3:00 PM recovery meeting",
    );
    expect(await h.deps.queues.appointments.getJob(jobId.daySchedule({ participantId: b.participantId, localDate: "2026-06-10" }))).toBeUndefined();

    clock.set(at("2026-06-10", "08:30"));
    expect(await runCheckinDue({ participantId: b.participantId, kind: "daily", localDate: "2026-06-10", dueAt: at("2026-06-10", "08:30").toISOString() }, h.deps)).toBe("sent");
    const [checkin] = await outboundOfKind(h, b.phone, "checkin_daily");
    expect(checkin!.body).toBe(
      `${h.deps.flows.checkins.daily.texts.prompt.en.replace("{firstName}", "Ana").replace("{peerName}", "Rosa")}\n\nAna, your day today:\n10:00 AM drug test, 12 Main St\n3:00 PM recovery meeting`,
    );
    expect(await outboundOfKind(h, b.phone, "day_schedule")).toEqual([]);
    // A's own daily check-in (09:00) is a plain check-in.
    clock.set(at("2026-06-10", "09:00"));
    await runCheckinDue({ participantId: a.participantId, kind: "daily", localDate: "2026-06-10", dueAt: at("2026-06-10", "09:00").toISOString() }, h.deps);
    expect((await outboundOfKind(h, a.phone, "checkin_daily"))[0]!.body).not.toContain("your day today");
  });

  it("a parent's first appointment gives the peer a 'call them' task the day before; later ones do not", async () => {
    await start(at("2026-06-09", "08:59:57"));
    const { participantId, peerId } = await enrol(h, { phone: "+15555550303" });
    rewind();
    const first = await createAppt(h, participantId, { kind: "sud_assessment", localDate: "2026-06-10", localTime: "10:00" });
    const second = await createAppt(h, participantId, { kind: "drug_test", localDate: "2026-06-12", localTime: "10:00" });
    const [task] = await waitFor(async () => {
      const n = await notificationsOfKind(h, participantId, "onboarding_call");
      return n.length ? n : undefined;
    }, 10_000, "onboarding task");
    expect(task).toMatchObject({ peerId, summary: "Call Ana before tomorrow's first meeting (SUD assessment on Wed, Jun 10, 10:00 AM)." });
    expect(await h.deps.queues.appointments.getJob(jobId.onboardingCall({ appointmentId: first.id, revision: 1 }))).toBeTruthy();
    expect(await h.deps.queues.appointments.getJob(jobId.onboardingCall({ appointmentId: second.id, revision: 1 }))).toBeUndefined();
  });

  it("a phase with a weekly visit cadence gives the peer a weekly task while it lasts", async () => {
    await start(at("2026-06-01", "08:59:57"));
    const { participantId, peerId } = await enrol(h, { phone: "+15555550304" });
    rewind();
    const bad = await h.admin("POST", `/participants/${participantId}/phases`, { name: "Onboarding", startDate: "2026-06-01", endDate: "2026-05-01" });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ fields: { endDate: expect.any(String) } });
    const badCadence = await h.admin("POST", `/participants/${participantId}/phases`, { name: "x", startDate: "2026-06-01", endDate: "2026-06-30", cadence: { visit: "daily" } });
    expect(await badCadence.json()).toMatchObject({ fields: { "cadence.visit": expect.any(String) } });
    expect((await (await h.admin("GET", `/participants/${participantId}/phases`)).json())).toEqual({ phases: [] });

    const res = await h.admin("POST", `/participants/${participantId}/phases`, { name: "Onboarding", startDate: "2026-06-01", endDate: "2026-08-29", cadence: { visit: "weekly" } });
    expect(res.status).toBe(201);
    const { phase } = (await res.json()) as { phase: { id: string } };
    const [task] = await waitFor(async () => {
      const n = await notificationsOfKind(h, participantId, "phase_visit");
      return n.length ? n : undefined;
    }, 10_000, "weekly visit task");
    expect(task).toMatchObject({ peerId, summary: "Weekly visit with Ana due this week (Onboarding, week 1 of 13)." });
    const next = await waitFor(() => h.deps.queues.appointments.getJob(jobId.phaseVisit({ phaseId: phase.id, week: 1 })), 5000, "next week planned");
    expect(await next.isDelayed()).toBe(true);
    // A lost chain (Redis flushed) is back after the hourly re-plan, for the same week.
    await next.remove();
    expect(await replanPhaseVisits(h.deps)).toEqual({ phases: 1 });
    const restored = await h.deps.queues.appointments.getJob(jobId.phaseVisit({ phaseId: phase.id, week: 1 }));
    expect(restored && (await restored.isDelayed())).toBe(true);
    expect(await (await h.admin("GET", `/participants/${participantId}/phases`)).json()).toMatchObject({
      phases: [{ id: phase.id, name: "Onboarding", startDate: "2026-06-01", endDate: "2026-08-29", cadence: { visit: "weekly" } }],
    });
  });

  it("attended/missed only once the appointment has started, once; attended scores points", async () => {
    await start(at("2026-06-10", "09:00"));
    const { participantId } = await enrol(h, { phone: "+15555550305" });
    rewind();
    const a = await createAppt(h, participantId, { kind: "treatment_session", localDate: "2026-06-10", localTime: "09:30" });
    const b = await createAppt(h, participantId, { kind: "drug_test", localDate: "2026-06-10", localTime: "09:40" });
    const early = await h.admin("POST", `/appointments/${a.id}/outcome`, { outcome: "attended" });
    expect(early.status).toBe(409);
    expect((await h.admin("POST", `/appointments/${a.id}/outcome`, { outcome: "went" })).status).toBe(400);

    clock.set(at("2026-06-10", "09:45"));
    expect(await (await h.admin("POST", `/appointments/${a.id}/outcome`, { outcome: "attended" })).json()).toMatchObject({ appointment: { status: "attended" } });
    expect((await h.admin("POST", `/appointments/${a.id}/outcome`, { outcome: "missed" })).status).toBe(409);
    expect(await (await h.admin("POST", `/appointments/${b.id}/outcome`, { outcome: "missed" })).json()).toMatchObject({ appointment: { status: "missed" } });
    // A past appointment cannot be edited or cancelled any more.
    expect((await h.admin("PATCH", `/appointments/${a.id}`, { place: "x" })).status).toBe(409);
    expect((await h.admin("DELETE", `/appointments/${b.id}`)).status).toBe(409);

    const points = (await (await h.admin("GET", `/participants/${participantId}/points`)).json()) as { total: number; entries: { reason: string }[] };
    expect(points.total).toBe(h.deps.cadence.incentives.points.appointment_attended);
    expect(points.entries.map((e) => e.reason)).toEqual(["appointment_attended"]);
  });

  it("bad input is a 400 naming the field, unknown ids 404, and nothing is written", async () => {
    await start(at("2026-06-10", "09:00"));
    const { participantId } = await enrol(h, { phone: "+15555550306" });
    rewind();
    const post = (body: unknown, id = participantId) => h.admin("POST", `/participants/${id}/appointments`, body);
    const field = async (res: Response) => [res.status, Object.keys(((await res.json()) as { fields: object }).fields)];
    expect(await field(await post({ kind: "party", localDate: "2026-06-11", localTime: "10:00" }))).toEqual([400, ["kind"]]);
    expect(await field(await post({ kind: "other", localDate: "2026-06-31", localTime: "10:00" }))).toEqual([400, ["localDate"]]);
    expect(await field(await post({ kind: "other", localDate: "2026-06-11", localTime: "9:00" }))).toEqual([400, ["localTime"]]);
    expect(await field(await post({ kind: "other", localDate: "2026-06-11", localTime: "10:00", timeZone: "Mars/Base" }))).toEqual([400, ["timeZone"]]);
    expect(await field(await post({ kind: "other", localDate: "2026-06-11", localTime: "10:00", place: "a\nb" }))).toEqual([400, ["place"]]);
    expect(await field(await post({ kind: "other", localDate: "2026-06-11", localTime: "10:00", colour: "red" }))).toEqual([400, ["colour"]]);
    expect(await field(await post({ kind: "other", localDate: "2026-06-10", localTime: "08:00" }))).toEqual([400, ["localDate"]]); // in the past
    expect((await post({ kind: "other", localDate: "2026-06-11", localTime: "10:00" }, "00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect((await post({ kind: "other", localDate: "2026-06-11", localTime: "10:00" }, "not-a-uuid")).status).toBe(404);
    expect(await (await h.admin("GET", `/participants/${participantId}/appointments`)).json()).toEqual({ appointments: [] });

    const appt = await createAppt(h, participantId, { kind: "other", localDate: "2026-06-11", localTime: "10:00" });
    expect(await field(await h.admin("PATCH", `/appointments/${appt.id}`, {}))).toEqual([400, ["(body)"]]);
    expect(await field(await h.admin("PATCH", `/appointments/${appt.id}`, { localDate: "2026-06-01" }))).toEqual([400, ["localDate"]]);
    expect((await h.admin("PATCH", "/appointments/00000000-0000-4000-8000-000000000000", { place: "x" })).status).toBe(404);
    expect((await h.admin("GET", `/appointments/${appt.id}`)).status).toBe(200);
    expect(await h.store.appointments.get(appt.id)).toMatchObject({ revision: 1, localDate: "2026-06-11" });
  });
});
