import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sweepOrphans } from "../../src/features/housekeeping/sweep";
import { jobId } from "../../src/jobs/queues";
import type { Deps } from "../../src/ports/deps";
import { runningClock } from "../support/clock";
import { createHarness, enrol, waitFor, type Harness } from "../support/harness";

/**
 * The sweeper's count is what it actually re-queued. Work that finishes between its
 * listing and its check (a restart's backlog being drained by the workers) is neither
 * re-added nor reported as "requeued orphaned work". Real Redis, BullMQ workers, PGlite.
 */
describe("sweeper counts only what it re-queued", () => {
  let h: Harness;
  const clock = runningClock(new Date("2026-11-23T15:00:00Z"));
  beforeAll(async () => {
    h = await createHarness({ sms: "twilio", clock });
  });
  afterAll(async () => h.close());

  const unprocessed = async () =>
    Number((await h.db.query<{ n: number }>("select count(*)::int as n from inbound_messages where processed_at is null")).rows[0]!.n);

  it("texts processed while the sweep looked are not counted; a truly orphaned one is re-queued and counted", async () => {
    const { phone } = await enrol(h, { phone: "+15555558001" });
    // Stored and queued with no worker running (a restart's backlog), then seen as old.
    for (const body of ["one", "two", "three"]) expect((await h.postSms(phone, body)).status).toBe(200);
    await waitFor(async () => (await unprocessed()) === 3, 10_000, "three stored");
    clock.jump(60_000);

    // The sweep's snapshot lists all three; the workers then finish them before it checks.
    let workersStarted = false;
    const racing: Deps = {
      ...h.deps,
      store: {
        ...h.deps.store,
        inbound: {
          ...h.deps.store.inbound,
          async listUnprocessedBefore(before: Date, limit: number) {
            const rows = await h.deps.store.inbound.listUnprocessedBefore(before, limit);
            if (!workersStarted) {
              workersStarted = true;
              h.startWorkers(undefined, ["inbound"]);
              await waitFor(async () => (await unprocessed()) === 0, 10_000, "backlog processed");
            }
            return rows;
          },
        },
      },
    };
    const first = await sweepOrphans(racing);
    expect(first.inbound).toBe(0);
    expect(h.logLines.some((l) => l.includes("requeued orphaned work"))).toBe(false);

    // A text whose job really is gone: re-queued, counted once, and then processed.
    const res = await h.postSms(phone, "four");
    expect(res.status).toBe(200);
    const row = await waitFor(async () => (await h.db.query<{ id: string }>("select id from inbound_messages where body = 'four'")).rows[0]);
    await waitFor(async () => (await h.store.inbound.get(row.id))?.processedAt, 10_000, "four processed");
    await h.db.query("update inbound_messages set processed_at = null where id = $1", [row.id]);
    await (await h.deps.queues.inbound.getJob(jobId.inbound(row.id)))?.remove();
    clock.jump(60_000);
    const second = await sweepOrphans(h.deps);
    expect(second.inbound).toBe(1);
    await waitFor(async () => (await h.store.inbound.get(row.id))?.processedAt, 10_000, "four re-processed");
    const third = await sweepOrphans(h.deps);
    expect(third.inbound).toBe(0);
  });
});
