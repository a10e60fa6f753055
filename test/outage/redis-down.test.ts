import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { settleStorePages } from "../../src/features/inbound/accept-inbound";
import { sweepOrphans } from "../../src/features/housekeeping/sweep";
import { jobId } from "../../src/jobs/queues";
import { TEST_DATABASE_URL } from "../support/env";
import { startOutageApp, waitFor, type OutageApp } from "./app";
import { startPrivateRedis, type PrivateRedis } from "./services";

/**
 * Redis really dies (SIGKILL of a private redis-server) and comes back empty: webhooks
 * still answer at once, the crisis case is paged straight through the SMS port, and once
 * Redis is back the sweeper restarts the chain without paging anyone twice.
 */
describe("Redis down", () => {
  let redis: PrivateRedis;
  let app: OutageApp;
  beforeAll(async () => {
    redis = await startPrivateRedis();
    app = await startOutageApp({
      redisUrl: redis.url,
      databaseUrl: TEST_DATABASE_URL,
      schema: `t_${randomBytes(6).toString("hex")}`,
      env: { HOTLINE_ESCALATE_AFTER_SECONDS: "600" },
    });
  }, 30_000);
  afterAll(async () => {
    await app?.close();
    await redis?.stop();
  });

  it("answers within 1 s, pages directly, stores routine texts, and dedupes the pages once the queue returns", async () => {
    const parent = await app.enrol({ language: "en", phone: "+15555550124" });
    const volunteer = await app.addResponder({ name: "Vol One", phone: "+15555551002" });
    app.startWorkers();

    await redis.kill();

    const crisis = await app.postSms(parent.phone, "I took all my pills and I want to die");
    expect(crisis.status).toBe(200);
    expect(crisis.ms).toBeLessThan(1000);
    expect(crisis.text).toMatch(/<Message>.*988.*<\/Message>/s);

    // The case is in Postgres; its first page went straight through the SMS port.
    const [c] = await app.store.cases.list({ status: "open" });
    expect(c).toBeDefined();
    await settleStorePages();
    const pages = app.fakeTwilio.sentTo(volunteer.phone);
    expect(pages).toHaveLength(1);
    expect(pages[0]!.body).toContain(c!.shortId);

    const routine = await app.postSms(parent.phone, "thanks, feeling a bit better");
    expect(routine.status).toBe(200);
    expect(routine.ms).toBeLessThan(1000);
    const { rows } = await app.db.query<{ message_sid: string; processed_at: Date | null }>(
      "select message_sid, processed_at from inbound_messages where message_sid = $1",
      [routine.messageSid],
    );
    expect(rows).toHaveLength(1); // stored; queued later by the sweeper

    await redis.start(); // empty: no persistence

    // Once the producers reconnect, the sweeper puts back what the queues lost.
    await waitFor(async () => sweepOrphans(app.deps, { orphanAfterMs: 0 }), 15_000, "a sweep against the restarted Redis");
    await waitFor(async () => (await app.deps.queues.hotline.getJob(jobId.escalate(c!)))?.data.step === 1, 15_000, "escalation step 0 done");
    expect(app.fakeTwilio.sentTo(volunteer.phone)).toHaveLength(1);
    await waitFor(
      async () =>
        (await app.db.query<{ processed_at: Date | null }>("select processed_at from inbound_messages where message_sid = $1", [routine.messageSid])).rows[0]
          ?.processed_at,
      15_000,
      "the routine text processed",
    );
    const paged = (await app.store.cases.events(c!.id)).filter((e) => e.type === "paged");
    expect(paged).toHaveLength(1);
    expect(paged[0]!.detail.via).toBe("direct");
  }, 30_000);

  it("answers within 1 s when Redis hangs instead of refusing (enqueues raced against a deadline)", async () => {
    const parent = await app.enrol({ language: "en", phone: "+15555550131" });
    const volunteer = await app.addResponder({ name: "Vol Two", phone: "+15555551012" });
    redis.freeze();
    let crisis: Awaited<ReturnType<OutageApp["postSms"]>>;
    let routine: Awaited<ReturnType<OutageApp["postSms"]>>;
    try {
      crisis = await app.postSms(parent.phone, "i want to end my life");
      routine = await app.postSms(parent.phone, "ok");
      await settleStorePages();
    } finally {
      redis.thaw();
    }
    expect(crisis.status).toBe(200);
    expect(crisis.ms).toBeLessThan(1000);
    expect(crisis.text).toMatch(/<Message>.*988.*<\/Message>/s);
    expect(routine.status).toBe(200);
    expect(routine.ms).toBeLessThan(1000);
    expect(app.logLines.some((l) => l.includes("crisis paging enqueue failed; paging directly"))).toBe(true); // it did hang
    // Paged around the hung queue; once Redis answers, the chain's first step sends nothing twice.
    const c = (await app.store.cases.list({ status: "open" })).find((x) => x.fromPhone === parent.phone)!;
    expect(app.fakeTwilio.sentTo(volunteer.phone).filter((m) => m.body.includes(c.shortId))).toHaveLength(1);
    await waitFor(async () => sweepOrphans(app.deps, { orphanAfterMs: 0 }), 15_000, "a sweep once Redis answers");
    await waitFor(async () => (await app.deps.queues.hotline.getJob(jobId.escalate(c)))?.data.step === 1, 15_000, "escalation step 0 done");
    expect(app.fakeTwilio.sentTo(volunteer.phone).filter((m) => m.body.includes(c.shortId))).toHaveLength(1);
  }, 30_000);
});
