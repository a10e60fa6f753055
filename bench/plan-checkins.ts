/**
 * Planning check-ins for 100,000 participants: planAll's wall time, and the ratio to raw
 * BullMQ addBulk of exactly the same jobs measured in the same run
 * (targets: planAll <= 30 s, raw/planAll >= 0.5).
 *
 *   npx tsx bench/plan-checkins.ts                 # Postgres (default)
 *   BENCH_DB=pglite npx tsx bench/plan-checkins.ts
 *   BENCH_PARTICIPANTS=20000 npx tsx bench/plan-checkins.ts
 *
 * How: one INSERT … SELECT generate_series seeds N active, opted-in participants across
 * several zones (both hemispheres) with varied daily and nightly times. The clock is
 * frozen at one instant so both runs compute identical delays. "raw" first reads the
 * same participants and computes the same jobs with the same domain function
 * (planCheckins) and the same job shape as planAll's dueJob (name, data, jobId, delay,
 * attempts, backoff, the queue's default options) — untimed — then times only the
 * addBulk calls, one per 1,000 participants as planAll pages. "planAll" is the real
 * service end to end (DB paging, planning, existing-check-in lookup, addBulk). Each writes
 * to its own fresh queue prefix; a small warm-up addBulk precedes both. Afterwards the
 * queues are compared (job count, a sample of ids with data and delay) and obliterated.
 */
import { randomBytes } from "node:crypto";
import { Queue, type JobsOptions } from "bullmq";
import { planCheckins } from "../src/domain/checkin-plan";
import { jobId, KEEP_JOBS, QUEUE, type CheckinDuePayload } from "../src/queues";
import { planAll } from "../src/services/checkins";
import { storeFor } from "../src/store";
import type { Participant } from "../src/domain/model";
import type { DbKind } from "../test/support/db";
import { createHarness } from "../test/support/harness";
import { deletePrefix, fmt, heading, seedParticipants, verdict, type BenchResult } from "./lib";

const PARTICIPANTS = Number(process.env.BENCH_PARTICIPANTS ?? 100_000);
const PAGE = 1000; // planAll's default page size
const TARGET_SECONDS = 30;
const TARGET_RATIO = 0.5;
const ZONES = [
  "America/New_York",
  "America/Chicago",
  "America/Denver",
  "America/Los_Angeles",
  "America/Puerto_Rico",
  "Pacific/Honolulu",
  "Europe/Madrid",
  "Australia/Sydney",
];
const DAILY = ["08:30", "09:00", "09:15", "10:00", "11:45", "12:30", "17:00"];
const NIGHTLY = ["20:00", "21:30", "22:15", "23:00"];

type BulkJob = { name: string; data: CheckinDuePayload; opts: JobsOptions };

/** Mirror of planAll's dueJob (not exported): same name, data, id, delay and retry options. */
function sameJob(p: ReturnType<typeof planCheckins>[number], now: Date): BulkJob {
  return {
    name: "due",
    data: { participantId: p.participantId, kind: p.kind, localDate: p.localDate, dueAt: p.dueAt.toISOString() },
    opts: {
      jobId: jobId.checkinDue(p),
      delay: Math.max(0, p.dueAt.getTime() - now.getTime()),
      attempts: 5,
      backoff: { type: "exponential", delay: 2000 },
    },
  };
}

export async function run(): Promise<BenchResult> {
  const kind = (process.env.BENCH_DB ?? "postgres") as DbKind;
  const now = new Date();
  const h = await createHarness({ db: kind, sms: "sandbox", clock: { now: () => now }, env: { LOG_LEVEL: "warn" } });
  const connection = h.redis;
  const rawPrefix = `blbench_raw_${randomBytes(4).toString("hex")}`;
  const warmPrefix = `blbench_warm_${randomBytes(4).toString("hex")}`;
  const rawQueue = new Queue(QUEUE.checkins, { connection, prefix: rawPrefix, defaultJobOptions: { ...KEEP_JOBS } });
  const warmQueue = new Queue(QUEUE.checkins, { connection, prefix: warmPrefix, defaultJobOptions: { ...KEEP_JOBS } });
  heading("plan-checkins", [
    `${PARTICIPANTS} opted-in participants, ${ZONES.length} zones, ${DAILY.length} daily and ${NIGHTLY.length} nightly times,`,
    `PLAN_HORIZON_DAYS=${h.deps.config.PLAN_HORIZON_DAYS}, clock frozen at ${now.toISOString()}, DB ${kind}, real Redis.`,
    `raw = BullMQ addBulk of the identical jobs (precomputed, untimed), one call per ${PAGE} participants; planAll = the real service.`,
  ]);
  try {
    let t = performance.now();
    await seedParticipants(h.db, {
      count: PARTICIPANTS,
      zones: ZONES,
      dailyTimes: DAILY,
      nightlyTimes: NIGHTLY,
      consentChangedAt: new Date(now.getTime() - 30 * 86400_000),
    });
    await h.db.query("analyze participants");
    console.log(`  seeded ${PARTICIPANTS} participants in ${fmt((performance.now() - t) / 1000)} s (bulk SQL)`);

    // Same jobs, computed outside the timed region, grouped as planAll pages them.
    t = performance.now();
    const store = storeFor(h.db);
    const chunks: BulkJob[][] = [];
    let afterId: string | null = null;
    for (let i = 0; i < PARTICIPANTS / PAGE + 2; i++) {
      const page: Participant[] = await store.participants.listSchedulable(afterId, PAGE);
      if (page.length === 0) break;
      afterId = page[page.length - 1]!.id;
      chunks.push(page.flatMap((p) => planCheckins(p, now, h.deps.config.PLAN_HORIZON_DAYS)).map((p) => sameJob(p, now)));
    }
    const rawJobs = chunks.reduce((n, c) => n + c.length, 0);
    console.log(`  computed ${rawJobs} jobs for raw in ${fmt((performance.now() - t) / 1000)} s (untimed)`);

    // Warm-up: JIT and Lua script loading for addBulk, on a throwaway prefix.
    await warmQueue.addBulk(chunks[0]!.map((j) => ({ ...j, opts: { ...j.opts, jobId: `warm|${j.opts.jobId}` } })));
    await warmQueue.obliterate({ force: true });

    t = performance.now();
    for (const chunk of chunks) await rawQueue.addBulk(chunk);
    const rawSeconds = (performance.now() - t) / 1000;
    console.log(`  raw addBulk: ${rawJobs} jobs in ${fmt(rawSeconds)} s (${fmt(rawJobs / rawSeconds, 0)} jobs/s)`);

    t = performance.now();
    const planned = await planAll(h.deps);
    const planSeconds = (performance.now() - t) / 1000;
    console.log(
      `  planAll: ${planned.participants} participants, ${planned.jobs} jobs in ${fmt(planSeconds)} s (${fmt(planned.jobs / planSeconds, 0)} jobs/s)`,
    );

    // Same work? Counts, and a sample of ids with their data and delay.
    const [rawCount, planCount] = await Promise.all([rawQueue.getDelayedCount(), h.deps.queues.checkins.getDelayedCount()]);
    let mismatches = 0;
    for (const chunk of [chunks[0]!, chunks[chunks.length - 1]!]) {
      for (const j of chunk.slice(0, 20)) {
        const [a, b] = await Promise.all([rawQueue.getJob(j.opts.jobId!), h.deps.queues.checkins.getJob(j.opts.jobId!)]);
        if (!a || !b || JSON.stringify(a.data) !== JSON.stringify(b.data) || a.delay !== b.delay) mismatches++;
      }
    }
    console.log(`  check: delayed jobs raw ${rawCount}, planAll ${planCount}; sampled 40 ids, ${mismatches} differ`);
    if (rawCount !== planCount || planned.jobs !== rawJobs || mismatches) console.log("  WARNING: the two runs did not add the same jobs");

    const ratio = rawSeconds / planSeconds;
    const okTime = planSeconds <= TARGET_SECONDS;
    const okRatio = ratio >= TARGET_RATIO;
    const summary = [
      `planAll (${kind}, ${PARTICIPANTS} participants, ${planned.jobs} jobs): ${fmt(planSeconds)} s (target <= ${TARGET_SECONDS} s): ${verdict(okTime)}`,
      `raw addBulk ${fmt(rawSeconds)} s; ratio raw/planAll ${fmt(ratio, 3)} (target >= ${TARGET_RATIO}): ${verdict(okRatio)}`,
    ];
    for (const s of summary) console.log(`  ${s}`);
    return { name: "plan-checkins", summary, met: okTime && okRatio };
  } finally {
    const t = performance.now();
    await rawQueue.obliterate({ force: true }).catch(() => undefined);
    await Promise.all([rawQueue.close(), warmQueue.close()]);
    const stray = (await deletePrefix(h.redis, rawPrefix)) + (await deletePrefix(h.redis, warmPrefix));
    const servicePrefix = h.deps.config.QUEUE_PREFIX;
    await h.close(); // obliterates the service's queues, drops the schema
    console.log(`  cleanup: obliterated ${rawPrefix} and ${servicePrefix} in ${fmt((performance.now() - t) / 1000)} s (${stray} stray keys removed)`);
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
