import { afterEach, describe, expect, it } from "vitest";
import { runningClock } from "../support/clock";
import { createHarness, type Harness, type HarnessOptions } from "../support/harness";
import { jobId } from "../../src/jobs/queues";
import { queueText as queue, TEST_PHONE as PHONE, waitForStatus as waitRow } from "../support/outbound";
import { jobFinished, quiet } from "../support/settle";

/**
 * Permanent errors, opt-outs, staleness and validity of outbound texts: the sms-routine/sms-urgent workers
 * and the real twilio SDK against the loopback fake Twilio, scripted to fail as Twilio does.
 */
let h: Harness;
afterEach(async () => h?.close());

async function setup(opts: HarnessOptions = {}) {
  h = await createHarness({ sms: "twilio", ...opts });
  h.startWorkers();
  return h;
}
const queueText = (over: Parameters<typeof queue>[1] = {}) => queue(h, over);
const waitForStatus = (id: string, statuses: Parameters<typeof waitRow>[2], timeoutMs?: number) =>
  waitRow(h, id, statuses, timeoutMs);

describe("permanent Twilio errors", () => {
  it("21610 (unsubscribed): one request, failed with the code, number opted out, nothing more sent to it", async () => {
    await setup();
    const fake = h.fakeTwilio!;
    fake.script({ kind: "error", status: 400, code: 21610, message: "Attempt to send to unsubscribed recipient" });
    const msg = await queueText();

    const failed = await waitForStatus(msg.id, ["failed", "sent", "unknown"]);
    expect(failed.status).toBe("failed");
    expect(failed.errorCode).toBe("21610");
    expect(failed.providerSid).toBeNull();
    expect(await h.store.optOuts.has(PHONE)).toBe(true);

    // Failed for good: a retry would have left the job delayed, not finished.
    expect(await jobFinished(h.deps.queues.smsRoutine, jobId.sms(msg.id))).toBe("failed");
    expect(fake.requests).toHaveLength(1);

    // Later texts of every routine kind are suppressed before reaching Twilio.
    const later = await queueText({ kind: "checkin_nightly" });
    const reply = await queueText({ kind: "checkin_thanks", priority: "reply" });
    expect((await waitForStatus(later.id, ["suppressed", "sent"])).status).toBe("suppressed");
    expect((await waitForStatus(reply.id, ["suppressed", "sent"])).status).toBe("suppressed");
    await quiet(h);
    expect(fake.requests).toHaveLength(1);
    expect(fake.sent).toHaveLength(0);
  });

  it("21211 (invalid number): one request, failed with the code, no retry, not an opt-out", async () => {
    await setup();
    const fake = h.fakeTwilio!;
    fake.script({ kind: "error", status: 400, code: 21211, message: "The 'To' number is not a valid phone number." });
    const msg = await queueText();

    const failed = await waitForStatus(msg.id, ["failed", "sent", "unknown"]);
    expect(failed.status).toBe("failed");
    expect(failed.errorCode).toBe("21211");
    expect(failed.attempts).toBe(1);
    expect(await jobFinished(h.deps.queues.smsRoutine, jobId.sms(msg.id))).toBe("failed");
    expect(fake.requests).toHaveLength(1);
    expect(fake.sent).toHaveLength(0);
    expect(await h.store.optOuts.has(PHONE)).toBe(false);
    // Logs name the failure but never the number or the text.
    expect(h.logLines.join("\n")).toContain("21211");
    expect(h.logLines.join("\n")).not.toContain(PHONE.slice(1));
    expect(h.logLines.join("\n")).not.toContain("how are you");
  });
});

describe("opted-out numbers", () => {
  it("suppresses queued texts to an opted-out number but still sends the opt-out confirmation", async () => {
    await setup();
    const fake = h.fakeTwilio!;
    await h.store.optOuts.add(PHONE, new Date());
    const routine = await queueText({ kind: "checkin_daily" });
    const reply = await queueText({ kind: "checkin_thanks", priority: "reply" });
    const confirmation = await queueText({ kind: "opt_out_confirmation", priority: "reply", body: "You are unsubscribed. Reply START to rejoin." });

    expect((await waitForStatus(confirmation.id, ["sent", "suppressed", "failed"])).status).toBe("sent");
    const r1 = await waitForStatus(routine.id, ["suppressed", "sent", "failed"]);
    const r2 = await waitForStatus(reply.id, ["suppressed", "sent", "failed"]);
    expect(r1.status).toBe("suppressed");
    expect(r1.errorCode).toBe("opted_out");
    expect(r2.status).toBe("suppressed");
    await quiet(h);
    expect(fake.requests).toHaveLength(1);
    expect(fake.sent.map((s) => s.body)).toEqual(["You are unsubscribed. Reply START to rejoin."]);
  });
});

describe("stale texts", () => {
  it("skips a text whose not_after has passed without calling Twilio", async () => {
    await setup();
    const msg = await queueText({ notAfter: new Date(Date.now() - 60_000) });
    const skipped = await waitForStatus(msg.id, ["skipped", "sent", "failed"]);
    expect(skipped.status).toBe("skipped");
    expect(skipped.errorCode).toBe("stale");
    await quiet(h);
    expect(h.fakeTwilio!.requests).toHaveLength(0);
  });

  it("skips a text that went stale while waiting for a retry", async () => {
    const clock = runningClock(new Date());
    await setup({ clock });
    const fake = h.fakeTwilio!;
    fake.script({ kind: "error", status: 503, code: 20503 });
    const msg = await queueText({ notAfter: new Date(clock.now().getTime() + 30 * 60_000) });
    await fake.waitForRequests(1);
    clock.jump(45 * 60_000); // the retry comes after the text's window closed
    const skipped = await waitForStatus(msg.id, ["skipped", "sent", "failed"]);
    expect(skipped.status).toBe("skipped");
    await quiet(h);
    expect(fake.requests).toHaveLength(1);
    expect(fake.sent).toHaveLength(0);
  });
});

describe("stale texts found mid-send after a crash", () => {
  it("skips a crisis text left 'sending' whose window has closed, instead of leaving it 'sending'", async () => {
    const clock = runningClock(new Date());
    await setup({ clock });
    const { message } = await h.store.outbound.createOnce({
      idempotencyKey: `stale-crisis|${Date.now()}`,
      toPhone: PHONE,
      body: "Rosa: please call Ana",
      kind: "crisis_page",
      priority: "crisis",
      participantId: null,
      notAfter: new Date(clock.now().getTime() + 60_000),
    });
    // A worker claimed it and died; the job comes back after the window closed.
    await h.store.outbound.transition(message.id, ["queued"], "sending", { countAttempt: true });
    clock.jump(5 * 60_000);
    await h.deps.queues.smsUrgent.add("send", { outboundId: message.id }, { jobId: `sms|${message.id}` });
    const settled = await waitForStatus(message.id, ["skipped", "sent", "failed", "unknown"], 5000);
    expect(settled.status).toBe("skipped");
    expect(h.fakeTwilio!.requests).toHaveLength(0);
  });
});

describe("validity period", () => {
  it("passes ValidityPeriod (seconds left until not_after) to Twilio, and none without not_after", async () => {
    await setup();
    const fake = h.fakeTwilio!;
    const withWindow = await queueText({ notAfter: new Date(Date.now() + 10 * 60_000), body: "with window" });
    const unbounded = await queueText({ notAfter: null, body: "no window" });
    const longWindow = await queueText({ notAfter: new Date(Date.now() + 3 * 24 * 3600_000), body: "long window" });
    for (const m of [withWindow, unbounded, longWindow]) expect((await waitForStatus(m.id, ["sent", "failed"])).status).toBe("sent");

    const byBody = (b: string) => fake.sent.find((s) => s.body === b)!;
    const vp = Number(byBody("with window").validityPeriod);
    expect(vp).toBeGreaterThan(590);
    expect(vp).toBeLessThanOrEqual(600);
    expect(byBody("no window").validityPeriod).toBeUndefined();
    // Twilio accepts 1..36000 s; a longer window is capped rather than rejected.
    expect(byBody("long window").validityPeriod).toBe("36000");
  });

  it("passes a validity of at least 1 s even when not_after is this instant", async () => {
    const at = new Date(Date.now() + 60 * 60_000);
    // A frozen clock at exactly not_after: not yet stale, zero seconds left.
    await setup({ clock: { now: () => new Date(at) } });
    const msg = await queueText({ notAfter: at, body: "last moment" });
    expect((await waitForStatus(msg.id, ["sent", "failed", "skipped"])).status).toBe("sent");
    expect(h.fakeTwilio!.sent[0]!.validityPeriod).toBe("1");
  });
});
