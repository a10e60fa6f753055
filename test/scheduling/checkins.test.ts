import { Redis } from "ioredis";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { planCheckins } from "../../src/domain/checkin-plan";
import { createQueues, jobId } from "../../src/jobs/queues";
import { nextOfEachKind, planAll, planParticipant } from "../../src/features/checkins/checkins";
import { REDIS_URL } from "../support/env";
import { enrol, waitFor, type Harness } from "../support/harness";
import { quiet, scheduledFor } from "../support/settle";
import {
  at,
  CHECKINS,
  checkinTexts,
  clockAt,
  DAY,
  dueJobId,
  dueJobs,
  enrolOptedIn,
  finished,
  getJob,
  MESSAGING,
  planned,
  schedulingHarness,
  textsTo,
  type Clock,
  type Scheduling,
} from "./setup";

/**
 * Check-in planning on real BullMQ and Redis: job ids from the business key, re-planning
 * on edits, consent and status at send time. The clock is set a couple of seconds before
 * a due time, so BullMQ's own delay fires the job.
 */
describe("check-in planning and sending on real BullMQ", () => {
  let s: Scheduling;
  let h: Harness;
  let clock: Clock;
  beforeEach(async () => {
    s = await schedulingHarness();
    ({ h, clock } = s);
    h.startWorkers(undefined, MESSAGING);
  });
  afterEach(async () => s.close());

  it("sends an opted-in parent their daily check-in at their own local time, once", async () => {
    const { participantId, phone } = await enrolOptedIn(h);
    const due = at("09:00");
    clock.set(at("08:59:58"));
    h.startWorkers(undefined, CHECKINS);
    const dueJob = await planned(h, dueJobId(participantId, "daily"), due);
    expect(await checkinTexts(h, phone)).toHaveLength(0);
    // Planned for 09:00 on our clock (how late a busy machine runs it is not the code's doing).
    expect(Math.abs((await scheduledFor(dueJob, clock)).getTime() - due.getTime())).toBeLessThan(1000);

    await waitFor(async () => (await checkinTexts(h, phone)).length === 1, 8000, "daily check-in");
    const [sms] = await checkinTexts(h, phone);
    const sentAt = clockAt(clock, sms!.at).getTime();
    expect(sentAt).toBeGreaterThanOrEqual(due.getTime());
    expect(sms!.body).toContain("Ana");
    expect(sms!.body).toContain("Rosa"); // the peer, by first name
    expect(await h.store.checkins.find(participantId, "daily", DAY)).toMatchObject({ status: "awaiting", dueAt: due });

    // Tonight's is on the schedule at 20:30 New York time.
    const nightly = await getJob(h, dueJobId(participantId, "nightly"));
    expect(nightly?.data.dueAt).toBe(at("20:30").toISOString());
    expect(await nightly!.isDelayed()).toBe(true);
    // Only the next check-in of each kind is planned ahead: tomorrow's daily was added when
    // today's fired (rolled forward), and nothing later exists yet.
    const tomorrow = await planned(h, dueJobId(participantId, "daily", "2026-06-11"), at("09:00", "2026-06-11"));
    expect(await tomorrow.isDelayed()).toBe(true);
    expect(Math.abs((await scheduledFor(tomorrow, clock)).getTime() - at("09:00", "2026-06-11").getTime())).toBeLessThan(1000);
    expect((await dueJobs(h)).map((j) => j.id).sort()).toEqual(
      [dueJobId(participantId, "daily"), dueJobId(participantId, "nightly"), dueJobId(participantId, "daily", "2026-06-11")].sort(),
    );

    await quiet(h, { only: [...MESSAGING, ...CHECKINS] });
    expect(await checkinTexts(h, phone)).toHaveLength(1);
  });

  it("re-planning — twice, planAll, planParticipant, a second scheduler at once — never doubles a job or a text", async () => {
    const { participantId, phone } = await enrolOptedIn(h);
    clock.set(at("08:59:57.500"));
    // A second process on the same Redis and database, planning at the same moment.
    const redis2 = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    const queues2 = createQueues(redis2, h.deps.config.QUEUE_PREFIX);
    const other = { ...h.deps, queues: queues2 };
    try {
      await Promise.all([
        planParticipant(participantId, h.deps),
        planParticipant(participantId, h.deps),
        planAll(h.deps),
        planAll(h.deps),
        planAll(other),
        planParticipant(participantId, other),
      ]);
      await planAll(h.deps);
      await planParticipant(participantId, h.deps);

      const participant = (await h.store.participants.get(participantId))!;
      const expected = nextOfEachKind(planCheckins(participant, clock.now(), h.deps.config.PLAN_HORIZON_DAYS)).map((p) => jobId.checkinDue(p));
      const ids = (await dueJobs(h)).map((j) => j.id!);
      // Only the next of each kind: today's daily and tonight's nightly.
      expect(ids.sort()).toEqual([dueJobId(participantId, "daily"), dueJobId(participantId, "nightly")].sort());
      expect(ids.sort()).toEqual(expected.sort());

      // The worker also runs the plan job YES queued: one more re-plan.
      h.startWorkers(undefined, CHECKINS);
      await waitFor(async () => (await checkinTexts(h, phone)).length === 1, 8000, "daily check-in");

      // Re-planned after it went out (the hourly planAll, a restart): still one.
      await Promise.all([planAll(h.deps), planAll(other), planParticipant(participantId, h.deps)]);
      const daily = await getJob(h, dueJobId(participantId, "daily"));
      expect(await daily!.isCompleted()).toBe(true);
      // Today's daily is recorded, so the next daily is tomorrow's (added when today's fired).
      expect((await dueJobs(h)).map((j) => j.id!).sort()).toEqual([...expected, dueJobId(participantId, "daily", "2026-06-11")].sort());
      await quiet(h, { only: [...MESSAGING, ...CHECKINS] });
      expect(await checkinTexts(h, phone)).toHaveLength(1);
      expect(await h.store.checkins.listForParticipant(participantId, 10)).toHaveLength(1);
      const outbound = (await h.store.outbound.listTo(phone)).filter((m) => m.kind === "checkin_daily");
      expect(outbound).toHaveLength(1);
    } finally {
      await queues2.close();
      redis2.disconnect();
    }
  });

  it("plans and sends nothing before YES, and nothing already past when YES arrives", async () => {
    h.startWorkers(undefined, CHECKINS);
    clock.set(at("08:59:58"));
    const { participantId, phone } = await enrol(h);
    await waitFor(() => textsTo(h, phone).length === 1, 10_000, "welcome");
    // Even asked directly, the planner has nothing for a pending parent.
    expect(await planParticipant(participantId, h.deps)).toBe(0);
    await planAll(h.deps);
    expect(await dueJobs(h)).toHaveLength(0);

    await waitFor(() => clock.now() >= at("09:00:01"), 5000, "09:00 to pass");
    expect(textsTo(h, phone)).toHaveLength(1);
    expect(await h.store.checkins.listForParticipant(participantId, 10)).toEqual([]);

    // YES after 09:00: today's daily is not owed; tonight's and later ones are planned.
    await h.postSms(phone, "YES");
    await waitFor(() => textsTo(h, phone).length === 2, 10_000, "confirmation");
    await waitFor(async () => (await dueJobs(h)).length === 2, 10_000, "plans after YES");
    // The next of each kind: tonight's nightly and tomorrow's daily.
    const ids = (await dueJobs(h)).map((j) => j.id);
    expect(ids.sort()).toEqual([dueJobId(participantId, "nightly"), dueJobId(participantId, "daily", "2026-06-11")].sort());
    await quiet(h, { only: [...MESSAGING, ...CHECKINS] });
    expect(await checkinTexts(h, phone)).toHaveLength(0);
  });

  it("an admin PATCH moving the daily time earlier re-plans: the new time fires, the old job is gone", async () => {
    const { participantId, phone } = await enrolOptedIn(h, { dailyCheckinTime: "09:01" });
    const id = dueJobId(participantId, "daily");
    clock.set(at("08:59:58"));
    h.startWorkers(undefined, CHECKINS);
    await planned(h, id, at("09:01"));

    const res = await h.admin("PATCH", `/participants/${participantId}`, { dailyCheckinTime: "09:00" });
    expect(res.status).toBe(200);
    const moved = await planned(h, id, at("09:00"));
    expect(Math.abs((await scheduledFor(moved, clock)).getTime() - at("09:00").getTime())).toBeLessThan(1000);
    await waitFor(async () => (await checkinTexts(h, phone)).length === 1, 8000, "check-in at the new time");
    const sentAt = clockAt(clock, (await checkinTexts(h, phone))[0]!.at).getTime();
    expect(sentAt).toBeGreaterThanOrEqual(at("09:00").getTime());
    expect(await h.store.checkins.find(participantId, "daily", DAY)).toMatchObject({ status: "awaiting", dueAt: at("09:00") });
    expect((await getJob(h, id))!.data.dueAt).toBe(at("09:00").toISOString());
    expect((await dueJobs(h)).filter((j) => j.data.dueAt === at("09:01").toISOString())).toEqual([]);
  });

  it("an admin PATCH moving the daily time later re-plans: the old time does not fire, the new one does", async () => {
    const { participantId, phone } = await enrolOptedIn(h);
    const id = dueJobId(participantId, "daily");
    clock.set(at("08:59:58"));
    h.startWorkers(undefined, CHECKINS);
    await planned(h, id, at("09:00"));

    const res = await h.admin("PATCH", `/participants/${participantId}`, { dailyCheckinTime: "09:01" });
    expect(res.status).toBe(200);
    const job = await planned(h, id, at("09:01"));
    await waitFor(() => clock.now() >= at("09:00:02"), 5000, "the old time to pass");
    expect(await checkinTexts(h, phone)).toHaveLength(0);
    expect(await h.store.checkins.find(participantId, "daily", DAY)).toBeNull();
    expect(await job.isDelayed()).toBe(true);

    // The new time arrives: move our clock there and let BullMQ run the job now.
    clock.set(at("09:01:00"));
    await job.promote();
    await waitFor(async () => (await checkinTexts(h, phone)).length === 1, 8000, "check-in at the new time");
    expect(await h.store.checkins.find(participantId, "daily", DAY)).toMatchObject({ status: "awaiting", dueAt: at("09:01") });
  });

  it("an admin PATCH of the time zone re-plans the next check-ins to the new zone's local time", async () => {
    const { participantId } = await enrolOptedIn(h);
    h.startWorkers(undefined, CHECKINS);
    await planned(h, dueJobId(participantId, "daily"), at("09:00"));

    const res = await h.admin("PATCH", `/participants/${participantId}`, { timeZone: "America/Chicago" });
    expect(res.status).toBe(200);
    for (const [kind, time] of [["daily", "09:00"], ["nightly", "20:30"]] as const) {
      await planned(h, dueJobId(participantId, kind), at(time, DAY, "America/Chicago"));
    }
    // Later days are planned as each one fires, from the settings of that moment.
    expect((await dueJobs(h)).map((j) => j.id).sort()).toEqual([dueJobId(participantId, "daily"), dueJobId(participantId, "nightly")].sort());
  });

  it("a lost next check-in job (Redis lost it, a failed add) is re-created by the hourly planAll, once", async () => {
    const { participantId } = await enrolOptedIn(h);
    h.startWorkers(undefined, CHECKINS);
    const job = await planned(h, dueJobId(participantId, "nightly"), at("20:30"));
    await job.remove();
    expect(await getJob(h, dueJobId(participantId, "nightly"))).toBeUndefined();
    const result = await planAll(h.deps);
    expect(result.jobs).toBe(2); // both next check-ins offered again; the daily's add is a no-op
    const back = await planned(h, dueJobId(participantId, "nightly"), at("20:30"));
    expect(await back.isDelayed()).toBe(true);
    expect((await dueJobs(h)).map((j) => j.id).sort()).toEqual([dueJobId(participantId, "daily"), dueJobId(participantId, "nightly")].sort());
  });

  it("a job that fires after its time moved later without a re-plan waits, on BullMQ's clock, for the new time", async () => {
    const { participantId, phone } = await enrolOptedIn(h);
    const id = dueJobId(participantId, "daily");
    clock.set(at("08:59:58"));
    h.startWorkers(undefined, CHECKINS);
    await planned(h, id, at("09:00"));
    // Written straight to the store (another process, a migration): no re-plan is queued.
    await h.store.participants.update(participantId, { dailyCheckinTime: "09:01" });

    const job = await waitFor(
      async () => {
        const j = await getJob(h, id);
        // Read again once delayed: the first read may predate the move (data updated, delay not yet).
        return j && j.data.dueAt === at("09:01").toISOString() && (await j.isDelayed()) ? getJob(h, id) : undefined;
      },
      8000,
      "job moved to the new time",
    );
    // Delayed by the minute left on our clock, not to our clock's timestamp (which
    // BullMQ would read as long past and run at once, over and over).
    expect(job.delay).toBeGreaterThan(55_000);
    expect(job.delay).toBeLessThanOrEqual(60_000);
    await quiet(h, { only: [...MESSAGING, ...CHECKINS] }); // the job that fired early has finished, having sent nothing
    expect(await checkinTexts(h, phone)).toHaveLength(0);

    clock.set(at("09:01:00"));
    await job.promote();
    await waitFor(async () => (await checkinTexts(h, phone)).length === 1, 8000, "check-in at the new time");
    expect(await h.store.checkins.find(participantId, "daily", DAY)).toMatchObject({ status: "awaiting", dueAt: at("09:01") });
  });

  it("a paused or opted-out parent's job fires but sends nothing", async () => {
    const paused = await enrolOptedIn(h, { phone: "+15555550101" });
    const stopped = await enrolOptedIn(h, { phone: "+15555550102" });
    clock.set(at("08:59:57"));
    h.startWorkers(undefined, CHECKINS);
    await planned(h, dueJobId(paused.participantId, "daily"), at("09:00"));
    await planned(h, dueJobId(stopped.participantId, "daily"), at("09:00"));

    expect((await h.admin("PATCH", `/participants/${paused.participantId}`, { status: "paused" })).status).toBe(200);
    await h.postSms(stopped.phone, "STOP");
    await waitFor(() => textsTo(h, stopped.phone).length === 3, 10_000, "opt-out confirmation");
    expect(clock.now() < at("09:00")).toBe(true);

    expect(await finished(h, dueJobId(paused.participantId, "daily"))).toBe("not_eligible");
    expect(await finished(h, dueJobId(stopped.participantId, "daily"))).toBe("not_eligible");
    await quiet(h, { only: [...MESSAGING, ...CHECKINS] });
    expect(textsTo(h, paused.phone)).toHaveLength(2); // welcome, confirmation
    expect(textsTo(h, stopped.phone)).toHaveLength(3); // welcome, confirmation, opt-out
    for (const p of [paused, stopped]) {
      expect(await h.store.checkins.listForParticipant(p.participantId, 10)).toEqual([]);
      expect((await h.store.outbound.listTo(p.phone)).filter((m) => m.kind.startsWith("checkin_"))).toEqual([]);
    }
  });
});
