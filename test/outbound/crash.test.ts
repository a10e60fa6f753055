import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import type { OutboundStatus, SendPriority } from "../../src/domain/model";
import { jobId, type QueueName } from "../../src/jobs/queues";
import { enqueueSms } from "../../src/jobs/effects";
import { createHarness, waitFor, type Harness } from "../support/harness";
import { jobFinished } from "../support/settle";
import { spawnWorkerProcess, type WorkerProcess } from "../support/worker-process";

/**
 * A worker process is SIGKILLed while its request to Twilio is open (the fake never
 * answers), so nobody knows whether the text went out. A worker in this process then
 * finds the stalled job. Policy (docs/decisions.md, "Unknown send outcome after a
 * crash"): routine texts are marked unknown and not re-sent; crisis texts are re-sent.
 */
const PHONE = "+15555550100";
const TUNING = { lockDuration: 1000, stalledInterval: 1000 };

describe("a worker killed mid-send", () => {
  let h: Harness;
  let child: WorkerProcess | undefined;
  afterEach(async () => {
    await child?.kill();
    child = undefined;
    await h?.close();
  });

  async function crashMidSend(priority: SendPriority, queue: QueueName) {
    h = await createHarness({ sms: "twilio", db: "postgres" });
    const fake = h.fakeTwilio!;
    fake.script({ kind: "hang" });
    child = await spawnWorkerProcess(h, [queue], TUNING);

    const { message } = await h.store.outbound.createOnce({
      idempotencyKey: `crash|${randomUUID()}`,
      toPhone: PHONE,
      body: priority === "crisis" ? "Rosa: Ana may need you now." : "Good evening Ana, how was today?",
      kind: priority === "crisis" ? "crisis_page" : "checkin_nightly",
      priority,
      participantId: null,
      notAfter: null,
    });
    await enqueueSms(h.deps, [message]);

    await fake.waitForRequests(1, 15_000);
    // The child claimed the row before calling Twilio, and is stuck in the call.
    expect((await h.store.outbound.get(message.id))!.status).toBe("sending");
    await child.kill("SIGKILL");

    h.startWorkers(TUNING, [queue]);
    const settled = await waitFor(
      async () => {
        const m = await h.store.outbound.get(message.id);
        return m && (["sent", "unknown", "failed"] as OutboundStatus[]).includes(m.status) ? m : null;
      },
      15_000,
      "the stalled send to be resolved",
    );
    return { message: settled, fake };
  }

  it("does not re-send a routine text: it is marked unknown after one request", async () => {
    const { message, fake } = await crashMidSend("routine", "sms-routine");
    expect(message.status).toBe("unknown");
    expect(message.providerSid).toBeNull();
    // The stalled job has run to its end (completed is final: nothing can re-send it).
    expect(await jobFinished(h.deps.queues.smsRoutine, jobId.sms(message.id))).toBe("completed");
    expect(fake.requests).toHaveLength(1);
    expect((await h.store.outbound.get(message.id))!.status).toBe("unknown");
  });

  it("re-sends a crisis text on the urgent queue: two requests, sent", async () => {
    const { message, fake } = await crashMidSend("crisis", "sms-urgent");
    expect(message.status).toBe("sent");
    expect(fake.requests).toHaveLength(2);
    expect(fake.sent).toHaveLength(1);
    expect(message.providerSid).toBe(fake.sent[0]!.sid);
    expect(message.attempts).toBe(2);
    expect(await jobFinished(h.deps.queues.smsUrgent, jobId.sms(message.id))).toBe("completed");
    expect(fake.requests).toHaveLength(2);
  });
});
