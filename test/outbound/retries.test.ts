import { afterEach, describe, expect, it } from "vitest";
import { createHarness, type Harness, type HarnessOptions } from "../support/harness";
import { jobId } from "../../src/jobs/queues";
import { queueText as queue, waitForStatus as waitRow } from "../support/outbound";
import { jobFinished } from "../support/settle";

/**
 * Retries and unknown outcomes of outbound texts: the sms-routine/sms-urgent workers
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
const waitForStatus = (id: string, statuses: Parameters<typeof waitRow>[2]) => waitRow(h, id, statuses);

describe("transient Twilio errors", () => {
  it("retries 429 then 500 with growing backoff and sends exactly once", async () => {
    await setup();
    const fake = h.fakeTwilio!;
    fake.script({ kind: "error", status: 429, code: 20429, message: "Too Many Requests" }, { kind: "error", status: 500, code: 20500 });
    const msg = await queueText();

    const sent = await waitForStatus(msg.id, ["sent", "failed", "unknown"]);
    expect(sent.status).toBe("sent");
    expect(fake.requests).toHaveLength(3);
    expect(fake.sent).toHaveLength(1);
    expect(sent.providerSid).toBe(fake.sent[0]!.sid);
    expect(sent.attempts).toBe(3);
    expect(sent.sentAt).toBeInstanceOf(Date);

    const [a, b, c] = fake.requests.map((r) => r.at) as [number, number, number];
    const gap1 = b - a;
    const gap2 = c - b;
    // RETRY_TRANSIENT: exponential from 1 s → at least ~1 s, then at least ~2 s (lower
    // bounds only: a busy machine makes gaps longer, never shorter).
    expect(gap1).toBeGreaterThanOrEqual(900);
    expect(gap2).toBeGreaterThanOrEqual(1800);

    expect(await jobFinished(h.deps.queues.smsRoutine, jobId.sms(msg.id))).toBe("completed");
    expect(fake.requests).toHaveLength(3);
  });
});

describe("Twilio's own queue is full (21611)", () => {
  it("is retried, not recorded as a permanent failure", async () => {
    await setup();
    const fake = h.fakeTwilio!;
    fake.script({ kind: "error", status: 400, code: 21611, message: "This 'From' number has exceeded the maximum number of queued messages" });
    const msg = await queueText();
    const settled = await waitForStatus(msg.id, ["sent", "failed", "unknown"]);
    expect(settled.status).toBe("sent");
    expect(fake.requests).toHaveLength(2);
    expect(fake.sent).toHaveLength(1);
  });
});

describe("no answer from Twilio (timeout: outcome unknown)", () => {
  it("marks a routine text unknown and does not re-send it", async () => {
    await setup();
    const fake = h.fakeTwilio!;
    fake.script({ kind: "hang" }); // the harness SDK times out after 2 s
    const msg = await queueText();
    const settled = await waitForStatus(msg.id, ["unknown", "sent", "failed"]);
    expect(settled.status).toBe("unknown");
    // Its job has ended (a retry would have left it delayed, not finished).
    expect(await jobFinished(h.deps.queues.smsRoutine, jobId.sms(msg.id))).toBe("completed");
    expect(fake.requests).toHaveLength(1);
  });

  it("re-sends a crisis text", async () => {
    await setup();
    const fake = h.fakeTwilio!;
    fake.script({ kind: "hang" });
    const msg = await queueText({ kind: "crisis_page", priority: "crisis" });
    const settled = await waitForStatus(msg.id, ["unknown", "sent", "failed"]);
    expect(settled.status).toBe("sent");
    expect(fake.requests).toHaveLength(2);
    expect(settled.providerSid).toBe(fake.sent[0]!.sid);
  });
});

