import { afterEach, describe, expect, it } from "vitest";
import { jobId } from "../../src/jobs/queues";
import { acknowledgeNotification, snoozeUntilNextShift } from "../../src/features/peers/availability";
import { sweepOrphans } from "../../src/features/housekeeping/sweep";
import { boundariesStore } from "../../src/adapters/postgres/boundaries";
import { waitFor } from "../support/harness";
import { quiet, scheduledFor } from "../support/settle";
import {
  addParent,
  at,
  boundariesHarness,
  enrolWithHours,
  MESSAGING,
  noteForPeer,
  outboundOfKind,
  digestJob,
  waitForNote,
  type Boundaries,
} from "./setup";

/**
 * Off-hours deferral on real BullMQ and Redis with an injected running clock: the clock
 * starts a few seconds before a shift start, so the real delayed digest job fires in the test.
 */
describe("peers' working hours: off-hours notes wait for the shift", () => {
  let b: Boundaries;
  afterEach(async () => b?.close());

  it("holds off-hours notes, sends ONE digest at shift start with the right headline, and one auto-reply per parent", async () => {
    b = await boundariesHarness(at("2026-11-23T08:00:00")); // a Monday
    const { h, clock, rec } = b;
    const ana = await enrolWithHours(h);
    const bea = await addParent(h, ana.peerId, { phone: "+15555550101" });
    h.startWorkers(undefined, MESSAGING);
    const shiftStart = at("2026-11-23T09:00:00");
    clock.set(new Date(shiftStart.getTime() - 12_000));

    await h.postSms(ana.phone, "Can we talk later today?");
    await h.postSms(ana.phone, "Also about the school meeting");
    await h.postSms(bea.phone, "Rough night, call me when you can");
    const hotline = await noteForPeer(h, { ...bea, peerId: ana.peerId, kind: "hotline_case_closed", key: "t|hotline" });

    const held = await waitFor(async () => {
      const notes = await h.store.notifications.list({ peerId: ana.peerId });
      return notes.length === 4 && notes.every((n) => n.deferredUntil) ? notes : null;
    }, 8000, "four held notes");
    expect(clock.now().getTime()).toBeLessThan(shiftStart.getTime()); // still off-hours: the test is valid
    for (const n of held) expect(n.deferredUntil).toEqual(shiftStart);
    expect(rec.delivered).toHaveLength(0);

    // One auto-reply per parent for this off-hours period, instead of the usual "got it".
    await waitFor(async () => (await outboundOfKind(h, bea.phone, "off_hours_reply")).length === 1, 5000, "auto-reply");
    const anaReplies = await outboundOfKind(h, ana.phone, "off_hours_reply");
    expect(anaReplies).toHaveLength(1);
    expect(anaReplies[0]!.body).toBe("Rosa is off right now and will read this after 9:00 AM Mon, Nov 23. If it can't wait, call or text 988.");
    expect(await outboundOfKind(h, ana.phone, "message_ack")).toHaveLength(0);

    // Many notes, one digest job for the shift start.
    await digestJob(h, ana.peerId, shiftStart);
    const digestJobs = (await h.deps.queues.notify.getJobs(["delayed", "waiting", "active", "completed"])).filter((j) => j.name === "digest");
    expect(digestJobs.map((j) => j.id)).toEqual([jobId.digest(ana.peerId, shiftStart)]);

    await waitFor(() => rec.digests.length === 1, 15_000, "digest");
    const [{ digest, at: sentAt }] = rec.digests as [(typeof rec.digests)[0]];
    expect(sentAt.getTime()).toBeGreaterThanOrEqual(shiftStart.getTime());
    // Planned for the shift start (how late a busy machine ran it is not the code's doing).
    expect(Math.abs((await scheduledFor(digestJobs[0]!, clock)).getTime() - shiftStart.getTime())).toBeLessThan(1000);
    expect(digest.peer.id).toBe(ana.peerId);
    expect(digest.headline).toBe("While you were off: 3 messages from 2 parents, 1 hotline case handled by a volunteer");
    expect(digest.items).toHaveLength(4);
    expect(digest.items[0]!.notification.id).toBe(hotline.id); // crisis FYI first
    expect(new Set(digest.items.map((i) => i.participant?.id))).toEqual(new Set([ana.participantId, bea.participantId]));

    // The port is called before the rows are marked; wait for the marks.
    const marked = await waitFor(async () => {
      const notes = await h.store.notifications.list({ peerId: ana.peerId });
      return notes.every((n) => n.deliveredAt) ? notes : null;
    }, 5000, "digest items marked delivered");
    for (const n of marked) {
      expect(n.channel).toBe("test");
      expect(n.interruptedOffHours).toBe(false);
    }
    await quiet(h, { only: MESSAGING });
    expect(rec.digests).toHaveLength(1);
    expect(rec.delivered).toHaveLength(0);
    expect(await boundariesStore(h.db).listDigests(ana.peerId)).toHaveLength(1);

    // On shift now: a new message goes straight through, with the usual acknowledgement.
    await h.postSms(ana.phone, "Thanks!");
    await waitFor(() => rec.delivered.length === 1, 8000, "on-shift delivery");
    expect(rec.delivered[0]!.notification.kind).toBe("parent_message");
    await waitFor(async () => (await outboundOfKind(h, ana.phone, "message_ack")).length === 1, 5000, "ack");
    expect(await outboundOfKind(h, ana.phone, "off_hours_reply")).toHaveLength(1);
  });

  it("delivers on shift at once; a crisis FYI interrupts an opted-in peer off-hours and waits for the others", async () => {
    b = await boundariesHarness(at("2026-11-23T10:00:00"));
    const { h, clock, rec } = b;
    const rosa = await enrolWithHours(h);
    const luis = await enrolWithHours(h, { crisisFyiImmediately: true }, { phone: "+15555550102" });
    h.startWorkers(undefined, MESSAGING);

    const onShift = await noteForPeer(h, { ...rosa, kind: "parent_message", key: "t|1" });
    await waitFor(() => rec.delivered.length === 1, 8000, "on-shift delivery");
    expect((await waitForNote(h, onShift.id, (n) => !!n.deliveredAt, "delivered")).interruptedOffHours).toBe(false);

    clock.set(at("2026-11-23T21:00:00"));
    const fyiLuis = await noteForPeer(h, { ...luis, kind: "hotline_case_closed", key: "t|2" });
    const fyiRosa = await noteForPeer(h, { ...rosa, kind: "hotline_case_closed", key: "t|3" });
    const routineLuis = await noteForPeer(h, { ...luis, kind: "low_score", key: "t|4" });
    const delivered = await waitForNote(h, fyiLuis.id, (n) => !!n.deliveredAt, "opted-in FYI delivered");
    expect(delivered.interruptedOffHours).toBe(true);
    const tuesday9 = at("2026-11-24T09:00:00");
    expect((await waitForNote(h, fyiRosa.id, (n) => !!n.deferredUntil, "held FYI")).deferredUntil).toEqual(tuesday9);
    expect((await waitForNote(h, routineLuis.id, (n) => !!n.deferredUntil, "held routine")).deferredUntil).toEqual(tuesday9);
    expect(rec.delivered.map((d) => d.notification.id)).toEqual([onShift.id, fyiLuis.id]);
    const job = await digestJob(h, rosa.peerId, tuesday9);
    expect(job?.name).toBe("digest");
    // Delayed by the real time left until 9:00 (by the injected clock), within a second.
    expect(Math.abs(job!.timestamp + job!.opts.delay! - (Date.now() + (tuesday9.getTime() - clock.now().getTime())))).toBeLessThan(1000);
  });

  it("an off date (PTO) holds everything until the next working day", async () => {
    b = await boundariesHarness(at("2026-11-24T10:00:00"));
    const { h, clock, rec } = b;
    const ids = await enrolWithHours(h, { offDates: ["2026-11-24"], crisisFyiImmediately: true });
    h.startWorkers(undefined, MESSAGING);
    const routine = await noteForPeer(h, { ...ids, kind: "parent_message", key: "t|pto1" });
    const fyi = await noteForPeer(h, { ...ids, kind: "hotline_case_closed", key: "t|pto2" });
    const wednesday9 = at("2026-11-25T09:00:00");
    for (const n of [routine, fyi]) {
      expect((await waitForNote(h, n.id, (x) => !!x.deferredUntil, "held on PTO")).deferredUntil).toEqual(wednesday9);
    }
    expect(await digestJob(h, ids.peerId, wednesday9)).toBeDefined();
    expect(rec.delivered).toHaveLength(0);
    // The orphan sweeper leaves held notes alone until their time has passed. The notes are
    // old enough to count as orphans (created by the same clock, a minute ago), so only
    // the hold keeps them out: without it this would be 2.
    clock.jump(60_000);
    for (const n of [routine, fyi]) expect(n.createdAt.getTime()).toBeLessThanOrEqual(clock.now().getTime() - 60_000);
    expect((await sweepOrphans(h.deps)).notifications).toBe(0);
    expect((await h.store.notifications.get(routine.id))!.deliveredAt).toBeNull();
    // And once the hold has run out, the same sweep does pick them up.
    clock.set(new Date(wednesday9.getTime() + 60_000));
    expect((await sweepOrphans(h.deps)).notifications).toBe(2);
  });

  it("/away holds notes; /back sends them in one digest right away when on shift", async () => {
    b = await boundariesHarness(at("2026-11-23T10:00:00"));
    const { h, rec } = b;
    const ids = await enrolWithHours(h);
    h.startWorkers(undefined, MESSAGING);
    expect((await h.admin("POST", `/peers/${ids.peerId}/away`)).status).toBe(200);
    const avail = (await (await h.admin("GET", `/peers/${ids.peerId}/availability`)).json()) as {
      availability: { available: boolean; nextAvailableAt: string | null; reason: string };
    };
    expect(avail.availability).toEqual({ available: false, nextAvailableAt: null, reason: "away" });

    const n1 = await noteForPeer(h, { ...ids, kind: "parent_message", key: "t|a1" });
    const n2 = await noteForPeer(h, { ...ids, kind: "low_score", key: "t|a2" });
    for (const n of [n1, n2]) await waitForNote(h, n.id, (x) => !!x.deferredUntil, "held while away");
    expect(rec.delivered).toHaveLength(0);

    // An away parent texting gets the auto-reply without a time.
    await h.postSms(ids.phone, "Are you there?");
    const reply = await waitFor(async () => (await outboundOfKind(h, ids.phone, "off_hours_reply"))[0], 8000, "away auto-reply");
    expect(reply.body).toBe("Rosa is away right now and will read this when they are back. If it can't wait, call or text 988.");
    await waitFor(async () => {
      const notes = await h.store.notifications.list({ peerId: ids.peerId });
      return notes.length === 3 && notes.every((n) => n.deferredUntil);
    }, 8000, "the parent's text held too");

    expect((await h.admin("POST", `/peers/${ids.peerId}/back`)).status).toBe(200);
    await waitFor(() => rec.digests.length === 1, 8000, "digest after /back");
    expect(rec.digests[0]!.digest.headline).toBe("While you were off: 2 messages from 1 parent, 1 low check-in score");
    expect(rec.delivered).toHaveLength(0);
  });

  it("a peer who goes /away before their digest fires gets it when the absence ends", async () => {
    b = await boundariesHarness(at("2026-11-23T08:59:52"));
    const { h, rec } = b;
    const ids = await enrolWithHours(h);
    h.startWorkers(undefined, MESSAGING);
    const n = await noteForPeer(h, { ...ids, kind: "parent_message", key: "t|r1" });
    const nine = at("2026-11-23T09:00:00");
    await waitForNote(h, n.id, (x) => x.deferredUntil?.getTime() === nine.getTime(), "held until 9:00");
    const until = at("2026-11-23T09:30:00");
    expect((await h.admin("POST", `/peers/${ids.peerId}/away`, { until: until.toISOString() })).status).toBe(200);

    await waitForNote(h, n.id, (x) => x.deferredUntil?.getTime() === until.getTime(), "held again until 9:30");
    expect(rec.digests).toHaveLength(0);
    expect(await digestJob(h, ids.peerId, until)).toBeDefined();
  });

  it("a digest whose delivery failed is retried with exactly the notes it claimed, and sent once", async () => {
    const nine = at("2026-11-23T09:00:00");
    b = await boundariesHarness(new Date(nine.getTime() - 5000));
    const { h, rec } = b;
    const ids = await enrolWithHours(h);
    const real = rec.port.deliverDigest.bind(rec.port);
    let calls = 0;
    rec.port.deliverDigest = async (d) => {
      if (++calls === 1) throw new Error("slack is down");
      return real(d);
    };
    h.startWorkers(undefined, MESSAGING);
    const n1 = await noteForPeer(h, { ...ids, kind: "parent_message", key: "t|f1" });
    await waitForNote(h, n1.id, (x) => !!x.deferredUntil, "held");
    await waitFor(() => calls === 1, 10_000, "first, failing attempt");
    // A note arriving between the attempts is not slipped into the digest already claimed.
    const n2 = await noteForPeer(h, { ...ids, kind: "low_score", key: "t|f2" });
    await waitFor(() => rec.digests.length === 1, 10_000, "retried digest");
    expect(rec.digests[0]!.digest.items.map((i) => i.notification.id)).toEqual([n1.id]);
    expect(rec.digests[0]!.digest.headline).toBe("While you were off: 1 message from 1 parent");
    await waitFor(() => rec.delivered.length === 1, 5000, "on-shift note delivered on its own");
    expect(rec.delivered[0]!.notification.id).toBe(n2.id);
    expect(await boundariesStore(h.db).listDigests(ids.peerId)).toHaveLength(1);
  });

  it("a digest job that gave up is run again by the sweeper, re-sending the notes it had claimed", async () => {
    const nine = at("2026-11-23T09:00:00");
    b = await boundariesHarness(new Date(nine.getTime() - 5000));
    const { h, clock, rec } = b;
    const ids = await enrolWithHours(h);
    const real = rec.port.deliverDigest.bind(rec.port);
    let calls = 0;
    rec.port.deliverDigest = async (d) => {
      if (++calls === 1) throw new Error("slack is down");
      return real(d);
    };
    // The shift's digest job, added first with one attempt, so it fails for good at 9:00.
    await h.deps.queues.notify.add("digest", { peerId: ids.peerId, dueAt: nine.getTime() }, { jobId: jobId.digest(ids.peerId, nine), delay: 5000, attempts: 1 });
    h.startWorkers(undefined, MESSAGING);
    const n = await noteForPeer(h, { ...ids, kind: "parent_message", key: "t|g1" });
    await waitForNote(h, n.id, (x) => !!x.deferredUntil, "held");
    const job = await digestJob(h, ids.peerId, nine);
    await waitFor(async () => (await job!.isFailed()) || null, 12_000, "digest job failed");
    expect(rec.digests).toHaveLength(0);

    clock.jump(60_000);
    expect((await sweepOrphans(h.deps)).notifications).toBe(1);
    await waitFor(() => rec.digests.length === 1, 8000, "digest re-sent");
    expect(rec.digests[0]!.digest.items.map((i) => i.notification.id)).toEqual([n.id]);
    await waitForNote(h, n.id, (x) => !!x.deliveredAt, "delivered");
    expect(await boundariesStore(h.db).listDigests(ids.peerId)).toHaveLength(1);
  });

  it("snooze until my next shift brings a note back in that shift's digest; acknowledge is the peer's own", async () => {
    b = await boundariesHarness(at("2026-11-23T08:00:00"));
    const { h, clock, rec } = b;
    const ids = await enrolWithHours(h, { crisisFyiImmediately: true });
    const other = await enrolWithHours(h, {}, { phone: "+15555550103" });
    h.startWorkers(undefined, MESSAGING);
    const nine = at("2026-11-23T09:00:00");
    clock.set(new Date(nine.getTime() - 6000));
    const fyi = await noteForPeer(h, { ...ids, kind: "hotline_case_closed", key: "t|s1" });
    await waitFor(() => rec.delivered.length === 1, 5000, "FYI at once");

    expect(await snoozeUntilNextShift(h.deps, fyi.id, other.peerId)).toBeNull(); // not theirs
    const snoozed = await snoozeUntilNextShift(h.deps, fyi.id, ids.peerId);
    expect(snoozed?.until).toEqual(nine);
    expect(snoozed?.notification).toMatchObject({ deliveredAt: null, snoozedUntil: nine, deferredUntil: nine });

    await waitFor(() => rec.digests.length === 1, 12_000, "digest with the snoozed note");
    expect(rec.digests[0]!.at.getTime()).toBeGreaterThanOrEqual(nine.getTime());
    expect(rec.digests[0]!.digest.items.map((i) => i.notification.id)).toEqual([fyi.id]);
    expect(rec.digests[0]!.digest.headline).toBe("While you were off: 1 hotline case handled by a volunteer");
    const after = await waitForNote(h, fyi.id, (x) => !!x.deliveredAt, "delivered again");
    expect(after.snoozedUntil).toBeNull();

    expect(await acknowledgeNotification(h.deps, fyi.id, other.peerId)).toBeNull();
    const acked = await acknowledgeNotification(h.deps, fyi.id, ids.peerId);
    expect(acked).toMatchObject({ acknowledgedBy: ids.peerId });
    const again = await acknowledgeNotification(h.deps, fyi.id, ids.peerId);
    expect(again!.acknowledgedAt).toEqual(acked!.acknowledgedAt);

    // On shift now: "my next shift" is tomorrow's, not the one under way.
    const later = await snoozeUntilNextShift(h.deps, fyi.id, ids.peerId);
    expect(later?.until).toEqual(at("2026-11-24T09:00:00"));
  });
});
