import { afterEach, describe, expect, it } from "vitest";
import { waitFor } from "../support/harness";
import { scheduledFor } from "../support/settle";
import { at, boundariesHarness, digestJob, enrolWithHours, MESSAGING, noteForPeer, waitForNote, type Boundaries } from "./setup";

/**
 * Digest timing across DST changes on real BullMQ. The shifts start right after the
 * change, so the real delay is seconds: a digest computed by adding wall-clock hours
 * would be an hour off and never arrive inside the test's window.
 */
describe("digest timing across DST changes", () => {
  let b: Boundaries;
  afterEach(async () => b?.close());

  it("spring forward: a 03:00 shift on the change night starts 5 s after 01:59:55 EST", async () => {
    const before = new Date("2026-03-08T06:59:55Z"); // 01:59:55 EST, Sun 2026-03-08
    b = await boundariesHarness(new Date(before.getTime() - 60_000));
    const { h, clock, rec } = b;
    const ids = await enrolWithHours(h, { workingHours: [{ weekday: 7, start: "03:00", end: "11:00" }] });
    h.startWorkers(undefined, MESSAGING);
    clock.set(before);
    const n = await noteForPeer(h, { ...ids, kind: "parent_message", key: "t|dst1" });
    const start = new Date("2026-03-08T07:00:00Z"); // 03:00 EDT
    expect((await waitForNote(h, n.id, (x) => !!x.deferredUntil, "held")).deferredUntil).toEqual(start);
    const job = await digestJob(h, ids.peerId, start);
    // Planned for 03:00 EDT, 5 s away (an hour off if computed in wall-clock hours).
    expect(Math.abs((await scheduledFor(job!, clock)).getTime() - start.getTime())).toBeLessThan(1000);

    await waitFor(() => rec.digests.length === 1, 12_000, "digest at 03:00 EDT");
    expect(rec.digests[0]!.at.getTime()).toBeGreaterThanOrEqual(start.getTime());
  });

  it("fall back: a 01:30 shift on the change night starts at the first 01:30 (EDT)", async () => {
    const before = new Date("2026-11-01T05:29:55Z"); // 01:29:55 EDT, Sun 2026-11-01
    b = await boundariesHarness(new Date(before.getTime() - 60_000));
    const { h, clock, rec } = b;
    const ids = await enrolWithHours(h, { workingHours: [{ weekday: 7, start: "01:30", end: "09:00" }] });
    h.startWorkers(undefined, MESSAGING);
    clock.set(before);
    const n = await noteForPeer(h, { ...ids, kind: "parent_message", key: "t|dst2" });
    const start = new Date("2026-11-01T05:30:00Z");
    expect((await waitForNote(h, n.id, (x) => !!x.deferredUntil, "held")).deferredUntil).toEqual(start);
    const job = await digestJob(h, ids.peerId, start);
    expect(Math.abs((await scheduledFor(job!, clock)).getTime() - start.getTime())).toBeLessThan(1000);
    await waitFor(() => rec.digests.length === 1, 12_000, "digest at 01:30 EDT");
    expect(rec.digests[0]!.at.getTime()).toBeGreaterThanOrEqual(start.getTime());
  });

  it("a Friday-evening note before spring forward is scheduled for Monday 9:00 EDT (13:00Z), not 14:00Z", async () => {
    const friday = at("2026-03-06T18:00:00");
    b = await boundariesHarness(friday);
    const { h, clock } = b;
    const ids = await enrolWithHours(h);
    h.startWorkers(undefined, MESSAGING);
    const n = await noteForPeer(h, { ...ids, kind: "parent_message", key: "t|dst3" });
    const monday = new Date("2026-03-09T13:00:00Z");
    expect((await waitForNote(h, n.id, (x) => !!x.deferredUntil, "held")).deferredUntil).toEqual(monday);
    const job = await digestJob(h, ids.peerId, monday);
    expect(Math.abs((await scheduledFor(job!, clock)).getTime() - monday.getTime())).toBeLessThan(1000);
  });
});
