import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import type { OutboundMessage } from "../../src/domain/model";
import { enqueueSms } from "../../src/jobs/effects";
import { createHarness, waitFor, type Harness } from "../support/harness";

/** Most requests seen in any window of `windowMs` (each window starts at a request). */
function maxInWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! >= windowMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

/**
 * The limit is a correctness rule (never faster than the account allows), checked on the
 * fake Twilio's recorded request times; a slow machine only spreads the sends out, so it
 * cannot make this fail. How fast the limiter keeps up is speed, measured in bench/
 * (send-lateness), not asserted here.
 */
describe("messages-per-second limit", () => {
  let h: Harness;
  afterEach(async () => h?.close());

  async function sendBurst(mps: number, count: number) {
    h = await createHarness({ sms: "twilio", env: { SMS_MAX_PER_SECOND: String(mps) } });
    const fake = h.fakeTwilio!;
    const messages: OutboundMessage[] = [];
    for (let i = 0; i < count; i++) {
      const { message } = await h.store.outbound.createOnce({
        idempotencyKey: `mps|${randomUUID()}`,
        toPhone: `+1555555${String(1000 + i)}`,
        body: `check-in ${i}`,
        kind: "checkin_daily",
        priority: "routine",
        participantId: null,
        notAfter: null,
      });
      messages.push(message);
    }
    // All queued before the worker starts, so the limiter (not enqueue pace) sets the rate.
    await enqueueSms(h.deps, messages);
    h.startWorkers(undefined, ["sms-routine"]);

    // Generous waits: a loaded machine is slower, which only spreads the sends out.
    await fake.waitForRequests(count, 60_000);
    await waitFor(async () => {
      for (const m of messages) if ((await h.store.outbound.get(m.id))!.status !== "sent") return false;
      return true;
    }, 30_000, `all ${count} rows sent`);
    expect(fake.requests).toHaveLength(count);
    expect(new Set(fake.sent.map((s) => s.to)).size).toBe(count);
    return fake.requests.map((r) => r.at);
  }

  it("never exceeds SMS_MAX_PER_SECOND in any 1-second window, and sends everything", { timeout: 120_000 }, async () => {
    const times = await sendBurst(5, 20);
    expect(maxInWindow(times, 1000)).toBeLessThanOrEqual(5 + 1);
  });

  it("sends at a higher rate (50/s) without bursting past it", { timeout: 120_000 }, async () => {
    const times = await sendBurst(50, 150);
    // Windows of 3 per 60 ms: at most mps + 3, plus a little jitter between job start and request.
    expect(maxInWindow(times, 1000)).toBeLessThanOrEqual(55);
  });
});
