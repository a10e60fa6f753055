/**
 * Voice hotline latency (issue 11; targets: incoming-call webhook → TwiML p99 ≤ 100 ms and
 * → first volunteer leg requested p99 ≤ 500 ms, at 50 concurrent calls + 200 texts/s).
 *
 *   npx tsx bench/voice-latency.ts
 *   BENCH_ROUNDS=3 BENCH_CALLS=50 BENCH_BG_RATE=200 npx tsx bench/voice-latency.ts
 *
 * - This process = the service, built like test/support/harness and `npm start --role all`:
 *   Postgres (own schema, pg pool), real Redis (own prefix), the real twilio SDK (SMS and
 *   the Calls API) pointed at the fake Twilio, buildApp served by @hono/node-server, the
 *   real BullMQ workers in-process. Logger at "warn".
 * - A child process (this file with --outside) = the outside world: the project's fake
 *   Twilio (stamping each Calls API request with Date.now() as it arrives), the background
 *   generator (open loop: signed routine texts from 200 enrolled numbers at BG_RATE/s) and
 *   the caller (BENCH_CALLS signed incoming-call webhooks sent at once from distinct
 *   unknown numbers, per round). Send, answer and leg-arrival instants are all stamped
 *   there, on one clock, so the service's event loop can hide neither end.
 * - Each call's first leg is the earliest Calls.create whose whisper URL names the call id
 *   the TwiML answer carried. 2 primaries on 24-hour shifts: 2 legs per call.
 * - Phases: warm-up (5 calls) → baseline rounds without background → loaded rounds (after
 *   2 s of background). Machine load is printed with the result (the box is shared).
 */
import { fork, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { buildContainer } from "../src/app/container";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CALLS = Number(process.env.BENCH_CALLS ?? 50);
const BG_RATE = Number(process.env.BENCH_BG_RATE ?? 200);
const PARTICIPANTS = 200;
const MAX_INFLIGHT = 2000;
const LEAD_MS = 2000;
const ROUND_GAP_MS = 1500;
const LEG_WAIT_MS = 15_000;
const TARGET_TWIML_P99 = 100;
const TARGET_LEG_P99 = 500;
const TWILIO_AUTH_TOKEN = "test-twilio-auth-token";
const PROGRAM_NUMBER = "+15550001111";
const PUBLIC_URL = "https://buddyline.example.org";
const ACCOUNT_SID = "AC00000000000000000000000000000000";
const RESPONDER_PHONES = ["+15555561001", "+15555561002"];

interface CallSample {
  sentAt: number;
  answeredAt: number;
  status: number;
  callId: string | null;
  firstLegAt: number | null;
}
interface RoundResult {
  calls: CallSample[];
  bg: { issued: number; ok: number; errors: number; non2xx: number; skipped: number; achievedRps: number; p99Ms: number } | null;
}
type ToChild = { cmd: "round"; appPort: number; calls: number; background: { rate: number; senders: string[] } | null; phonePrefix: number } | { cmd: "stop" };
type FromChild = { type: "ready"; url: string } | { type: "round"; result: RoundResult };

// ---------------------------------------------------------------- outside world (child process)

async function outside(): Promise<void> {
  const { startFakeTwilio } = await import("../test/support/fake-twilio");
  const twilio = (await import("twilio")).default;
  const fake = await startFakeTwilio();
  const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
  const send = (msg: FromChild) => process.send!(msg);

  const post = (appPort: number, path: string, params: Record<string, string>) => {
    const signature = twilio.getExpectedTwilioSignature(TWILIO_AUTH_TOKEN, PUBLIC_URL + path, params);
    const payload = new URLSearchParams(params).toString();
    const sentAt = Date.now();
    return new Promise<{ sentAt: number; answeredAt: number; status: number; text: string }>((resolve) => {
      const req = http.request(
        {
          agent,
          host: "127.0.0.1",
          port: appPort,
          method: "POST",
          path,
          headers: { "content-type": "application/x-www-form-urlencoded", "content-length": Buffer.byteLength(payload), "x-twilio-signature": signature },
        },
        (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (c: string) => (text += c));
          res.on("end", () => resolve({ sentAt, answeredAt: Date.now(), status: res.statusCode ?? 0, text }));
        },
      );
      req.setTimeout(30_000, () => req.destroy(new Error("timeout")));
      req.on("error", () => resolve({ sentAt, answeredAt: Date.now(), status: -1, text: "" }));
      req.end(payload);
    });
  };

  async function round(c: Extract<ToChild, { cmd: "round" }>): Promise<RoundResult> {
    let stop = false;
    const bg = { issued: 0, ok: 0, errors: 0, non2xx: 0, skipped: 0, inflight: 0, lat: [] as number[] };
    let bgStart = 0;
    let bgEnd = 0;
    const bgDone = c.background
      ? new Promise<void>((resolve) => {
          const { rate, senders } = c.background!;
          bgStart = performance.now();
          let n = 0;
          const tick = () => {
            const now = performance.now();
            if (stop) {
              bgEnd = now;
              const wait = () => (bg.inflight === 0 ? resolve() : setTimeout(wait, 10));
              return wait();
            }
            const due = Math.floor(((now - bgStart) / 1000) * rate);
            while (n < due) {
              const i = n++;
              if (bg.inflight >= MAX_INFLIGHT) {
                bg.skipped++;
                continue;
              }
              bg.issued++;
              bg.inflight++;
              const sid = `SM${randomBytes(16).toString("hex")}`;
              void post(c.appPort, "/twilio/sms", { MessageSid: sid, AccountSid: ACCOUNT_SID, From: senders[i % senders.length]!, To: PROGRAM_NUMBER, Body: ["4", "good", "at work"][i % 3]!, NumMedia: "0" }).then((r) => {
                bg.inflight--;
                bg.lat.push(r.answeredAt - r.sentAt);
                if (r.status === -1) bg.errors++;
                else if (r.status >= 200 && r.status < 300) bg.ok++;
                else bg.non2xx++;
              });
            }
            setTimeout(tick, 5);
          };
          tick();
        })
      : Promise.resolve();
    if (c.background) await new Promise((r) => setTimeout(r, LEAD_MS));
    const legsBefore = fake.calls.length;
    const samples = await Promise.all(
      Array.from({ length: c.calls }, (_, i) => {
        const from = `+1555${String(c.phonePrefix * 1000 + i).padStart(7, "0")}`;
        const callSid = `CA${randomBytes(16).toString("hex")}`;
        return post(c.appPort, "/twilio/voice", { CallSid: callSid, AccountSid: ACCOUNT_SID, From: from, To: PROGRAM_NUMBER, CallStatus: "ringing", Direction: "inbound" }).then(
          (r): CallSample => ({ sentAt: r.sentAt, answeredAt: r.answeredAt, status: r.status, callId: r.text.match(/call=([0-9a-f-]{36})/)?.[1] ?? null, firstLegAt: null }),
        );
      }),
    );
    const deadline = Date.now() + LEG_WAIT_MS;
    const expected = samples.filter((s) => s.callId).length * RESPONDER_PHONES.length;
    while (fake.calls.length - legsBefore < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    for (const s of samples) {
      const legs = fake.calls.slice(legsBefore).filter((l) => s.callId && l.url.includes(`call=${s.callId}`));
      s.firstLegAt = legs.length ? Math.min(...legs.map((l) => l.at)) : null;
    }
    stop = true;
    await bgDone;
    const lat = bg.lat.sort((a, b) => a - b);
    return {
      calls: samples,
      bg: c.background
        ? {
            issued: bg.issued,
            ok: bg.ok,
            errors: bg.errors,
            non2xx: bg.non2xx,
            skipped: bg.skipped,
            achievedRps: bg.issued / ((bgEnd - bgStart) / 1000),
            p99Ms: lat[Math.max(0, Math.ceil(0.99 * lat.length) - 1)] ?? NaN,
          }
        : null,
    };
  }

  process.on("message", async (m: ToChild) => {
    if (m.cmd === "stop") {
      agent.destroy();
      await fake.close();
      process.exit(0);
    }
    send({ type: "round", result: await round(m) });
  });
  send({ type: "ready", url: fake.url });
}

// ---------------------------------------------------------------- the service (this process)

async function main(): Promise<void> {
  const { Redis } = await import("ioredis");
  const { serve } = await import("@hono/node-server");
  const { createSandboxNotifications } = await import("../src/ports/notify");
  const { createTwilioSms } = await import("../src/adapters/twilio/sms");
  const { parseConfig } = await import("../src/app/config");
  const { loadFlows } = await import("../src/content/catalog");
  const { loadCadence } = await import("../src/content/appointments-config");
  const { buildApp } = await import("../src/app/web");
  const { createLogger } = await import("../src/ports/log");
  const { createQueues } = await import("../src/jobs/queues");
  const { storeFor } = await import("../src/adapters/postgres");
  const { voiceIdle } = await import("../src/features/voice/voice");
  const { startWorkers } = await import("../src/jobs/processors");
  const { openTestDb } = await import("../test/support/db");
  const { REDIS_URL } = await import("../test/support/env");
  const { deletePrefix, fmt, heading, machineLine, percentile, seedParticipants, sleep, verdict } = await import("./lib");
  type Deps = import("../src/ports/deps").Deps;

  const child: ChildProcess = fork(fileURLToPath(import.meta.url), ["--outside"], { execArgv: process.execArgv, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const inbox: FromChild[] = [];
  const waiters: (() => void)[] = [];
  child.on("message", (m: FromChild) => {
    inbox.push(m);
    waiters.splice(0).forEach((w) => w());
  });
  const next = async <T extends FromChild["type"]>(type: T): Promise<Extract<FromChild, { type: T }>> => {
    for (;;) {
      const i = inbox.findIndex((m) => m.type === type);
      if (i >= 0) return inbox.splice(i, 1)[0] as Extract<FromChild, { type: T }>;
      await new Promise<void>((r) => waiters.push(r));
    }
  };
  const { url: fakeUrl } = await next("ready");

  const prefix = `blbench_${randomBytes(5).toString("hex")}`;
  const config = parseConfig({
    PUBLIC_URL,
    QUEUE_PREFIX: prefix,
    REDIS_URL,
    SMS_MAX_PER_SECOND: "500",
    LOG_LEVEL: "warn",
    HOTLINE_ESCALATE_AFTER_SECONDS: "3600",
    HOTLINE_REPEAT_EVERY_SECONDS: "3600",
    TWILIO_ACCOUNT_SID: ACCOUNT_SID,
    TWILIO_AUTH_TOKEN,
    TWILIO_FROM: PROGRAM_NUMBER,
    TWILIO_API_BASE_URL: fakeUrl,
  });
  const warnings = new Map<string, number>();
  const log = createLogger("warn", (line) => {
    const { level, msg } = JSON.parse(line) as { level: string; msg: string };
    warnings.set(`${level}: ${msg}`, (warnings.get(`${level}: ${msg}`) ?? 0) + 1);
  });
  const db = await openTestDb("postgres");
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const { deps } = await buildContainer(config, { db: db, redis: redis, sms: createTwilioSms({ accountSid: ACCOUNT_SID, authToken: TWILIO_AUTH_TOKEN, from: PROGRAM_NUMBER, apiBaseUrl: fakeUrl, timeoutMs: 2000 }), clock: { now: () => new Date() }, log: log });
  const app = buildApp(deps);
  const { server, port } = await new Promise<{ server: ReturnType<typeof serve>; port: number }>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) => resolve({ server: s, port: info.port }));
  });
  const workers = startWorkers(deps, redis);
  const watchdog = setTimeout(() => {
    console.error("watchdog: bench exceeded 10 min; exiting");
    process.exit(3);
  }, 600_000);
  watchdog.unref();

  try {
    heading("voice-latency", [
      `incoming-call webhook → TwiML, and → first volunteer leg at the fake Twilio's Calls API; ${ROUNDS} rounds of ${CALLS} calls sent at once,`,
      `baseline without background, then with ${BG_RATE} routine texts/s from ${PARTICIPANTS} enrolled numbers. 2 primaries on 24-hour shifts.`,
      "Postgres (own schema), real Redis, @hono/node-server, workers in-process; fake Twilio + load generator + callers in a child process.",
    ]);
    await seedParticipants(db, { count: PARTICIPANTS, zones: ["America/New_York", "America/Chicago"], dailyTimes: ["10:00"], nightlyTimes: [], consentChangedAt: new Date(Date.now() - 86400_000) });
    const senders = (await db.query<{ phone: string }>("select phone from participants order by phone")).rows.map((r) => r.phone);
    const always = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday: weekday as 1, start: "00:00", end: "00:00" }));
    const store = storeFor(db);
    for (const [i, phone] of RESPONDER_PHONES.entries()) {
      await store.responders.create({ name: `Vol ${i + 1}`, phone, language: "en", timeZone: "America/New_York", shifts: always, tier: "primary", pageChannel: "sms", slackUserId: null, active: true });
    }

    let prefixSeq = 100;
    const runRound = async (calls: number, background: boolean): Promise<RoundResult> => {
      child.send({ cmd: "round", appPort: port, calls, background: background ? { rate: BG_RATE, senders } : null, phonePrefix: prefixSeq++ } satisfies ToChild);
      const { result } = await next("round");
      await voiceIdle(deps);
      await sleep(ROUND_GAP_MS);
      return result;
    };
    await runRound(5, false); // warm-up

    const summarise = (label: string, rounds: RoundResult[]) => {
      const calls = rounds.flatMap((r) => r.calls);
      const twiml = calls.filter((c) => c.status === 200).map((c) => c.answeredAt - c.sentAt);
      const legs = calls.filter((c) => c.firstLegAt !== null).map((c) => c.firstLegAt! - c.sentAt);
      console.log(`\n  ${label}: ${calls.length} calls, ${twiml.length} answered 200, ${legs.length} with a leg requested`);
      console.log(`    webhook → TwiML      p50 ${fmt(percentile(twiml, 50), 1)} ms  p99 ${fmt(percentile(twiml, 99), 1)} ms  max ${fmt(Math.max(...twiml), 1)} ms`);
      console.log(`    webhook → first leg  p50 ${fmt(percentile(legs, 50), 1)} ms  p99 ${fmt(percentile(legs, 99), 1)} ms  max ${fmt(Math.max(...legs), 1)} ms`);
      for (const r of rounds) {
        if (r.bg) console.log(`    background: ${fmt(r.bg.achievedRps, 1)} req/s issued, ${r.bg.ok} ok, ${r.bg.non2xx} non-2xx, ${r.bg.errors} errors, ${r.bg.skipped} skipped, p99 ${fmt(r.bg.p99Ms, 1)} ms`);
      }
      console.log(`    ${machineLine()}`);
      return { twimlP99: percentile(twiml, 99), legP99: percentile(legs, 99), complete: twiml.length === calls.length && legs.length === calls.length };
    };

    const baseline: RoundResult[] = [];
    for (let i = 0; i < ROUNDS; i++) baseline.push(await runRound(CALLS, false));
    const b = summarise("baseline (no background)", baseline);
    const loaded: RoundResult[] = [];
    for (let i = 0; i < ROUNDS; i++) loaded.push(await runRound(CALLS, true));
    const l = summarise(`loaded (${BG_RATE} texts/s)`, loaded);
    const rows = await db.query<{ calls: string; legs: string }>("select (select count(*) from voice_calls)::text as calls, (select count(*) from voice_legs)::text as legs");
    console.log(`\n  stored: ${rows.rows[0]!.calls} calls, ${rows.rows[0]!.legs} legs`);
    for (const [k, n] of warnings) console.log(`  log ${k} ×${n}`);
    const metT = l.twimlP99 <= TARGET_TWIML_P99 && l.complete;
    const metL = l.legP99 <= TARGET_LEG_P99 && l.complete;
    console.log(`\n  TwiML p99 loaded ${fmt(l.twimlP99, 1)} ms (target ≤ ${TARGET_TWIML_P99}): ${verdict(metT)} · baseline ${fmt(b.twimlP99, 1)} ms`);
    console.log(`  first leg p99 loaded ${fmt(l.legP99, 1)} ms (target ≤ ${TARGET_LEG_P99}): ${verdict(metL)} · baseline ${fmt(b.legP99, 1)} ms`);
  } finally {
    child.send({ cmd: "stop" } satisfies ToChild);
    await workers.close();
    await voiceIdle(deps);
    server.close();
    for (const q of Object.values(deps.queues)) {
      if (typeof q === "object" && "obliterate" in q) await q.obliterate({ force: true }).catch(() => undefined);
    }
    await deps.queues.close();
    await deletePrefix(redis, prefix);
    await redis.quit();
    await db.drop();
  }
}

if (process.argv.includes("--outside")) void outside();
else
  main().then(
    () => process.exit(0),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
