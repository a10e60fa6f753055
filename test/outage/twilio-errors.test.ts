import { randomBytes, randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { OutboundStatus } from "../../src/domain/model";
import { QUEUE } from "../../src/jobs/queues";
import { enqueueSms } from "../../src/jobs/effects";
import type { NewOutbound } from "../../src/adapters/postgres/outbound";
import { REDIS_URL, TEST_DATABASE_URL } from "../support/env";
import { startOutageApp, waitFor, type OutageApp } from "./app";

/**
 * Twilio answering 429/500 for a long time: routine texts keep retrying (capped backoff)
 * until their grace window ends; pages keep retrying until sent or their case closes.
 */
describe("Twilio errors", () => {
  let app: OutageApp;
  let offsetMs = 0;
  // A fresh app (and fake Twilio, whose script cannot be cleared) per test.
  beforeEach(async () => {
    offsetMs = 0;
    app = await startOutageApp({
      redisUrl: REDIS_URL,
      databaseUrl: TEST_DATABASE_URL,
      schema: `t_${randomBytes(6).toString("hex")}`,
      clock: { now: () => new Date(Date.now() + offsetMs) },
      env: { SMS_RETRY_MAX_BACKOFF_SECONDS: "0.05", SEND_GRACE_MINUTES: "60" },
    });
    app.startWorkers({}, [QUEUE.smsRoutine, QUEUE.smsUrgent]);
  }, 30_000);
  afterEach(async () => app?.close());

  async function queueText(over: Partial<NewOutbound> = {}) {
    const { message } = await app.store.outbound.createOnce({
      idempotencyKey: `test|${randomUUID()}`,
      toPhone: "+15555550199",
      body: "Good morning, how are you today? Reply 1-5.",
      kind: "checkin_daily",
      priority: "routine",
      participantId: null,
      notAfter: null,
      ...over,
    });
    await enqueueSms(app.deps, [message]);
    return message;
  }
  const statusOf = (id: string, statuses: OutboundStatus[]) =>
    waitFor(async () => {
      const m = await app.store.outbound.get(id);
      return m && statuses.includes(m.status) ? m : null;
    }, 20_000, `outbound ${id} in ${statuses.join("|")}`);
  const tooMany = (n: number) => Array.from({ length: n }, () => ({ kind: "error" as const, status: 429, code: 20429 }));

  it("retries a routine text through more 429s than the old 8 attempts and sends it once", async () => {
    app.fakeTwilio.script(...tooMany(12));
    const msg = await queueText();
    const sent = await statusOf(msg.id, ["sent", "failed", "unknown"]);
    expect(sent.status).toBe("sent");
    expect(sent.attempts).toBe(13);
    expect(app.fakeTwilio.sentTo("+15555550199")).toHaveLength(1);
  }, 30_000);

  it("gives a routine text up once its grace window since it was queued has passed", async () => {
    app.fakeTwilio.script(...tooMany(1000));
    const msg = await queueText({ toPhone: "+15555550198" });
    await waitFor(() => app.fakeTwilio.requests.filter((r) => r.to === "+15555550198").length >= 2, 10_000, "two failed tries");
    offsetMs = 61 * 60_000; // the next retry happens past SEND_GRACE_MINUTES
    const gaveUp = await statusOf(msg.id, ["failed", "sent"]);
    expect(gaveUp.status).toBe("failed");
    expect(gaveUp.errorCode).toBe("retries_exhausted");
  }, 30_000);

  it("keeps retrying a page or relay until it is sent, and stops once its case has closed", async () => {
    const responder = await app.store.responders.create({
      name: "Vol One",
      phone: "+15555551003",
      language: "en",
      timeZone: "America/New_York",
      shifts: [],
      tier: "primary",
      pageChannel: "sms",
      slackUserId: null,
      active: true,
    } as never);
    const newCase = () =>
      app.store.cases.create({
        shortId: randomBytes(3).toString("hex").toUpperCase().slice(0, 5),
        participantId: null,
        fromPhone: `+1555555${Math.floor(1000 + Math.random() * 8999)}`,
        language: "en",
        level: "imminent",
        severity: 1,
        categories: ["suicide_self_harm"],
        supervisorReview: false,
      } as never);

    // Twenty 500s in a row (the old policy gave up after 8 attempts): still delivered.
    const open = await newCase();
    app.fakeTwilio.script(...Array.from({ length: 20 }, () => ({ kind: "error" as const, status: 500, code: 20500 })));
    const page = await queueText({ idempotencyKey: `page|${open.id}|0|0|${responder.id}`, kind: "hotline_page", priority: "crisis", toPhone: responder.phone });
    const sent = await statusOf(page.id, ["sent", "failed", "skipped"]);
    expect(sent.status).toBe("sent");
    expect(sent.attempts).toBe(21);

    // Failing for ever: stops as soon as its case is closed.
    const closing = await newCase();
    app.fakeTwilio.script(...tooMany(5000));
    const page2 = await queueText({ idempotencyKey: `page|${closing.id}|0|0|${responder.id}`, kind: "hotline_page", priority: "crisis", toPhone: "+15555551004" });
    await waitFor(() => app.fakeTwilio.requests.filter((r) => r.to === "+15555551004").length >= 10, 20_000, "ten failed tries");
    await app.store.cases.claim(closing.id, responder.id, new Date());
    await app.store.cases.close(closing.id, responder.id, "safe", new Date());
    const stopped = await statusOf(page2.id, ["skipped", "sent", "failed"]);
    expect(stopped.status).toBe("skipped");
    expect(stopped.errorCode).toBe("case_closed");

    // A relay to the parent: retried while their case is active, dropped once it closes.
    const relayCase = await newCase();
    await app.store.cases.claim(relayCase.id, responder.id, new Date());
    const relay = await queueText({ idempotencyKey: `relay|${randomUUID()}`, kind: "hotline_relay", priority: "crisis", toPhone: relayCase.fromPhone });
    await waitFor(() => app.fakeTwilio.requests.filter((r) => r.to === relayCase.fromPhone).length >= 5, 20_000, "five failed relay tries");
    expect((await app.store.outbound.get(relay.id))!.status).not.toBe("skipped");
    await app.store.cases.close(relayCase.id, responder.id, "safe", new Date());
    const dropped = await statusOf(relay.id, ["skipped", "sent", "failed"]);
    expect(dropped.errorCode).toBe("case_closed");
  }, 30_000);
});

