import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHarness, enrol, waitFor, type Harness } from "../support/harness";
import { spawnWorkerProcess } from "../support/worker-process";

/**
 * The webhook hands a committed batch of texts to the workers as one job. A worker killed
 * in the middle of such a job must lose nothing and double nothing: the job comes back as
 * stalled, and each row is processed (and marked) in its own transaction, so the rows the
 * dead worker finished are skipped and the rest are processed once.
 */
describe("inbound batch job killed mid-batch", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness({ db: "postgres", sms: "twilio" });
  });
  afterEach(async () => h.close());

  it("every text is processed exactly once after a SIGKILL mid-batch and a takeover", async () => {
    const ana = await enrol(h, { phone: "+15555550161" });
    await h.db.query("update participants set consent = 'opted_in' where id = $1", [ana.participantId]);
    const TEXTS = 240;
    // All at once and no worker running: the webhook's group commit stores them in a few
    // batches, each queued as one job.
    const answers = await Promise.all(Array.from({ length: TEXTS }, (_, i) => h.postSms(ana.phone, `see you at group ${i}`)));
    expect(answers.every((r) => r.status === 200)).toBe(true);
    const jobs = (await h.deps.queues.inbound.getJobs(["waiting", "prioritized"])).filter((j) => j.name === "process-batch");
    expect(jobs.length).toBeGreaterThan(0);
    expect(jobs.length).toBeLessThan(TEXTS / 4);

    const processed = async () =>
      (await h.db.query<{ n: number }>("select count(*)::int as n from inbound_messages where processed_at is not null")).rows[0]!.n;
    const child = await spawnWorkerProcess(h, ["inbound"], { lockDuration: 1000, stalledInterval: 1000 });
    // Kill while some rows of the batches are done and others are not.
    const atKill = await waitFor(async () => {
      const n = await processed();
      return n >= 5 ? n : null;
    }, 20_000, "the child has processed part of the batch");
    await child.kill("SIGKILL");
    const afterKill = await processed();
    expect(atKill).toBeLessThan(TEXTS);
    expect(afterKill).toBeLessThan(TEXTS); // mid-batch: work was left for the takeover

    // A new worker takes the stalled job over (its lock expired with the dead process).
    h.startWorkers({ lockDuration: 1000, stalledInterval: 1000 }, ["inbound"]);
    await waitFor(async () => (await processed()) === TEXTS, 60_000, "every text processed after the takeover");

    // Exactly once: one note for the peer per text (none missing, none doubled; a text the
    // screen flags would also get a concern note, hence the kind), and no text reported
    // processed by both processes.
    const { rows } = await h.db.query<{ inbound_message_id: string; n: number }>(
      `select m.id as inbound_message_id, count(n.id)::int as n
         from inbound_messages m left join peer_notifications n on n.inbound_message_id = m.id and n.kind = 'parent_message'
        group by m.id`,
    );
    expect(rows).toHaveLength(TEXTS);
    expect(rows.filter((r) => r.n !== 1)).toEqual([]);
    const doneBy = new Map<string, number>();
    for (const line of [...child.stderr().split("\n"), ...h.logLines]) {
      if (!line.includes('"inbound processed"')) continue;
      const id = (JSON.parse(line) as { inboundId?: string }).inboundId;
      if (id) doneBy.set(id, (doneBy.get(id) ?? 0) + 1);
    }
    expect([...doneBy.values()].filter((n) => n > 1)).toEqual([]);
    expect(doneBy.size).toBeGreaterThanOrEqual(TEXTS - 2 * 8); // the kill may cut a log line after its commit
  }, 120_000);
});
