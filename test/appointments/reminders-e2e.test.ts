import { afterEach, describe, expect, it } from "vitest";
import { jobId } from "../../src/jobs/queues";
import { replanUpcomingAppointments, runAppointmentReminder, runConfirmationDeadline } from "../../src/features/appointments/appointments";
import { renderCadence } from "../../src/content/config-file";
import { enrol, waitFor, type Harness } from "../support/harness";
import { enrolOptedIn } from "../scheduling/setup";
import { quiet, scheduledFor } from "../support/settle";
import { appointmentHarness, at, createAppt, notificationsOfKind, outboundOfKind, textsTo, waitForText, WORKERS } from "./setup";

const isReminder = (b: string) => b.includes("Reply C to confirm");

describe("appointment reminders, C/R and the confirmation deadline (real Redis, Postgres, Twilio SDK)", () => {
  let h: Harness;
  let clock: Awaited<ReturnType<typeof appointmentHarness>>["clock"];
  let rewind: () => void;
  afterEach(async () => h?.close());
  const start = async (now: Date, opts?: Parameters<typeof appointmentHarness>[1]) => ({ h, clock, rewind } = await appointmentHarness(now, opts));

  it("the day-before reminder goes out in the parent's zone; C confirms, thanks them and scores points", async () => {
    await start(at("2026-06-09", "10:59:56"));
    const { participantId, phone } = await enrolOptedIn(h, { phone: "+15555550201", timeZone: "America/Chicago" });
    rewind();
    // 11:00 New York = 10:00 Chicago: the text speaks the parent's time, never the notes.
    const appt = await createAppt(h, participantId, { kind: "drug_test", localDate: "2026-06-10", localTime: "11:00", timeZone: "America/New_York", place: "12 Main St", notes: "positive last time" });
    const reminder = await waitForText(h, phone, isReminder, "reminder");
    expect(reminder).toBe("Ana, reminder: drug test Wed, Jun 10, 10:00 AM at 12 Main St. Reply C to confirm or R to reschedule.");
    expect(reminder).not.toContain("positive");
    expect(await outboundOfKind(h, phone, "appointment_reminder")).toMatchObject([{ idempotencyKey: jobId.apptReminder({ appointmentId: appt.id, offset: "P1D", revision: 1 }) }]);

    await h.postSms(phone, "c");
    await waitForText(h, phone, (b) => b.startsWith("Thanks, Ana. You're confirmed"), "confirmation");
    expect(textsTo(h, phone).at(-1)).toBe("Thanks, Ana. You're confirmed for drug test Wed, Jun 10, 10:00 AM.");
    expect(await h.store.appointments.get(appt.id)).toMatchObject({ confirmation: "confirmed" });
    expect(await h.store.points.total(participantId)).toBe(h.deps.cadence.incentives.points.appointment_confirmed);
    // Confirmed: the 2-hour deadline tells the peer nothing.
    expect(await runConfirmationDeadline({ appointmentId: appt.id, revision: 1 }, h.deps)).toBe("confirmed");
    expect(await notificationsOfKind(h, participantId, "appointment_unconfirmed")).toEqual([]);

    // A second C has no appointment awaiting an answer: it is a note for the peer, not a second confirmation.
    await h.postSms(phone, "C");
    await waitFor(async () => (await notificationsOfKind(h, participantId, "parent_message")).length === 1, 10_000, "note");
    expect(await h.store.points.total(participantId)).toBe(h.deps.cadence.incentives.points.appointment_confirmed);
  });

  it("R asks to reschedule: the peer is notified (kind and time, no notes) and the parent told who will call", async () => {
    await start(at("2026-06-09", "09:59:56"));
    const { participantId, phone, peerId } = await enrolOptedIn(h, { phone: "+15555550202", language: "es" });
    rewind();
    const appt = await createAppt(h, participantId, { kind: "court_hearing", localDate: "2026-06-10", localTime: "10:00", notes: "custody" });
    const es = renderCadence(h.deps.cadence.appointments.texts.reminderNoPlace, "es", {
      firstName: "Ana",
      kind: "audiencia en la corte",
      when: "mié, 10 jun, 10:00",
    });
    expect(await waitForText(h, phone, (b) => b.includes("Responda C"), "reminder")).toBe(es);

    await h.postSms(phone, "Cambiar");
    const [note] = await waitFor(async () => {
      const n = await notificationsOfKind(h, participantId, "appointment_reschedule");
      return n.length ? n : undefined;
    }, 10_000, "reschedule note");
    expect(note).toMatchObject({ peerId, summary: "Ana asked to reschedule court hearing on Wed, Jun 10, 10:00 AM." });
    expect(note!.summary).not.toContain("custody");
    await waitForText(h, phone, (b) => b.startsWith("Entendido"), "reschedule ack");
    expect(await h.store.appointments.get(appt.id)).toMatchObject({ confirmation: "reschedule_requested" });
    expect(await h.store.points.total(participantId)).toBe(0);
  });

  it("STOP while a reminder awaits an answer is still an opt-out; a check-in answer is still a check-in answer", async () => {
    await start(at("2026-06-09", "09:59:57"));
    const { participantId, phone } = await enrolOptedIn(h, { phone: "+15555550203" });
    rewind();
    await createAppt(h, participantId, { kind: "other", localDate: "2026-06-10", localTime: "10:00" });
    await waitForText(h, phone, isReminder, "reminder");
    await h.postSms(phone, "STOP");
    await waitFor(async () => (await h.store.participants.get(participantId))?.consent === "opted_out", 10_000, "opt-out");
    expect((await h.store.appointments.listForParticipant(participantId))[0]).toMatchObject({ confirmation: "none" });
  });

  it("no confirmation by 2 hours before: the peer is notified", async () => {
    await start(at("2026-06-10", "11:59:56"));
    const { participantId, phone, peerId } = await enrolOptedIn(h, { phone: "+15555550204" });
    rewind();
    const appt = await createAppt(h, participantId, { kind: "treatment_session", localDate: "2026-06-10", localTime: "14:00" });
    await waitForText(h, phone, isReminder, "2-hour reminder");
    const [note] = await waitFor(async () => {
      const n = await notificationsOfKind(h, participantId, "appointment_unconfirmed");
      return n.length ? n : undefined;
    }, 10_000, "unconfirmed note");
    expect(note).toMatchObject({ peerId, summary: "Ana has not confirmed treatment session on Wed, Jun 10, 2:00 PM." });
    expect(await h.deps.queues.appointments.getJob(jobId.apptDeadline({ appointmentId: appt.id, revision: 1 }))).toBeTruthy();
  });

  it("an edit re-plans: the old revision's reminder sends nothing, the new one carries the new place", async () => {
    await start(at("2026-06-09", "09:59:56"));
    const { participantId, phone } = await enrolOptedIn(h, { phone: "+15555550205" });
    rewind();
    const appt = await createAppt(h, participantId, { kind: "drug_test", localDate: "2026-06-10", localTime: "10:00", place: "Old Clinic" });
    const oldId = jobId.apptReminder({ appointmentId: appt.id, offset: "P1D", revision: 1 });
    expect(await h.deps.queues.appointments.getJob(oldId)).toBeTruthy();

    const res = await h.admin("PATCH", `/appointments/${appt.id}`, { place: "New Clinic" });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { appointment: { revision: number } }).appointment.revision).toBe(2);
    expect(await h.deps.queues.appointments.getJob(oldId)).toBeUndefined();
    expect(await h.deps.queues.appointments.getJob(jobId.apptReminder({ appointmentId: appt.id, offset: "P1D", revision: 2 }))).toBeTruthy();

    // Even if the old job had survived (removal is best effort), it finds a newer revision.
    expect(await runAppointmentReminder({ appointmentId: appt.id, revision: 1, offset: "P1D", sendAt: at("2026-06-09", "10:00").toISOString() }, h.deps)).toBe("stale");

    const body = await waitForText(h, phone, isReminder, "new reminder");
    expect(body).toContain("at New Clinic");
    await quiet(h, { only: WORKERS });
    expect(textsTo(h, phone).filter(isReminder)).toEqual([body]);

    // Moving it to the afternoon moves the reminders; a changed time asks for a new confirmation.
    const moved = await h.admin("PATCH", `/appointments/${appt.id}`, { localTime: "16:00" });
    expect(await moved.json()).toMatchObject({ appointment: { revision: 3, confirmation: "none", localTime: "16:00" } });
    const job = await h.deps.queues.appointments.getJob(jobId.apptReminder({ appointmentId: appt.id, offset: "PT2H", revision: 3 }));
    expect(job!.data.sendAt).toBe(at("2026-06-10", "14:00").toISOString());
  });

  it("on the spring-forward weekend: the day-before reminder fires at 10:00 EST for a 10:00 EDT meeting; quiet hours move a 05:00 reminder to 20:59 the evening before", async () => {
    await start(at("2026-03-07", "09:59:56"));
    const { participantId, phone } = await enrolOptedIn(h, { phone: "+15555550209" });
    rewind();
    const meeting = await createAppt(h, participantId, { kind: "recovery_meeting", localDate: "2026-03-08", localTime: "10:00" });
    const early = await createAppt(h, participantId, { kind: "drug_test", localDate: "2026-03-08", localTime: "07:00" });
    const job = (id: string, offset: string) => h.deps.queues.appointments.getJob(jobId.apptReminder({ appointmentId: id, offset, revision: 1 }));
    // Planned for 10:00 EST on our clock (how late a busy machine runs it is not the code's doing).
    expect(Math.abs((await scheduledFor((await job(meeting.id, "P1D"))!, clock)).getTime() - at("2026-03-07", "10:00").getTime())).toBeLessThan(1000);
    const [sent] = await waitFor(async () => {
      const rows = await outboundOfKind(h, phone, "appointment_reminder");
      return rows[0]?.sentAt ? rows : undefined;
    }, 10_000, "day-before reminder sent");
    expect(sent!.body).toContain("Sun, Mar 8, 10:00 AM");
    expect(sent!.sentAt!.getTime()).toBeGreaterThanOrEqual(at("2026-03-07", "10:00").getTime());

    expect((await job(meeting.id, "PT2H"))!.data.sendAt).toBe("2026-03-08T12:00:00.000Z"); // 08:00 EDT
    expect((await job(early.id, "PT2H"))!.data.sendAt).toBe("2026-03-08T01:59:00.000Z"); // 20:59 EST on the 7th
    expect(await job(early.id, "P1D")).toBeUndefined(); // 20:59 on the 6th: already passed, skipped
  });

  it("a reminder job lost between commit and enqueue (or by Redis) is back after the hourly re-plan, and sends once", async () => {
    await start(at("2026-06-09", "09:59:55"));
    const { participantId, phone } = await enrolOptedIn(h, { phone: "+15555550210" });
    rewind();
    const appt = await createAppt(h, participantId, { kind: "drug_test", localDate: "2026-06-10", localTime: "10:00" });
    const id = jobId.apptReminder({ appointmentId: appt.id, offset: "P1D", revision: 1 });
    await (await h.deps.queues.appointments.getJob(id))!.remove();
    expect(await replanUpcomingAppointments(h.deps)).toEqual({ appointments: 1 });
    expect((await h.deps.queues.appointments.getJob(id))!.data.sendAt).toBe(at("2026-06-09", "10:00").toISOString());
    await replanUpcomingAppointments(h.deps);
    await waitForText(h, phone, isReminder, "reminder");
    await quiet(h, { only: WORKERS });
    expect(textsTo(h, phone).filter(isReminder)).toHaveLength(1);
  });

  it("the hourly re-plan reaches as far back as an hours-only offset (PT72H is 3 days)", async () => {
    await start(at("2026-06-09", "09:00"), {
      cadence: (c) => ({ ...c, appointments: { ...c.appointments, reminders: { ...c.appointments.reminders, offsets: ["PT72H"], byKind: {} } } }),
    });
    const { participantId } = await enrol(h, { phone: "+15555550211" });
    rewind();
    const appt = await createAppt(h, participantId, { kind: "drug_test", localDate: "2026-06-13", localTime: "10:00" });
    const id = jobId.apptReminder({ appointmentId: appt.id, offset: "PT72H", revision: 1 });
    await (await h.deps.queues.appointments.getJob(id))!.remove();
    expect(await replanUpcomingAppointments(h.deps)).toEqual({ appointments: 1 });
    expect((await h.deps.queues.appointments.getJob(id))!.data.sendAt).toBe(at("2026-06-10", "10:00").toISOString());
  });

  it("cancel stops its reminders and keeps the record", async () => {
    await start(at("2026-06-09", "09:59:57"));
    const { participantId, phone } = await enrolOptedIn(h, { phone: "+15555550206" });
    rewind();
    const appt = await createAppt(h, participantId, { kind: "supervised_visit", localDate: "2026-06-10", localTime: "10:00" });
    const del = await h.admin("DELETE", `/appointments/${appt.id}`);
    expect(await del.json()).toMatchObject({ appointment: { status: "cancelled" } });
    expect((await h.admin("DELETE", `/appointments/${appt.id}`)).status).toBe(409);
    // Past the reminder's time on BullMQ's clock, and whatever was due then has run.
    await waitFor(() => clock.now() > at("2026-06-09", "10:00:01"), 10_000, "the reminder's time to pass");
    await quiet(h, { only: WORKERS });
    expect(textsTo(h, phone).filter(isReminder)).toEqual([]);
    expect(await runAppointmentReminder({ appointmentId: appt.id, revision: 1, offset: "P1D", sendAt: clock.now().toISOString() }, h.deps)).toBe("stale");
    const list = (await (await h.admin("GET", `/participants/${participantId}/appointments`)).json()) as { appointments: unknown[] };
    expect(list.appointments).toMatchObject([{ id: appt.id, status: "cancelled" }]);
  });

  it("booked an hour ahead: one reminder right away; booked by a parent who has not said YES: none", async () => {
    await start(at("2026-06-10", "13:00"));
    const { participantId, phone } = await enrolOptedIn(h, { phone: "+15555550207" });
    rewind();
    await createAppt(h, participantId, { kind: "transport_pickup", localDate: "2026-06-10", localTime: "14:00", place: "your home" });
    expect(await waitForText(h, phone, isReminder, "immediate reminder")).toBe(
      "Ana, reminder: ride pick-up Wed, Jun 10, 2:00 PM at your home. Reply C to confirm or R to reschedule.",
    );

    const pending = await enrol(h, { phone: "+15555550208" }); // welcome sent, no YES yet
    const appt = await createAppt(h, pending.participantId, { kind: "transport_pickup", localDate: "2026-06-10", localTime: "14:00" });
    const id = jobId.apptReminder({ appointmentId: appt.id, offset: "now", revision: 1 });
    await waitFor(async () => (await h.deps.queues.appointments.getJob(id))?.isCompleted(), 10_000, "immediate job");
    expect((await h.deps.queues.appointments.getJob(id))!.returnvalue).toBe("not_eligible");
    expect(textsTo(h, pending.phone).filter(isReminder)).toEqual([]);
  });
});
