/**
 * The account-wide send limiter under load: two worker processes sending a routine
 * backlog at SMS_MAX_PER_SECOND while pages arrive (targets, issue 13: never more than the
 * limit in any sliding 1-second window, urgent and routine together; pages first).
 *
 *   npx tsx bench/send-rate.ts
 *   BENCH_MPS=20 BENCH_ROUTINE=400 npx tsx bench/send-rate.ts
 *
 * How: ROUTINE routine texts are stored and queued (Postgres, real Redis/BullMQ); then one
 * worker process is spawned (test/support/worker-process.ts, its own limiter object) and
 * this process starts the same sms workers: only Redis is shared. While the backlog
 * drains, a page (crisis priority, sms-urgent) is queued every PAGE_EVERY_MS. The fake
 * Twilio stamps each request as it arrives (real time). Reported: the most requests in
 * any sliding 1 s window; the achieved rate over the backlog (first to last arrival)
 * against the limit; each page's wait from being queued to reaching Twilio, and how many
 * routine texts reached Twilio in that time (at most the slots already granted).
 */
import { randomUUID } from "node:crypto";
import type { OutboundMessage } from "../src/domain/model";
import { enqueueSms } from "../src/jobs/effects";
import { createHarness } from "../test/support/harness";
import { spawnWorkerProcess } from "../test/support/worker-process";
import { fmt, heading, percentile, sleep, verdict, type BenchResult } from "./lib";

const MPS = Number(process.env.BENCH_MPS ?? 50);
const ROUTINE = Number(process.env.BENCH_ROUTINE ?? 1000);
const PAGES = Number(process.env.BENCH_PAGES ?? 20);
const PAGE_EVERY_MS = Number(process.env.BENCH_PAGE_EVERY_MS ?? 500);

function maxInWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! >= windowMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

export async function run(): Promise<BenchResult> {
  const h = await createHarness({ db: "postgres", sms: "twilio", env: { SMS_MAX_PER_SECOND: String(MPS), LOG_LEVEL: "warn" } });
  const fake = h.fakeTwilio!;
  heading("send-rate", [
    `${ROUTINE} routine texts queued, then ${PAGES} pages, one every ${PAGE_EVERY_MS} ms, while they drain; SMS_MAX_PER_SECOND=${MPS};`,
    `2 worker processes (this one + a spawned one) share only Redis; arrivals stamped by the fake Twilio (real SDK, loopback).`,
  ]);
  let child: Awaited<ReturnType<typeof spawnWorkerProcess>> | null = null;
  try {
    const store = async (i: number, priority: "routine" | "crisis"): Promise<OutboundMessage> =>
      (
        await h.store.outbound.createOnce({
          idempotencyKey: `rate|${randomUUID()}`,
          toPhone: `+1555${priority === "crisis" ? "8" : "6"}${String(1_000_000 + i).slice(1)}`,
          body: `${priority === "crisis" ? "page" : "routine"} ${i}`,
          kind: priority === "crisis" ? "hotline_page" : "checkin_daily",
          priority,
          participantId: null,
          notAfter: null,
        })
      ).message;
    const routine: OutboundMessage[] = [];
    for (let i = 0; i < ROUTINE; i++) routine.push(await store(i, "routine"));
    await enqueueSms(h.deps, routine);
    child = await spawnWorkerProcess(h, ["sms-routine", "sms-urgent"]);
    h.startWorkers(undefined, ["sms-routine", "sms-urgent"]);

    // Pages arrive while the backlog drains (after the first second: the limit is reached).
    await fake.waitForRequests(MPS, 60_000);
    const pageQueued = new Map<string, number>();
    for (let i = 0; i < PAGES; i++) {
      const page = await store(i, "crisis");
      pageQueued.set(page.body, Date.now());
      await enqueueSms(h.deps, [page]);
      await sleep(PAGE_EVERY_MS);
    }
    await fake.waitForRequests(ROUTINE + PAGES, 30_000 + ((ROUTINE + PAGES) / MPS) * 3000);

    const sent = [...fake.sent].sort((a, b) => a.at - b.at);
    const times = sent.map((s) => s.at);
    const worst = maxInWindow(times, 1000);
    const routineTimes = sent.filter((s) => s.body.startsWith("routine")).map((s) => s.at);
    const span = (times[times.length - 1]! - times[0]!) / 1000;
    const rate = (sent.length - 1) / span;
    const waits: number[] = [];
    const routineBetween: number[] = [];
    for (const s of sent.filter((x) => x.body.startsWith("page"))) {
      const queued = pageQueued.get(s.body)!;
      waits.push(s.at - queued);
      routineBetween.push(routineTimes.filter((t) => t > queued && t < s.at).length);
    }
    console.log(`  arrivals ${sent.length}/${ROUTINE + PAGES}; first-to-last ${fmt(span)} s -> ${fmt(rate, 1)} sends/s (limit ${MPS}; ${fmt(rate / MPS, 3)} of it)`);
    console.log(`  most requests in any sliding 1 s window: ${worst} (limit ${MPS})`);
    console.log(
      `  page wait queued -> at Twilio: p50 ${fmt(percentile(waits, 50), 0)} ms, p99 ${fmt(percentile(waits, 99), 0)} ms, max ${fmt(Math.max(...waits), 0)} ms; ` +
        `routine texts that reached Twilio meanwhile: max ${Math.max(...routineBetween)} (the slots already granted; the backlog behind is ${ROUTINE})`,
    );
    const ok = worst <= MPS && sent.length === ROUTINE + PAGES;
    const summary = [
      `send rate (${MPS}/s, 2 processes, ${ROUTINE} routine + ${PAGES} pages): max ${worst} in any sliding second (target <= ${MPS}): ${verdict(ok)}; ` +
        `achieved ${fmt(rate, 1)}/s; page wait p99 ${fmt(percentile(waits, 99), 0)} ms`,
    ];
    console.log(`  ${summary[0]}`);
    return { name: "send-rate", summary, met: ok };
  } finally {
    await child?.kill();
    await h.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  run().then(
    () => process.exit(0),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
