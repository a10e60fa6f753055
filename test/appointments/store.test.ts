import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storeFor, type Store } from "../../src/adapters/postgres";
import type { NewAppointment } from "../../src/adapters/postgres/appointments";
import { DB_KINDS, openTestDb } from "../support/db";
import { participantInput } from "../store/fixtures";

const T = (s: string) => new Date(s);

describe.each(DB_KINDS)("appointments, phases, points store (%s)", (kind) => {
  let db: Awaited<ReturnType<typeof openTestDb>>;
  let store: Store;
  beforeAll(async () => {
    db = await openTestDb(kind);
    store = storeFor(db);
  });
  afterAll(async () => db?.drop());

  const newParticipant = async () => (await store.participants.create(participantInput())).id;
  const appt = (participantId: string, over: Partial<NewAppointment> = {}): NewAppointment => ({
    participantId,
    kind: "drug_test",
    localDate: "2026-06-10",
    localTime: "10:00",
    timeZone: "America/New_York",
    startsAt: T("2026-06-10T14:00:00Z"),
    place: "12 Main St",
    notes: "bring ID",
    ...over,
  });

  it("creates, reads and lists appointments in start order", async () => {
    const pid = await newParticipant();
    const later = await store.appointments.create(appt(pid, { localDate: "2026-06-11", startsAt: T("2026-06-11T14:00:00Z") }));
    const first = await store.appointments.create(appt(pid));
    expect(first).toMatchObject({ participantId: pid, kind: "drug_test", status: "scheduled", confirmation: "none", revision: 1, remindedAt: null, place: "12 Main St", notes: "bring ID" });
    expect(first.startsAt.toISOString()).toBe("2026-06-10T14:00:00.000Z");
    expect(await store.appointments.get(first.id)).toEqual(first);
    expect((await store.appointments.listForParticipant(pid)).map((a) => a.id)).toEqual([first.id, later.id]);
    expect((await store.appointments.listForParticipant(pid, { from: T("2026-06-11T00:00:00Z") })).map((a) => a.id)).toEqual([later.id]);
    expect(await store.appointments.firstCreatedId(pid)).toBe(later.id);
  });

  it("an edit bumps the revision; a time change clears the confirmation and the reminder marker", async () => {
    const pid = await newParticipant();
    const a = await store.appointments.create(appt(pid));
    expect(await store.appointments.markReminded(a.id, 1, T("2026-06-09T14:00:00Z"))).toBe(true);
    expect(await store.appointments.setConfirmation(a.id, "confirmed", T("2026-06-09T14:05:00Z"))).toMatchObject({ confirmation: "confirmed" });
    const placeOnly = await store.appointments.update(a.id, { place: null }, false);
    expect(placeOnly).toMatchObject({ revision: 2, place: null, notes: "bring ID", confirmation: "confirmed" });
    expect(placeOnly!.remindedAt).not.toBeNull();
    const moved = await store.appointments.update(a.id, { localTime: "11:00", startsAt: T("2026-06-10T15:00:00Z") }, true);
    expect(moved).toMatchObject({ revision: 3, localTime: "11:00", confirmation: "none", remindedAt: null, confirmationAt: null });
    // A reminder for an old revision does not mark the new one.
    expect(await store.appointments.markReminded(a.id, 2, T("2026-06-09T16:00:00Z"))).toBe(false);
  });

  it("cancel keeps the row; cancelled and past-outcome appointments cannot be edited", async () => {
    const pid = await newParticipant();
    const a = await store.appointments.create(appt(pid));
    const cancelled = await store.appointments.cancel(a.id);
    expect(cancelled).toMatchObject({ status: "cancelled", revision: 2 });
    expect(await store.appointments.cancel(a.id)).toBeNull();
    expect(await store.appointments.update(a.id, { place: "x" }, false)).toBeNull();
    expect(await store.appointments.recordOutcome(a.id, "attended", T("2026-06-10T15:00:00Z"))).toBeNull();
    expect(await store.appointments.get(a.id)).toMatchObject({ status: "cancelled" });
  });

  it("an outcome only once the appointment has started, and only once", async () => {
    const pid = await newParticipant();
    const a = await store.appointments.create(appt(pid));
    expect(await store.appointments.recordOutcome(a.id, "attended", T("2026-06-10T13:59:00Z"))).toBeNull();
    expect(await store.appointments.recordOutcome(a.id, "attended", T("2026-06-10T14:30:00Z"))).toMatchObject({ status: "attended" });
    expect(await store.appointments.recordOutcome(a.id, "missed", T("2026-06-10T14:31:00Z"))).toBeNull();
  });

  it("awaitingConfirmation: reminded, upcoming, unanswered, soonest first", async () => {
    const pid = await newParticipant();
    const now = T("2026-06-09T12:00:00Z");
    const notReminded = await store.appointments.create(appt(pid, { startsAt: T("2026-06-09T20:00:00Z") }));
    expect(await store.appointments.awaitingConfirmation(pid, now)).toBeNull();
    const later = await store.appointments.create(appt(pid, { startsAt: T("2026-06-12T14:00:00Z") }));
    const sooner = await store.appointments.create(appt(pid));
    await store.appointments.markReminded(later.id, 1, now);
    await store.appointments.markReminded(sooner.id, 1, now);
    expect(await store.appointments.awaitingConfirmation(pid, now)).toMatchObject({ id: sooner.id });
    await store.appointments.setConfirmation(sooner.id, "reschedule_requested", now);
    expect(await store.appointments.awaitingConfirmation(pid, now)).toMatchObject({ id: later.id });
    expect(await store.appointments.awaitingConfirmation(pid, T("2026-06-13T00:00:00Z"))).toBeNull();
    expect(notReminded.remindedAt).toBeNull();
  });

  it("phases: create, list, active on a date (inclusive); end before start is refused", async () => {
    const pid = await newParticipant();
    const p = await store.phases.create({ participantId: pid, name: "Onboarding", startDate: "2026-06-01", endDate: "2026-08-29", cadence: { visit: "weekly" } });
    expect(p).toMatchObject({ name: "Onboarding", startDate: "2026-06-01", endDate: "2026-08-29", cadence: { visit: "weekly" } });
    expect(await store.phases.get(p.id)).toEqual(p);
    expect(await store.phases.listForParticipant(pid)).toEqual([p]);
    expect(await store.phases.activeOn(pid, "2026-08-29")).toEqual([p]);
    expect(await store.phases.activeOn(pid, "2026-08-30")).toEqual([]);
    await expect(store.phases.create({ participantId: pid, name: "x", startDate: "2026-06-02", endDate: "2026-06-01", cadence: {} })).rejects.toThrow();
  });

  it("points: once per source key, summed, never negative", async () => {
    const pid = await newParticipant();
    expect(await store.points.total(pid)).toBe(0);
    expect(await store.points.awardOnce({ participantId: pid, sourceKey: `k1|${pid}`, reason: "checkin_answered", points: 1 })).toMatchObject({ points: 1 });
    expect(await store.points.awardOnce({ participantId: pid, sourceKey: `k1|${pid}`, reason: "checkin_answered", points: 1 })).toBeNull();
    await store.points.awardOnce({ participantId: pid, sourceKey: `k2|${pid}`, reason: "appointment_attended", points: 5 });
    expect(await store.points.total(pid)).toBe(6);
    expect((await store.points.list(pid)).map((e) => e.reason).sort()).toEqual(["appointment_attended", "checkin_answered"]);
    await expect(store.points.awardOnce({ participantId: pid, sourceKey: `k3|${pid}`, reason: "checkin_answered", points: -3 })).rejects.toThrow();
    expect(await store.points.total(pid)).toBe(6);
  });

  it("concurrent awards for one event score once", async () => {
    const pid = await newParticipant();
    const e = { participantId: pid, sourceKey: `same|${pid}`, reason: "appointment_confirmed" as const, points: 2 };
    const results = await Promise.all([1, 2, 3].map(() => db.transaction((tx) => storeFor(tx).points.awardOnce(e))));
    expect(results.filter((r) => r !== null)).toHaveLength(1);
    expect(await store.points.total(pid)).toBe(2);
  });
});
