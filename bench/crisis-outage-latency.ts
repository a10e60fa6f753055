/**
 * Safety-reply latency of the crisis webhook with the store up, with Postgres down and with
 * Redis down (issue 10 §3: the safety TwiML within 1 s whatever fails).
 *
 *   npx tsx bench/crisis-outage-latency.ts          # BENCH_CRISIS=100 texts per phase
 *
 * What: latency = from just before a signed POST /twilio/sms leaves the load generator to
 * the complete TwiML answer in it (the time Twilio waits for the reply), for crisis texts
 * from distinct unknown numbers.
 *
 * How: the service runs in this process as `npm start` runs it (HTTP via @hono/node-server
 * on 127.0.0.1, BullMQ workers in-process, real twilio SDK against the loopback fake) on
 * its own Postgres (initdb + pg_ctl on a free port, as the postgres user when root) and
 * its own redis-server (free port, no persistence). The load generator is a separate
 * process (this file forked with --generator), so its timings do not share the service's
 * event loop. Texts are sent one at a time, 50 ms apart. Phases: warm-up (20, not
 * counted) → store up → Postgres down (immediate shutdown) → Postgres back (journal
 * replay counted) → Redis down (SIGKILL) → Redis back. Every answer must be 200 with
 * 988 in its <Message>; the bench fails otherwise.
 */
import { fork } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import twilio from "twilio";
import { fmt, machineLine, percentile, type BenchResult, verdict } from "./lib";
import { buildContainer } from "../src/app/container";

const N = Number(process.env.BENCH_CRISIS ?? 100);
const SPACING_MS = 50;
const TARGET_MS = 1000;
const TWILIO_AUTH_TOKEN = "bench-twilio-auth-token";
const PUBLIC_URL = "https://buddyline.example.org";
const PROGRAM_NUMBER = "+15550001111";
const ACCOUNT_SID = "AC00000000000000000000000000000000";
const ADMIN_TOKEN = "bench-admin-token-0123456789";
const BODIES = ["i took all my pills", "I want to kill myself tonight", "no quiero vivir", "i just took all my pills and im scared"];

interface Job {
  url: string;
  n: number;
  phoneBase: number;
}
interface Sample {
  ms: number;
  ok: boolean;
}

// ---------------------------------------------------------------- the load generator (own process)
async function generator() {
  process.on("message", async (job: Job) => {
    const samples: Sample[] = [];
    for (let i = 0; i < job.n; i++) {
      const params = {
        MessageSid: `SM${randomBytes(16).toString("hex")}`,
        AccountSid: ACCOUNT_SID,
        From: `+1555${String(job.phoneBase + i).padStart(7, "0")}`,
        To: PROGRAM_NUMBER,
        Body: BODIES[i % BODIES.length]!,
        NumMedia: "0",
      };
      const signature = twilio.getExpectedTwilioSignature(TWILIO_AUTH_TOKEN, `${PUBLIC_URL}/twilio/sms`, params);
      const started = performance.now();
      const res = await fetch(`${job.url}/twilio/sms`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signature },
        body: new URLSearchParams(params).toString(),
      });
      const text = await res.text();
      samples.push({ ms: performance.now() - started, ok: res.status === 200 && /<Message>[^<]*988/.test(text) });
      await new Promise((r) => setTimeout(r, SPACING_MS));
    }
    process.send!(samples);
  });
}

// ---------------------------------------------------------------- the service (this process)
export async function run(): Promise<BenchResult> {
  const { Redis } = await import("ioredis");
  const { serve } = await import("@hono/node-server");
  const { createSandboxNotifications } = await import("../src/ports/notify");
  const { createTwilioSms } = await import("../src/adapters/twilio/sms");
  const { parseConfig } = await import("../src/app/config");
  const { loadCadence } = await import("../src/content/appointments-config");
  const { loadFlows } = await import("../src/content/catalog");
  const { buildApp } = await import("../src/app/web");
  const { replayJournal, settleDirectPages, stopReplay } = await import("../src/features/inbound/journal/replay");
  const { responderCacheFor } = await import("../src/features/inbound/journal/responder-cache");
  const { createLogger } = await import("../src/ports/log");
  const { createQueues } = await import("../src/jobs/queues");
  const { settleStorePages } = await import("../src/features/inbound/accept-inbound");
  const { sweepOrphans } = await import("../src/features/housekeeping/sweep");
  const { migrate, openDb, storeFor } = await import("../src/adapters/postgres");
  const { startWorkers } = await import("../src/jobs/processors");
  const { startFakeTwilio } = await import("../test/support/fake-twilio");
  const { startPrivatePostgres, startPrivateRedis } = await import("../test/outage/services");

  process.stderr.write("[crisis-outage-latency] starting private Postgres and Redis\n");
  const pg = await startPrivatePostgres();
  const redisServer = await startPrivateRedis();
  const fakeTwilio = await startFakeTwilio();
  const dataDir = mkdtempSync(join(tmpdir(), "bench-journal-"));
  const prefix = `bench_${randomBytes(4).toString("hex")}`;
  const config = parseConfig({
    ADMIN_TOKEN,
    PUBLIC_URL,
    QUEUE_PREFIX: prefix,
    REDIS_URL: redisServer.url,
    DATABASE_URL: pg.url,
    DATA_DIR: dataDir,
    SMS_MAX_PER_SECOND: "500",
    LOG_LEVEL: "warn",
    TWILIO_ACCOUNT_SID: ACCOUNT_SID,
    TWILIO_AUTH_TOKEN,
    TWILIO_FROM: PROGRAM_NUMBER,
    TWILIO_API_BASE_URL: fakeTwilio.url,
    HOTLINE_ESCALATE_AFTER_SECONDS: "3600",
    JOURNAL_REPLAY_EVERY_MS: "500",
  });
  const clock = { now: () => new Date() };
  const db = await openDb({ databaseUrl: pg.url, clock } as Parameters<typeof openDb>[0]);
  await migrate(db);
  const redis = new Redis(redisServer.url, { maxRetriesPerRequest: null, retryStrategy: () => 200 });
  redis.on("error", () => undefined);
  const log = createLogger("warn", () => undefined); // outages log on purpose; keep the output to the numbers
  const { deps } = await buildContainer(config, { db: db, redis: redis, sms: createTwilioSms({ accountSid: ACCOUNT_SID, authToken: TWILIO_AUTH_TOKEN, from: PROGRAM_NUMBER, apiBaseUrl: fakeTwilio.url, timeoutMs: 5000 }), clock: clock, log: log });
  const workers = startWorkers(deps, redis);
  const app = buildApp(deps);
  const { server, port } = await new Promise<{ server: ReturnType<typeof serve>; port: number }>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) => resolve({ server: s, port: info.port }));
  });
  const url = `http://127.0.0.1:${port}`;
  for (const [i, phone] of ["+15555551001", "+15555551002"].entries()) {
    const res = await app.request("/api/hotline/responders", {
      method: "POST",
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({
        name: `Vol ${i}`,
        phone,
        tier: "primary",
        timeZone: "America/New_York",
        shifts: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: "00:00", end: "00:00" })),
      }),
    });
    if (res.status !== 201) throw new Error(`responder: ${res.status}`);
  }
  await responderCacheFor(deps).readNow();

  const gen = fork(new URL(import.meta.url).pathname, ["--generator"], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  let phoneBase = 1_000_000;
  const send = (n: number) =>
    new Promise<Sample[]>((resolve) => {
      gen.once("message", (m) => resolve(m as Sample[]));
      gen.send({ url, n, phoneBase } satisfies Job);
      phoneBase += n;
    });

  const progress = (msg: string) => process.stderr.write(`[crisis-outage-latency] ${msg}\n`);
  const rows: { phase: string; samples: Sample[]; note: string }[] = [];
  try {
    progress("warm-up");
    await send(20);
    progress("store up");
    rows.push({ phase: "store up", samples: await send(N), note: "" });

    progress("Postgres down");
    await pg.kill();
    const pgDown = await send(N);
    await settleDirectPages(deps);
    await pg.start();
    const casesBefore = N + 20;
    let replayed = 0;
    for (let i = 0; i < 60; i++) {
      const r = await replayJournal(deps).catch(() => ({ remaining: 1 }));
      if (r.remaining === 0) break;
      await new Promise((res) => setTimeout(res, 500));
    }
    replayed = (await storeFor(db).cases.list({ limit: 10_000 })).length - casesBefore;
    rows.push({ phase: "Postgres down", samples: pgDown, note: `${replayed}/${N} cases opened from the journal after restart` });

    progress("Redis down");
    await redisServer.kill();
    const redisDown = await send(N);
    await settleStorePages();
    await redisServer.start();
    // What the worker role's empty-Redis check does once it notices: put back what the
    // queues lost. Then every case should have paged both responders exactly once.
    const expected = 2 * (20 + 3 * N);
    for (let i = 0; i < 40; i++) {
      await sweepOrphans(deps, { orphanAfterMs: 0 }).catch(() => undefined);
      if (fakeTwilio.sent.length >= expected) break;
      await new Promise((res) => setTimeout(res, 500));
    }
    const distinct = new Set(fakeTwilio.sent.map((m) => `${m.to} ${m.body}`)).size;
    rows.push({
      phase: "Redis down",
      samples: redisDown,
      note: `pages in all phases: ${fakeTwilio.sent.length} of ${expected} expected, ${fakeTwilio.sent.length - distinct} sent twice`,
    });
  } finally {
    gen.kill();
    stopReplay(deps);
    // Workers whose Redis was just restarted can take long to close; the process exits anyway.
    await Promise.race([workers.close().catch(() => undefined), new Promise((r) => setTimeout(r, 5000).unref())]);
    await deps.queues.close().catch(() => undefined);
    redis.disconnect();
    await new Promise((r) => server.close(() => r(undefined)));
    await db.close().catch(() => undefined);
    await fakeTwilio.close();
    await redisServer.stop();
    await pg.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }

  console.log(`\n=== crisis safety reply latency under outages (${N} texts per phase, one at a time, ${SPACING_MS} ms apart) ===`);
  const summary: string[] = [];
  let met = true;
  for (const { phase, samples, note } of rows) {
    const ms = samples.map((s) => s.ms);
    const bad = samples.filter((s) => !s.ok).length;
    const p99 = percentile(ms, 99);
    const ok = bad === 0 && p99 <= TARGET_MS;
    met &&= ok;
    const line = `${phase.padEnd(14)} p50 ${fmt(percentile(ms, 50), 1)} ms  p99 ${fmt(p99, 1)} ms  max ${fmt(Math.max(...ms), 1)} ms  without safety reply: ${bad}  (target p99 <= ${TARGET_MS} ms): ${verdict(ok)}${note ? `  — ${note}` : ""}`;
    console.log(`  ${line}`);
    summary.push(line);
  }
  console.log(`  ${machineLine()}`);
  return { name: "crisis-outage-latency", summary, met };
}

if (process.argv.includes("--generator")) {
  void generator();
} else if (process.argv[1]?.endsWith("crisis-outage-latency.ts")) {
  run().then(
    (r) => process.exit(r.met ? 0 : 1),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
