import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobId } from "../../src/queues";
import { createInboundBatcher } from "../../src/services/accept-inbound";
import type { Queryable } from "../../src/store";
import { DB_KINDS } from "../support/db";
import { createHarness, enrol, newMessageSid, PROGRAM_NUMBER, type Harness } from "../support/harness";

/**
 * The webhook's group commit: many texts arriving at once share one insert and one
 * addBulk, yet each answer still means "my row is stored and my job is queued".
 * No workers run here, so the queue shows exactly what the webhook handed over.
 */
describe.each(DB_KINDS)("inbound group commit (%s)", (db) => {
  let h: Harness;
  let ana: { phone: string; participantId: string };

  beforeAll(async () => {
    h = await createHarness({ db, sms: "twilio" });
    ana = await enrol(h, { phone: "+15555550131" });
  });
  afterAll(async () => h?.close());

  const rowsFor = async (sids: string[]) =>
    (
      await h.db.query<{ message_sid: string; participant_id: string | null; crisis_level: string | null; processed_at: Date | null; id: string }>(
        "select id, message_sid, participant_id, crisis_level, processed_at from inbound_messages where message_sid = any($1::text[])",
        [sids],
      )
    ).rows;

  it("stores every concurrent text once, with its sender, and queues each row once before answering", async () => {
    const unknown = "+15555550139";
    const texts = Array.from({ length: 40 }, (_, i) => ({ sid: newMessageSid(), from: i % 2 ? ana.phone : unknown, body: `ok ${i}` }));
    // Twilio retrying some while the first delivery is in flight: same sid, same batch or the next.
    const retries = texts.slice(0, 5);
    const answers = await Promise.all(
      [...texts, ...retries].map((t) => h.postSms(t.from, t.body, { MessageSid: t.sid })),
    );
    expect(answers.map((r) => r.status)).toEqual(answers.map(() => 200));

    // Every 200 means stored: read right after the answers, without waiting.
    const rows = await rowsFor(texts.map((t) => t.sid));
    expect(rows).toHaveLength(texts.length);
    for (const r of rows) {
      const sent = texts.find((t) => t.sid === r.message_sid)!;
      expect(r.participant_id).toBe(sent.from === ana.phone ? ana.participantId : null);
      expect(r.crisis_level).toBeNull();
      // …and queued: the job id is the row's business key, so a retry could not double it.
      const job = await h.deps.queues.inbound.getJob(jobId.inbound(r.id));
      expect(job?.data).toEqual({ inboundId: r.id });
    }
    const jobs = await h.deps.queues.inbound.getJobs(["waiting", "delayed", "prioritized"]);
    const ours = new Set(rows.map((r) => jobId.inbound(r.id)));
    expect(jobs.filter((j) => ours.has(j.id!))).toHaveLength(texts.length);
  });

  it("a batch that fails to store answers every caller with the error and stores none of it", async () => {
    let calls = 0;
    const failing: Queryable = {
      query: async () => {
        calls++;
        throw new Error("database down");
      },
    } as unknown as Queryable;
    const writer = createInboundBatcher({ db: failing as never, queues: h.deps.queues, log: h.deps.log });
    const sids = [newMessageSid(), newMessageSid(), newMessageSid()];
    const results = await Promise.allSettled(
      sids.map((sid) => writer.store({ messageSid: sid, fromPhone: ana.phone, toPhone: PROGRAM_NUMBER, body: "hi" })),
    );
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected", "rejected"]);
    expect(calls).toBe(1); // one statement for the whole batch
    expect(await rowsFor(sids)).toEqual([]);
  });

  it("a text stored but not queued (Redis refused) still answers, logged by id only, for the sweeper", async () => {
    const queues = { ...h.deps.queues, inbound: { addBulk: async () => Promise.reject(new Error("redis down")) } };
    const writer = createInboundBatcher({ db: h.deps.db, queues: queues as never, log: h.deps.log });
    const sid = newMessageSid();
    const stored = await writer.store({ messageSid: sid, fromPhone: ana.phone, toPhone: PROGRAM_NUMBER, body: "private words" });
    expect(stored.isNew).toBe(true);
    expect(await rowsFor([sid])).toHaveLength(1);
    const line = h.logLines.find((l) => l.includes("inbound enqueue failed") && l.includes(stored.message.id));
    expect(line).toBeDefined();
    expect(line).not.toContain(ana.phone);
    expect(line).not.toContain("private words");
  });

  it("keeps a concern-level text's screen result on its row", async () => {
    const sid = newMessageSid();
    const res = await h.postSms(ana.phone, "craving so bad today", { MessageSid: sid });
    expect(res.status).toBe(200);
    const [row] = await rowsFor([sid]);
    expect(row?.crisis_level).toBe("concern");
  });
});
