import { Redis } from "ioredis";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { localise } from "../../src/content/catalog";
import { createQueues, payload } from "../../src/jobs/queues";
import { planAll, planParticipant, runCheckinDue } from "../../src/features/checkins/checkins";
import { sweepOrphans } from "../../src/features/housekeeping/sweep";
import { startWorkers } from "../../src/jobs/processors";
import { REDIS_URL } from "../support/env";
import { waitFor, type Harness } from "../support/harness";
import { quiet, scheduledFor } from "../support/settle";
import {
  at,
  CHECKINS,
  checkinTexts,
  clockAt,
  closeJobId,
  DAY,
  dueJobId,
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

const MIN = 60_000;

describe("late sends, restarts and replies on real BullMQ", () => {
  let s: Scheduling;
  let h: Harness;
  let clock: Clock;
  beforeEach(async () => {
    s = await schedulingHarness();
    ({ h, clock } = s);
    h.startWorkers(undefined, MESSAGING);
  });
  afterEach(async () => s.close());

  it("process down at send time: sent late within the grace window, else recorded as skipped", async () => {
    const missed = await enrolOptedIn(h, { phone: "+15555550111" }); // daily 09:00
    const late = await enrolOptedIn(h, { phone: "+15555550112", dailyCheckinTime: "10:00" });
    // Planned while the process was up; the check-in workers are down when both come due.
    clock.set(at("08:59:59"));
    await planParticipant(missed.participantId, h.deps);
    clock.set(at("09:59:59"));
    await planParticipant(late.participantId, h.deps);
    // Both come due on BullMQ's clock, with no worker to run them.
    const lateJob = await planned(h, dueJobId(late.participantId, "daily"), at("10:00"));
    const lateDue = await scheduledFor(lateJob, clock);
    await waitFor(() => clock.now() > lateDue, 5000, "10:00 to pass on BullMQ's clock");
    for (const p of [missed, late]) {
      expect(["delayed", "waiting"]).toContain(await (await getJob(h, dueJobId(p.participantId, "daily")))!.getState());
    }

    // Back up at 10:30: 90 minutes after the 09:00 one, 30 after the 10:00 one (grace: 60).
    clock.set(at("10:30"));
    h.startWorkers(undefined, CHECKINS);
    expect(await finished(h, dueJobId(missed.participantId, "daily"))).toBe("missed_send_window");
    expect(await finished(h, dueJobId(late.participantId, "daily"))).toBe("sent");

    await waitFor(async () => (await checkinTexts(h, late.phone)).length === 1, 8000, "late check-in");
    const sentAt = clockAt(clock, (await checkinTexts(h, late.phone))[0]!.at);
    expect(sentAt.getTime()).toBeGreaterThanOrEqual(at("10:30").getTime());
    expect(await h.store.checkins.find(late.participantId, "daily", DAY)).toMatchObject({ status: "awaiting", dueAt: at("10:00") });

    const { rows } = await h.db.query<{ status: string; skip_reason: string | null; due_at: Date }>(
      "select status, skip_reason, due_at from checkins where participant_id = $1",
      [missed.participantId],
    );
    expect(rows).toEqual([{ status: "skipped", skip_reason: "missed_send_window", due_at: at("09:00") }]);
    await quiet(h, { only: [...MESSAGING, ...CHECKINS] });
    expect(textsTo(h, missed.phone)).toHaveLength(2); // welcome and confirmation only
    expect((await h.store.outbound.listTo(missed.phone)).filter((m) => m.kind.startsWith("checkin_"))).toEqual([]);
  });

  it("a restart — workers closed, a new process on the same Redis and database — neither loses nor doubles a delayed check-in", async () => {
    const { participantId, phone } = await enrolOptedIn(h);
    const id = dueJobId(participantId, "daily");
    clock.set(at("08:59:58"));
    const first = h.startWorkers(undefined, CHECKINS);
    await planned(h, id, at("09:00"));
    await first.close(); // the process stops before 09:00

    // A new process: its own Redis connections and workers; it plans everyone at start-up.
    const redis2 = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    const deps2 = { ...h.deps, queues: createQueues(redis2, h.deps.config.QUEUE_PREFIX) };
    await planAll(deps2);
    const second = startWorkers(deps2, redis2, {}, CHECKINS);
    try {
      await waitFor(async () => (await checkinTexts(h, phone)).length === 1, 8000, "check-in after restart");
      expect(await finished(h, id)).toBe("sent");
      await planAll(deps2);
      await planParticipant(participantId, deps2);
      await quiet(h, { only: [...MESSAGING, ...CHECKINS] });
      expect(await checkinTexts(h, phone)).toHaveLength(1);
      expect(await h.store.checkins.listForParticipant(participantId, 10)).toHaveLength(1);
    } finally {
      await second.close();
      await deps2.queues.close();
      redis2.disconnect();
    }
  });

  it("a reply '4' in the window is stored as score 4 and thanked; an unparsed reply is a note for the peer", async () => {
    const scorer = await enrolOptedIn(h, { phone: "+15555550121" });
    const writer = await enrolOptedIn(h, { phone: "+15555550122" });
    clock.set(at("08:59:58"));
    h.startWorkers(undefined, CHECKINS);
    await waitFor(async () => (await checkinTexts(h, scorer.phone)).length === 1, 8000, "check-in 1");
    await waitFor(async () => (await checkinTexts(h, writer.phone)).length === 1, 8000, "check-in 2");

    await h.postSms(scorer.phone, "4");
    await h.postSms(writer.phone, "at work, call u later");

    await waitFor(() => textsTo(h, scorer.phone).length === 4, 10_000, "thanks");
    const thanks = localise(h.deps.flows.checkins.daily.texts.thanks, "en", { firstName: "Ana", peerName: "Rosa", score: 4 });
    expect(textsTo(h, scorer.phone)[3]).toBe(thanks);
    expect(await h.store.checkins.find(scorer.participantId, "daily", DAY)).toMatchObject({ status: "answered", score: 4 });
    expect(await h.store.notifications.list({ participantId: scorer.participantId })).toEqual([]);

    await waitFor(async () => (await h.store.notifications.list({ participantId: writer.participantId })).length === 1, 10_000, "note");
    const { rows } = await h.db.query<{ kind: string; summary: string; peer_id: string }>(
      "select kind, summary, peer_id from peer_notifications where participant_id = $1",
      [writer.participantId],
    );
    expect(rows).toEqual([{ kind: "checkin_note", summary: "at work, call u later", peer_id: writer.peerId }]);
    expect(await h.store.checkins.find(writer.participantId, "daily", DAY)).toMatchObject({ status: "answered", score: null });
    await waitFor(() => textsTo(h, writer.phone).length === 4, 10_000, "acknowledgement");
    expect(textsTo(h, writer.phone)[3]).not.toBe(thanks);
  });

  it("a retried due job whose close job was lost (crash after commit) re-adds the close job and sends nothing again", async () => {
    const { participantId, phone } = await enrolOptedIn(h);
    clock.set(at("08:59:58"));
    h.startWorkers(undefined, CHECKINS);
    await waitFor(async () => (await checkinTexts(h, phone)).length === 1, 8000, "check-in");
    const close = await planned(h, closeJobId(participantId, "daily"));
    await close.remove(); // as if the worker died between the commit and queueing it

    const due = (await getJob(h, dueJobId(participantId, "daily")))!;
    expect(await runCheckinDue(payload.checkinDue.parse(due.data), h.deps)).toBe("duplicate");
    const again = await planned(h, closeJobId(participantId, "daily"));
    expect(await again.isDelayed()).toBe(true);
    const row = (await h.store.checkins.find(participantId, "daily", DAY))!;
    expect(again.delay).toBeGreaterThan(row.windowClosesAt!.getTime() - clock.now().getTime() - 2000);
    await quiet(h, { only: [...MESSAGING, ...CHECKINS] });
    expect(await checkinTexts(h, phone)).toHaveLength(1);
  });
});

describe("missed check-ins with a 5-minute reply window", () => {
  let s: Scheduling;
  let h: Harness;
  let clock: Clock;
  beforeEach(async () => {
    s = await schedulingHarness({ replyWindowMinutes: 5 });
    ({ h, clock } = s);
    h.startWorkers(undefined, MESSAGING);
  });
  afterEach(async () => s.close());

  it("a sent check-in whose due job finished without its close job (crash, attempts spent) is closed by the sweeper", async () => {
    const { participantId, phone } = await enrolOptedIn(h);
    clock.set(at("08:59:58"));
    h.startWorkers(undefined, CHECKINS);
    await waitFor(async () => (await checkinTexts(h, phone)).length === 1, 8000, "daily check-in");
    expect(await finished(h, dueJobId(participantId, "daily"))).toBe("sent");
    // As if the worker died after the commit and the job was then given up on: no retry will re-add it.
    await (await planned(h, closeJobId(participantId, "daily"))).remove();

    // Window still open: nothing to do yet (the due job's retry would cover a live job).
    expect((await sweepOrphans(h.deps)).checkinCloses).toBe(0);
    expect(await getJob(h, closeJobId(participantId, "daily"))).toBeUndefined();

    // The window closed more than the orphan grace ago: the sweeper adds the close job, due now.
    clock.jump(5 * MIN + 31_000);
    expect((await sweepOrphans(h.deps)).checkinCloses).toBe(1);
    expect(await finished(h, closeJobId(participantId, "daily"))).toBe("missed");
    expect(await h.store.checkins.find(participantId, "daily", DAY)).toMatchObject({ status: "missed" });
    // Closed: a second sweep finds nothing awaiting, and nothing was sent again.
    expect((await sweepOrphans(h.deps)).checkinCloses).toBe(0);
    expect(await checkinTexts(h, phone)).toHaveLength(1);
  });

  it("no reply: the close job marks it missed, and the second miss in a row alerts the peer once", async () => {
    const { participantId, phone, peerId } = await enrolOptedIn(h);
    clock.set(at("08:59:58"));
    h.startWorkers(undefined, CHECKINS);
    await waitFor(async () => (await checkinTexts(h, phone)).length === 1, 8000, "daily check-in");

    const close1 = await planned(h, closeJobId(participantId, "daily"));
    expect(await close1.isDelayed()).toBe(true);
    expect(close1.delay).toBeGreaterThan(4.5 * MIN);
    expect(close1.delay).toBeLessThanOrEqual(5 * MIN);
    // Five minutes pass on our clock; BullMQ runs the close job now instead of in 5 real minutes.
    clock.jump(5 * MIN);
    await close1.promote();
    expect(await finished(h, closeJobId(participantId, "daily"))).toBe("missed");
    expect(await h.store.checkins.find(participantId, "daily", DAY)).toMatchObject({ status: "missed" });
    expect(await h.store.notifications.list({ participantId })).toEqual([]);

    // Tonight's check-in, also unanswered.
    clock.set(at("20:30"));
    await (await getJob(h, dueJobId(participantId, "nightly")))!.promote();
    await waitFor(async () => (await checkinTexts(h, phone)).length === 2, 8000, "nightly check-in");
    const close2 = await planned(h, closeJobId(participantId, "nightly"));
    clock.jump(5 * MIN);
    await close2.promote();
    expect(await finished(h, closeJobId(participantId, "nightly"))).toBe("alerted");
    expect(await h.store.checkins.find(participantId, "nightly", DAY)).toMatchObject({ status: "missed" });

    const notes = await h.store.notifications.list({ participantId });
    expect(notes.map((n) => n.kind)).toEqual(["missed_streak"]);
    expect(notes[0]).toMatchObject({ peerId, summary: expect.stringMatching(/^2 check-ins in a row/) });
    // Through the notification port (the sandbox one until Slack arrives).
    await waitFor(async () => (await h.store.notifications.get(notes[0]!.id))?.deliveredAt, 10_000, "alert delivered");
    expect(textsTo(h, phone)).toHaveLength(4); // welcome, confirmation, two check-ins: nothing about the alert to the parent
  });
});
