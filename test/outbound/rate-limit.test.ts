import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import type { OutboundMessage } from "../../src/domain/model";
import { enqueueSms } from "../../src/jobs/effects";
import { createSendLimiter, sendLimitFor, type EvalClient, type GrantInfo } from "../../src/adapters/redis";
import { createHarness, waitFor, type Harness } from "../support/harness";
import { spawnWorkerProcess, type WorkerProcess } from "../support/worker-process";

/** Most events seen in any window of `windowMs` (each window starts at an event). */
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
 * The limit is a correctness rule (never faster than the account allows, urgent and
 * routine together, across processes), checked on the fake Twilio's recorded request
 * times and on the limiter's own grant times (Redis's clock). A slow machine only spreads
 * the sends out, so it cannot make these fail. How fast the limiter keeps up is speed,
 * measured in bench/ (send-lateness, send-rate), not asserted here.
 */
describe("messages-per-second limit (Redis sliding log, shared by every worker process)", () => {
  let h: Harness;
  let child: WorkerProcess | null = null;
  afterEach(async () => {
    await child?.kill();
    child = null;
    await h?.close();
  });

  async function store(count: number, priority: "routine" | "crisis", tag: string): Promise<OutboundMessage[]> {
    const messages: OutboundMessage[] = [];
    for (let i = 0; i < count; i++) {
      const { message } = await h.store.outbound.createOnce({
        idempotencyKey: `mps|${tag}|${randomUUID()}`,
        toPhone: `+1555${priority === "crisis" ? "7" : "5"}55${String(1000 + i)}`,
        body: `${tag} ${i}`,
        kind: priority === "crisis" ? "hotline_page" : "checkin_daily",
        priority,
        participantId: null,
        notAfter: null,
      });
      messages.push(message);
    }
    return messages;
  }

  async function allSent(messages: OutboundMessage[]) {
    await waitFor(async () => {
      for (const m of messages) if ((await h.store.outbound.get(m.id))!.status !== "sent") return false;
      return true;
    }, 60_000, `all ${messages.length} rows sent`);
  }

  it("never exceeds SMS_MAX_PER_SECOND in any 1-second window, urgent and routine together, with two worker processes", { timeout: 120_000 }, async () => {
    const mps = 5;
    h = await createHarness({ db: "postgres", sms: "twilio", env: { SMS_MAX_PER_SECOND: String(mps) } });
    const fake = h.fakeTwilio!;
    const routine = await store(24, "routine", "routine");
    const urgent = await store(8, "crisis", "page");
    // All queued before any worker starts, so the limiter (not enqueue pace) sets the rate.
    await enqueueSms(h.deps, [...routine, ...urgent]);
    const grants: GrantInfo[] = [];
    // This process and a second one, each with its own limiter object: only Redis is shared.
    child = await spawnWorkerProcess(h, ["sms-routine", "sms-urgent"]);
    h.startWorkers({ onSendGrant: (g) => grants.push(g) }, ["sms-routine", "sms-urgent"]);

    await fake.waitForRequests(routine.length + urgent.length, 90_000);
    await allSent([...routine, ...urgent]);
    expect(fake.requests).toHaveLength(routine.length + urgent.length);
    expect(new Set(fake.sent.map((s) => s.to)).size).toBe(routine.length + urgent.length);
    // Both processes sent (otherwise this would not test sharing).
    expect(grants.length).toBeGreaterThan(0);
    expect(grants.length).toBeLessThan(routine.length + urgent.length);
    // As Twilio saw them: never more than the limit in any sliding second.
    expect(maxInWindow(fake.requests.map((r) => r.at), 1000)).toBeLessThanOrEqual(mps);
    // Every page went out before the routine texts still waiting when it was queued:
    // pages were queued with all 24 routine texts waiting, so none may be among the last.
    const order = [...fake.sent].sort((a, b) => a.at - b.at).map((s) => (s.body.startsWith("page") ? "U" : "r"));
    const lastUrgent = order.lastIndexOf("U");
    expect(lastUrgent).toBeLessThan(urgent.length + 2 * mps);
  });

  it("an urgent text queued during a routine burst goes out before the routine texts queued ahead of it", { timeout: 120_000 }, async () => {
    const mps = 5;
    h = await createHarness({ sms: "twilio", env: { SMS_MAX_PER_SECOND: String(mps) } });
    const fake = h.fakeTwilio!;
    const routine = await store(30, "routine", "routine");
    await enqueueSms(h.deps, routine);
    h.startWorkers(undefined, ["sms-routine", "sms-urgent"]);
    // The burst is running and the window is full: the account's limit is reached.
    await fake.waitForRequests(mps + 2, 30_000);
    const [page] = await store(1, "crisis", "page");
    const queuedAt = Date.now();
    const routineBefore = fake.sent.length;
    await enqueueSms(h.deps, [page!]);
    await allSent([...routine, page!]);

    const order = [...fake.sent].sort((a, b) => a.at - b.at);
    const pageIndex = order.findIndex((s) => s.body.startsWith("page"));
    const routineAfterQueuedBeforePage = order.slice(routineBefore, pageIndex).length;
    // The page takes the next free slot: at most the sends already granted when it was
    // queued (one per routine worker slot, mps of them) go out between, not the backlog.
    expect(routineAfterQueuedBeforePage).toBeLessThanOrEqual(mps);
    expect(order.length - pageIndex - 1).toBeGreaterThanOrEqual(routine.length - routineBefore - mps);
    expect(order[pageIndex]!.at).toBeGreaterThanOrEqual(queuedAt);
    expect(maxInWindow(fake.requests.map((r) => r.at), 1000)).toBeLessThanOrEqual(mps);
  });

  it("the limiter script grants at most the limit in any window, and a waiting urgent caller before any routine one", { timeout: 60_000 }, async () => {
    h = await createHarness({ sms: "sandbox" });
    const limit = sendLimitFor(4);
    expect(limit).toEqual({ perWindow: 4, windowMs: 1000 });
    expect(sendLimitFor(2.5)).toEqual({ perWindow: 2, windowMs: 1000 });
    expect(sendLimitFor(0.5)).toEqual({ perWindow: 1, windowMs: 2000 });
    const grants: (GrantInfo & { who: number })[] = [];
    let who = 0;
    const limiter = createSendLimiter({
      client: () => h.deps.queues.smsRoutine.client as unknown as Promise<EvalClient>,
      prefix: `${h.deps.config.QUEUE_PREFIX}:unit`,
      limit,
    });
    const take = (priority: "urgent" | "routine") => {
      const n = who++;
      return limiter.acquire(priority).then(async (g) => {
        grants.push({ at: g.at, waitedMs: g.waitedMs, priority, who: n });
        await g.done(true); // as a send does once its request is made
      });
    };
    // 10 routine callers at once: 4 get a slot now, 6 wait.
    const routine = Array.from({ length: 10 }, () => take("routine"));
    await waitFor(() => grants.length === 4, 5000, "the first 4 grants");
    // An urgent caller arrives while 6 routine ones are waiting: it gets the next slot.
    const urgent = take("urgent");
    await Promise.all([...routine, urgent]);
    const times = grants.map((g) => g.at);
    expect(maxInWindow(times, limit.windowMs)).toBeLessThanOrEqual(limit.perWindow);
    const fifth = [...grants].sort((a, b) => a.at - b.at)[4]!;
    expect(fifth.priority).toBe("urgent");
  });
});
