import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { planCheckins } from "../../src/domain/checkin-plan";
import { jobId } from "../../src/jobs/queues";
import { nextOfEachKind, planAll } from "../../src/features/checkins/checkins";
import { seedParticipants } from "../../bench/lib";
import { createHarness, type Harness } from "../support/harness";

/**
 * planAll pipelines its pages (next page read and earlier addBulks in flight while one is
 * planned). With a page size far below the participant count, every page boundary and
 * the bounded in-flight window are exercised: the jobs must be exactly the plan, once.
 */
describe("planAll over many pages", () => {
  const frozen = new Date("2026-03-07T15:00:00Z"); // a day before the US DST change
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness({ sms: "sandbox", clock: { now: () => frozen } });
    await seedParticipants(h.db, {
      count: 47,
      zones: ["America/New_York", "Europe/Madrid", "Australia/Sydney", "Pacific/Honolulu"],
      dailyTimes: ["08:30", "09:00", "02:30"],
      nightlyTimes: ["21:30", "23:00"],
      consentChangedAt: new Date(frozen.getTime() - 30 * 86400_000),
    });
  });
  afterAll(async () => h?.close());

  it("adds every planned job once, across pages, each delay counted on the service clock", async () => {
    const before = Date.now();
    const first = await planAll(h.deps, 5);
    const second = await planAll(h.deps, 7); // re-planning adds nothing new
    const after = Date.now();

    const participants = await h.store.participants.listSchedulable(null, 1000);
    expect(participants).toHaveLength(47);
    const graceMs = h.deps.config.SEND_GRACE_MINUTES * 60_000;
    const all = participants.flatMap((p) => planCheckins(p, frozen, h.deps.config.PLAN_HORIZON_DAYS));
    // Past the grace window already: recorded as skipped at once, no job (decideDue would skip them).
    const pastGrace = all.filter((p) => frozen.getTime() - p.dueAt.getTime() > graceMs);
    // Only the next of each kind per participant goes to Redis (the rest roll forward).
    const expected = nextOfEachKind(all.filter((p) => !pastGrace.includes(p)));
    expect(expected.length).toBeLessThanOrEqual(2 * 47);
    expect(pastGrace.length).toBeGreaterThan(0);
    expect(expected.length).toBeGreaterThan(0);
    expect(first).toEqual({ participants: 47, jobs: expected.length, skipped: pastGrace.length });
    // The second run re-adds the same job ids (a no-op in BullMQ) and finds the skips recorded.
    expect(second).toEqual({ participants: 47, jobs: expected.length, skipped: 0 });
    const { rows: skippedRows } = await h.db.query<{ participant_id: string; kind: string; local_date: string; skip_reason: string }>(
      "select participant_id, kind, local_date, skip_reason from checkins where status = 'skipped'",
    );
    expect(skippedRows.map((r) => `${r.participant_id}|${r.kind}|${r.local_date}|${r.skip_reason}`).sort()).toEqual(
      pastGrace.map((p) => `${p.participantId}|${p.kind}|${p.localDate}|missed_send_window`).sort(),
    );

    const jobs = await h.deps.queues.checkins.getJobs(["delayed", "waiting", "prioritized"]);
    expect(jobs.map((j) => j.id).sort()).toEqual(expected.map((p) => jobId.checkinDue(p)).sort());
    // One job per check-in: the reply-window close job is added by the due job when it sends.
    expect(new Set(jobs.map((j) => j.name))).toEqual(new Set(["due"]));
    const byId = new Map(expected.map((p) => [jobId.checkinDue(p), p]));
    for (const j of jobs) {
      const plan = byId.get(j.id!)!;
      expect(j.data).toEqual({ participantId: plan.participantId, kind: plan.kind, localDate: plan.localDate, dueAt: plan.dueAt.toISOString() });
      // The frozen clock does not move, so each delay is exactly due − now, and BullMQ
      // will fire the job at (time added + delay): the due instant on the service's clock.
      expect(j.delay).toBe(Math.max(0, plan.dueAt.getTime() - frozen.getTime()));
      expect(j.timestamp).toBeGreaterThanOrEqual(before);
      expect(j.timestamp).toBeLessThanOrEqual(after);
    }
  });
});
