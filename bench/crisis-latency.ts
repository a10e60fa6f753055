/**
 * Crisis → first page latency under routine background load, against the BUILT service
 * run as its own process, as `npm start` runs it (issue 13; target: p99 <= 250 ms with 200
 * routine texts/s in the background, one process, role all).
 *
 *   npx tsx bench/crisis-latency.ts                      # default store: embedded PGlite (file-backed)
 *   BENCH_DB=postgres npx tsx bench/crisis-latency.ts    # a fresh Postgres database
 *   BENCH_ROLE=split …   # two processes instead: --role web and --role worker (for comparison)
 *   optional BENCH_CRISIS= (100), BENCH_BG_RATE= (200)
 *
 * What: latency = the instant the fake Twilio received the first volunteer page for a case
 * − the instant its crisis webhook was sent. Both are stamped in THIS process (the outside
 * world: fake Twilio, background generator, crisis sender), which the service's event loop
 * cannot hold up.
 *
 * How:
 * - `npm run build`, then `node dist/main.js` (role all: HTTP + every worker in one process),
 *   on PGlite in a fresh DATA_DIR (the default, file-backed) or a fresh Postgres database;
 *   Redis with its own queue prefix; Twilio = test/support/fake-twilio in this process.
 * - Before the service starts, the store is migrated and seeded here: one peer, 200
 *   opted-in participants (SQL). Then 2 primary responders on 24-hour shifts via the admin
 *   API. SMS_MAX_PER_SECOND=500; HOTLINE_ESCALATE_AFTER_SECONDS=3600 and the hotline
 *   queue's delayed chains are drained between phases, so only first pages exist.
 * - Background: open loop, Twilio-signed texts "4" / "good" / "at work" from the enrolled
 *   numbers at BG_RATE/s (issued on schedule whether or not earlier ones answered; over
 *   MAX_INFLIGHT outstanding counted as skipped). Each is stored, processed (a note for the
 *   peer, a once-a-day acknowledgement), like real traffic.
 * - Foreground: imminent crisis texts from distinct unknown numbers, 200–300 ms apart.
 * - Phases: warm-up → unloaded A → loaded → drain → unloaded B; baseline = A ∪ B.
 * - The service process's CPU (from /proc) and event-loop lag (its own /metrics, reset by
 *   each scrape) per phase; stage stamps from the BullMQ jobs (read from Redis before each
 *   drain); after the run the service is stopped and its store read for cases and pages.
 * - Bounded: fixed counts, a tail of 10 s per phase for pages, a cap per phase, a watchdog.
 *   Cleanup: processes stopped, prefix keys deleted, database dropped / folder removed.
 */
import { cpSync, existsSync, rmSync } from "node:fs";
import { randomBytes } from "node:crypto";
import http from "node:http";
import { join } from "node:path";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import twilio from "twilio";
import { migrate, openDb } from "../src/adapters/postgres";
import { screenForCrisis } from "../src/domain/crisis";
import { startFakeTwilio } from "../test/support/fake-twilio";
import { REDIS_URL, TEST_DATABASE_URL } from "../test/support/env";
import { deletePrefix, fmt, heading, machineLine, percentile, seedParticipants, sleep, verdict } from "./lib";
import { benchChildEnv, buildService, cpuSeconds, peakRssMb, privateDatabase, privateDataDir, SERVICE_DIR, startService, type Proc } from "./service-process";

const BG_RATE = Number(process.env.BENCH_BG_RATE ?? 200);
const CRISIS_N = Number(process.env.BENCH_CRISIS ?? 100);
const KIND = process.env.BENCH_DB === "postgres" ? "postgres" : "pglite";
const SPLIT = process.env.BENCH_ROLE === "split";
const PARTICIPANTS = 200;
const MAX_INFLIGHT = 2000;
const LEAD_MS = 2000;
const TAIL_MS = 10_000;
const PHASE_CAP_MS = 120_000;
const WATCHDOG_MS = 10 * 60_000;
const SPACING_MS: [number, number] = [200, 300];
const TARGET_P99_MS = 250;
const RESPONDER_PHONES = ["+15555551001", "+15555551002"];
const ROUTINE_BODIES = ["4", "good", "at work"];
const CRISIS_BODIES = [
  "i took all my pills",
  "I took all my pills",
  "i just took all my pills",
  "i took all my pills and im scared",
  "I took all my pills tonight",
  "i took all my pills i want to die",
];
const TWILIO_AUTH_TOKEN = "bench-twilio-auth-token";
const PROGRAM_NUMBER = "+15550001111";
const PUBLIC_URL = "https://buddyline.example.org";
const ACCOUNT_SID = "AC00000000000000000000000000000000";
const ADMIN_TOKEN = "bench-admin-token-0123456789";

interface CrisisSend {
  phone: string;
  sentAt: number;
  answeredAt: number;
  status: number;
  safetyReply: boolean;
}

interface Stamps {
  /** escalation job by case id: added / started (epoch ms). */
  esc: Map<string, { added: number; started: number | null }>;
  /** sms-urgent job by outbound id. */
  urgent: Map<string, { added: number; started: number | null }>;
}

async function main(): Promise<{ met: boolean; summary: string[] }> {
  for (const b of CRISIS_BODIES) if (screenForCrisis(b).level !== "imminent") throw new Error(`crisis body not screened imminent: ${b}`);
  const watchdog = setTimeout(() => {
    console.error(`watchdog: bench exceeded ${WATCHDOG_MS / 1000} s; exiting`);
    process.exit(3);
  }, WATCHDOG_MS);
  watchdog.unref();

  heading("crisis-latency (built service, own process)", [
    `crisis webhook sent -> first volunteer page at the fake Twilio; ${CRISIS_N} crisis texts under ${BG_RATE} routine texts/s from ${PARTICIPANTS} enrolled numbers;`,
    `baseline ${CRISIS_N} crisis texts with no background (half before, half after). Service: node dist/main.js ${SPLIT ? "--role web + --role worker (2 processes)" : "(role all, one process, as npm start)"},`,
    `store ${KIND === "pglite" ? `embedded PGlite (file-backed DATA_DIR, the default; PGLITE_THREAD=${benchChildEnv().PGLITE_THREAD ?? "on"})` : "Postgres (fresh database)"}, real Redis (own prefix); outside world (fake Twilio, senders) in this process.`,
  ]);
  buildService();
  const fake = await startFakeTwilio();
  const prefix = `h7crisis_${randomBytes(5).toString("hex")}`;
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const dataDir = await privateDataDir();
  const pgDb = KIND === "postgres" ? await privateDatabase(TEST_DATABASE_URL) : null;
  const pgliteDir = join(dataDir.dir, "pglite");
  const openStore = () => openDb(pgDb ? { databaseUrl: pgDb.url, clock: { now: () => new Date() } } : { dataDir: pgliteDir, clock: { now: () => new Date() } });
  const services: Proc[] = [];
  const queues = new Map<string, Queue>();
  const queue = (name: string) => {
    if (!queues.has(name)) queues.set(name, new Queue(name, { connection: redis, prefix }));
    return queues.get(name)!;
  };
  try {
    // -- the store, seeded before the service opens it (PGlite has one owner at a time)
    if (!pgDb) {
      const template = join(SERVICE_DIR, "dist/pglite-template");
      if (existsSync(join(template, "PG_VERSION"))) {
        cpSync(template, pgliteDir, { recursive: true });
        rmSync(join(pgliteDir, ".template-key"), { force: true });
      }
    }
    {
      const db = await openStore();
      await migrate(db);
      await seedParticipants(db, {
        count: PARTICIPANTS,
        zones: ["America/New_York", "America/Chicago", "America/Los_Angeles"],
        dailyTimes: ["10:00"],
        nightlyTimes: [],
        consentChangedAt: new Date(Date.now() - 86400_000),
      });
      const { rows } = await db.query<{ id: string }>("insert into peers (name, time_zone) values ('Rosa Diaz', 'America/New_York') returning id");
      await db.query("update participants set peer_id = $1", [rows[0]!.id]);
      await db.close();
    }
    const env: Record<string, string> = {
      ADMIN_TOKEN,
      METRICS_TOKEN: ADMIN_TOKEN,
      PUBLIC_URL,
      REDIS_URL,
      QUEUE_PREFIX: prefix,
      LOG_LEVEL: "warn",
      SMS_MAX_PER_SECOND: "500",
      HOTLINE_ESCALATE_AFTER_SECONDS: "3600",
      HOTLINE_REPEAT_EVERY_SECONDS: "3600",
      TWILIO_ACCOUNT_SID: ACCOUNT_SID,
      TWILIO_AUTH_TOKEN,
      TWILIO_FROM: PROGRAM_NUMBER,
      TWILIO_API_BASE_URL: fake.url,
      DATA_DIR: dataDir.dir,
      ...(pgDb ? { DATABASE_URL: pgDb.url } : {}),
      ...(process.env.FLOWS_DIR ? { FLOWS_DIR: process.env.FLOWS_DIR } : {}),
    };
    if (SPLIT && !pgDb) throw new Error("BENCH_ROLE=split needs BENCH_DB=postgres (PGlite has one owner)");
    const web = await startService(env, SPLIT ? ["--role", "web"] : []);
    services.push(web);
    if (SPLIT) services.push(await startService(env, ["--role", "worker"]));
    const base = web.url;
    const port = Number(new URL(base).port);

    const adminPost = async (path: string, body: unknown) => {
      const res = await fetch(`${base}/api${path}`, {
        method: "POST",
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      if (res.status !== 201) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
    };
    const always = [1, 2, 3, 4, 5, 6, 7].map((d) => ({ weekday: d, start: "00:00", end: "00:00" }));
    for (const [i, phone] of RESPONDER_PHONES.entries()) {
      await adminPost("/hotline/responders", { name: `Vol ${i + 1}`, phone, tier: "primary", timeZone: "America/New_York", shifts: always });
    }
    const senders = Array.from({ length: PARTICIPANTS }, (_, i) => "+1" + String(2000000000 + 1 + i).padStart(10, "0"));

    // -- the outside world's HTTP client
    const bgAgent = new http.Agent({ keepAlive: true, maxSockets: 256 });
    const crisisAgent = new http.Agent({ keepAlive: true, maxSockets: 16 });
    const post = (agent: http.Agent, from: string, body: string) => {
      const sid = `SM${randomBytes(16).toString("hex")}`;
      const params: Record<string, string> = {
        ToCountry: "US", SmsMessageSid: sid, NumMedia: "0", SmsSid: sid, SmsStatus: "received", Body: body, FromCountry: "US",
        To: PROGRAM_NUMBER, NumSegments: "1", MessageSid: sid, AccountSid: ACCOUNT_SID, From: from, ApiVersion: "2010-04-01",
      };
      const signature = twilio.getExpectedTwilioSignature(TWILIO_AUTH_TOKEN, PUBLIC_URL + "/twilio/sms", params);
      const payload = new URLSearchParams(params).toString();
      const sentAt = Date.now();
      return new Promise<{ sentAt: number; answeredAt: number; status: number; text: string }>((resolve) => {
        const req = http.request(
          {
            agent, host: "127.0.0.1", port, method: "POST", path: "/twilio/sms",
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
    const pagesSince = (t: number) => fake.sent.filter((s) => s.at >= t && RESPONDER_PHONES.includes(s.to)).length;
    const lagMetrics = async () => {
      const text = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } }).then((r) => r.text(), () => "");
      const read = (name: string) => Number(new RegExp(`^buddyline_nodejs_eventloop_lag_${name}_seconds (\\S+)`, "m").exec(text)?.[1] ?? NaN) * 1000;
      return { p99: read("p99"), max: read("max") };
    };

    let phoneSeq = 0;
    const stamps: Stamps = { esc: new Map(), urgent: new Map() };
    const readStamps = async () => {
      for (const j of await queue("hotline").getJobs(["delayed", "waiting", "active", "completed", "failed", "prioritized"])) {
        const d = j.data as { caseId?: string };
        if (j.name === "escalate" && d.caseId && !stamps.esc.has(d.caseId)) stamps.esc.set(d.caseId, { added: j.timestamp, started: j.processedOn ?? null });
      }
      for (const j of await queue("sms-urgent").getJobs(["completed", "waiting", "active", "failed", "delayed", "prioritized"])) {
        const d = j.data as { outboundId?: string };
        if (d.outboundId && !stamps.urgent.has(d.outboundId)) stamps.urgent.set(d.outboundId, { added: j.timestamp, started: j.processedOn ?? null });
      }
    };
    const drain = async (label: string) => {
      const deadline = Date.now() + 90_000;
      for (;;) {
        let busy = 0;
        for (const name of ["inbound", "notify", "sms-routine", "sms-urgent"]) {
          const c = await queue(name).getJobCounts("waiting", "active", "prioritized");
          busy += (c.waiting ?? 0) + (c.active ?? 0) + (c.prioritized ?? 0);
        }
        if (busy === 0) break;
        if (Date.now() > deadline) {
          console.log(`  WARNING: queues not drained after ${label} (${busy} jobs left)`);
          break;
        }
        await sleep(100);
      }
      await queue("hotline").drain(true); // only first pages are measured: stop the sleeping chains
    };

    const runPhase = async (name: string, n: number, background: boolean) => {
      await lagMetrics(); // resets the service's lag histogram
      const cpu0 = services.map((s) => cpuSeconds(s.pid));
      const t0 = Date.now();
      const hardEnd = t0 + PHASE_CAP_MS;
      const bg = { issued: 0, ok: 0, non2xx: 0, errors: 0, skipped: 0, inflight: 0, lat: [] as number[] };
      let stopBg = false;
      let bgStart = 0;
      let bgEnd = 0;
      const bgDone = background
        ? new Promise<void>((resolve) => {
            bgStart = performance.now();
            let scheduled = 0;
            const tick = () => {
              const now = performance.now();
              if (stopBg || Date.now() > hardEnd) {
                bgEnd = now;
                const wait = () => (bg.inflight === 0 || Date.now() > hardEnd + 30_000 ? resolve() : setTimeout(wait, 10));
                return wait();
              }
              const due = Math.floor(((now - bgStart) / 1000) * BG_RATE);
              while (scheduled < due) {
                const i = scheduled++;
                if (bg.inflight >= MAX_INFLIGHT) {
                  bg.skipped++;
                  continue;
                }
                bg.issued++;
                bg.inflight++;
                void post(bgAgent, senders[i % senders.length]!, ROUTINE_BODIES[i % ROUTINE_BODIES.length]!).then((r) => {
                  bg.inflight--;
                  bg.lat.push(r.answeredAt - r.sentAt);
                  if (r.status === -1) bg.errors++;
                  else if (r.status >= 200 && r.status < 300) bg.ok++;
                  else bg.non2xx++;
                });
              }
              setTimeout(tick, 1);
            };
            tick();
          })
        : Promise.resolve();
      if (background) await sleep(LEAD_MS);
      const pagesBase = Date.now();
      const pending: Promise<CrisisSend>[] = [];
      for (let k = 0; k < n && Date.now() < hardEnd; k++) {
        const phone = `+1555${String(7_000_000 + phoneSeq++).padStart(7, "0")}`;
        pending.push(
          post(crisisAgent, phone, CRISIS_BODIES[k % CRISIS_BODIES.length]!).then((r) => ({
            phone,
            sentAt: r.sentAt,
            answeredAt: r.answeredAt,
            status: r.status,
            safetyReply: r.text.includes("988"),
          })),
        );
        await sleep(SPACING_MS[0] + Math.random() * (SPACING_MS[1] - SPACING_MS[0]));
      }
      const crisis = await Promise.all(pending);
      const want = crisis.length * RESPONDER_PHONES.length;
      const tailEnd = Math.min(Date.now() + TAIL_MS, hardEnd);
      while (pagesSince(pagesBase) < want && Date.now() < tailEnd) await sleep(20);
      stopBg = true;
      await bgDone;
      const wall = (Date.now() - t0) / 1000;
      const lag = await lagMetrics();
      const cpu = services.map((s, i) => (cpuSeconds(s.pid) - cpu0[i]!) / wall);
      await readStamps();
      await drain(name);
      const sorted = bg.lat.sort((a, b) => a - b);
      const elapsed = (bgEnd - bgStart) / 1000;
      return {
        name,
        crisis,
        wall,
        lag,
        cpu,
        load: machineLine(),
        bg: background
          ? { ...bg, rate: bg.issued / elapsed, okRate: bg.ok / elapsed, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? NaN }
          : null,
      };
    };

    await runPhase("warm-up", 5, true);
    const half = Math.ceil(CRISIS_N / 2);
    const a = await runPhase("unloaded A", half, false);
    const loaded = await runPhase("loaded", CRISIS_N, true);
    const b = await runPhase("unloaded B", CRISIS_N - half, false);
    const rssMb = services.map((s) => peakRssMb(s.pid));
    bgAgent.destroy();
    crisisAgent.destroy();

    // -- stop the service, then read what it stored
    for (const s of services) await s.stop();
    services.length = 0;
    const db = await openStore();
    const cases = new Map<string, { id: string; shortId: string }>();
    for (const r of (await db.query<{ id: string; short_id: string; from_phone: string }>("select id, short_id, from_phone from hotline_cases")).rows) {
      cases.set(r.from_phone, { id: r.id, shortId: r.short_id });
    }
    const pages = new Map<string, { id: string; priority: string }[]>();
    for (const r of (await db.query<{ id: string; priority: string; idempotency_key: string }>("select id, priority, idempotency_key from outbound_messages where kind = 'hotline_page'")).rows) {
      const caseId = r.idempotency_key.split("|")[1]!;
      pages.set(caseId, [...(pages.get(caseId) ?? []), r]);
    }
    const { rows: inb } = await db.query<{ n: number; unprocessed: number }>("select count(*)::int as n, count(*) filter (where processed_at is null)::int as unprocessed from inbound_messages");
    const { rows: counts } = await db.query<{ kind: string; status: string; n: number }>("select kind, status, count(*)::int as n from outbound_messages group by 1, 2 order by 1, 2");
    await db.close();

    const analyse = (p: Awaited<ReturnType<typeof runPhase>>) =>
      p.crisis.map((c) => {
        const hc = cases.get(c.phone);
        const first = hc
          ? fake.sent.filter((s) => RESPONDER_PHONES.includes(s.to) && s.body.includes(hc.shortId)).reduce<number | null>((m, s) => (m === null || s.at < m ? s.at : m), null)
          : null;
        const esc = hc ? stamps.esc.get(hc.id) : undefined;
        const rows = hc ? (pages.get(hc.id) ?? []) : [];
        const urg = rows.map((r) => stamps.urgent.get(r.id)).filter((x) => !!x);
        return {
          latency: first === null ? null : first - c.sentAt,
          webhook: c.answeredAt - c.sentAt,
          safety: c.safetyReply && c.status === 200,
          escAdded: esc ? esc.added - c.sentAt : null,
          escStarted: esc?.started ? esc.started - c.sentAt : null,
          urgentAdded: urg.length ? Math.min(...urg.map((u) => u.added)) - c.sentAt : null,
          urgentStarted: urg.some((u) => u.started) ? Math.min(...urg.filter((u) => u.started).map((u) => u.started!)) - c.sentAt : null,
          crisisPriority: rows.length === RESPONDER_PHONES.length && rows.every((r) => r.priority === "crisis"),
        };
      });
    type Sample = ReturnType<typeof analyse>[number];
    const stage = (xs: Sample[], f: (s: Sample) => number | null) => {
      const v = xs.map(f).filter((x): x is number => x !== null);
      return v.length ? `p50 ${fmt(percentile(v, 50), 0)} / p99 ${fmt(percentile(v, 99), 0)} (n=${v.length})` : "none";
    };
    const describe = (label: string, xs: Sample[]) => {
      const l = xs.map((s) => s.latency).filter((v): v is number => v !== null);
      console.log(
        `  ${label}: n=${xs.length}, paged ${l.length}${xs.length - l.length ? ` (${xs.length - l.length} NOT PAGED)` : ""}; latency ms p50 ${fmt(percentile(l, 50), 0)}` +
          ` p90 ${fmt(percentile(l, 90), 0)} p99 ${fmt(percentile(l, 99), 0)} max ${fmt(Math.max(...l), 0)}`,
      );
      console.log(
        `    stages (ms after send): webhook answered ${stage(xs, (s) => s.webhook)}; escalation job added ${stage(xs, (s) => s.escAdded)}, started ${stage(xs, (s) => s.escStarted)};` +
          ` sms-urgent job added ${stage(xs, (s) => s.urgentAdded)}, started ${stage(xs, (s) => s.urgentStarted)}; at Twilio ${stage(xs, (s) => s.latency)}`,
      );
      console.log(`    safety TwiML in the webhook answer ${xs.filter((s) => s.safety).length}/${xs.length}; both pages stored with priority crisis ${xs.filter((s) => s.crisisPriority).length}/${xs.length}`);
      return l;
    };
    for (const p of [a, loaded, b]) {
      console.log(
        `  [${p.name}] service CPU ${p.cpu.map((c) => fmt(c)).join(" + ")} cores, event-loop lag p99 ${fmt(p.lag.p99, 0)} ms (max ${fmt(p.lag.max, 0)} ms), phase ${fmt(p.wall, 1)} s; ${p.load}`,
      );
    }
    const bg = loaded.bg!;
    console.log(
      `  background: ${bg.issued} issued = ${fmt(bg.rate, 1)} texts/s, ${fmt(bg.okRate, 1)}/s answered 2xx (${bg.ok} ok, ${bg.non2xx} non-2xx, ${bg.errors} errors, ${bg.skipped} skipped);` +
        ` webhook latency p50 ${fmt(bg.p50, 1)} ms, p99 ${fmt(bg.p99, 1)} ms, max ${fmt(bg.max, 0)} ms`,
    );
    const u = describe("unloaded (A+B)", [...analyse(a), ...analyse(b)]);
    const l = describe("loaded", analyse(loaded));
    console.log(`  stored inbound ${inb[0]!.n} (unprocessed after drain: ${inb[0]!.unprocessed}); outbound by kind/status: ${counts.map((c) => `${c.kind}/${c.status} ${c.n}`).join(", ")}`);
    console.log(`  service peak RSS (VmHWM): ${rssMb.map((m) => `${fmt(m, 0)} MB`).join(" + ")}`);

    const p99 = percentile(l, 99);
    const allPaged = l.length === CRISIS_N && u.length === CRISIS_N;
    const rateOk = bg.rate >= BG_RATE * 0.95 && bg.skipped === 0;
    const met = allPaged && rateOk && p99 <= TARGET_P99_MS;
    const summary = [
      `crisis page latency under ${fmt(bg.rate, 0)} texts/s (${KIND}, ${SPLIT ? "web + worker processes" : "one process, role all"}): p50 ${fmt(percentile(l, 50), 0)} ms, p99 ${fmt(p99, 0)} ms` +
        ` (target p99 <= ${TARGET_P99_MS} ms): ${verdict(met)}`,
      `  unloaded p50 ${fmt(percentile(u, 50), 0)} ms, p99 ${fmt(percentile(u, 99), 0)} ms; loaded/unloaded p99 ${fmt(p99 / percentile(u, 99))}`,
    ];
    if (!rateOk) summary.push(`  WARNING: background rate not achieved (${fmt(bg.rate, 1)}/s, ${bg.skipped} skipped)`);
    if (!allPaged) summary.push("  WARNING: some crisis cases were not paged within the phase");
    return { met, summary };
  } finally {
    clearTimeout(watchdog);
    for (const s of services) await s.stop().catch(() => undefined);
    for (const q of queues.values()) await q.close().catch(() => undefined);
    await deletePrefix(redis, prefix).catch(() => 0);
    await redis.quit().catch(() => redis.disconnect());
    await fake.close();
    await pgDb?.drop().catch((e: unknown) => console.error("drop db", e));
    await dataDir.remove();
  }
}

/** For bench/run-all (not wired in there yet). */
export async function run(): Promise<{ name: string; summary: string[]; met: boolean }> {
  return { name: "crisis-latency", ...(await main()) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  run().then(
    (r) => {
      console.log(r.summary.map((s) => `  ${s}`).join("\n"));
      process.exit(0);
    },
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
