/**
 * Signed `POST /twilio/sms` throughput as a ratio to the DURABLE-ACK FLOOR measured in the
 * same run (issue 13; target ratio >= 0.8 at 10, 50 and 200 connections, and p99 <= 50 ms
 * at 500 texts/s).
 *
 *   npx tsx bench/webhook-throughput.ts                    # PGlite (file-backed) and Postgres
 *   BENCH_DB=postgres npx tsx bench/webhook-throughput.ts
 *   BENCH_ROLE=all …        # the service with its workers in the same process (default: --role web)
 *   BENCH_CONNECTIONS=10,50 BENCH_RUN_MS=3000 BENCH_PAIRS=2 …
 *   BENCH_SERVICE_DIR=/tmp/base …   # another commit's tree (git archive + node_modules link): before/after
 *
 * Three processes besides this one, so nothing shares an event loop:
 * - the service, built (`node scripts/build.mjs`) and run as `node dist/main.js --role web`
 *   (what answers webhooks), on PGlite in a fresh DATA_DIR (file-backed, as users run it) or
 *   on a fresh Postgres database; Redis with its own queue prefix;
 * - the floor, bench/durable-floor.ts: bare @hono/node-server, one INSERT + COMMIT
 *   (synchronous_commit on) on Postgres and one Redis write per request;
 * - the load generator, bench/loadgen.ts (node:http, keep-alive, Twilio-signed, fresh
 *   MessageSid per request).
 * Runs alternate floor, service, floor, service… at each connection count; the ratio is the
 * median of the per-pair ratios (range printed). Each run reports the CPU each process
 * used per request (from /proc). At the end: every 2xx is a stored row, and every stored
 * row is in exactly one queued batch job.
 */
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import pg from "pg";
import { openDb } from "../src/adapters/postgres";
import { REDIS_URL, TEST_DATABASE_URL } from "../test/support/env";
import { deletePrefix, fmt, heading, machineLine, median, verdict, type BenchResult } from "./lib";
import type { LoadCommand, LoadResult } from "./loadgen";
import { buildService, cpuSeconds, forkWorker, privateDatabase, privateDataDir, startService, startTsServer } from "./service-process";

const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? "10,50,200").split(",").map(Number);
const RUN_MS = Number(process.env.BENCH_RUN_MS ?? 4000);
const PAIRS = Number(process.env.BENCH_PAIRS ?? 3);
const WARMUP_MS = 2000;
const OPEN_RATE = 500;
const OPEN_MS = 6000;
const ROLE = process.env.BENCH_ROLE === "all" ? "all" : "web";
const TARGET_RATIO = 0.8;
const TARGET_P99_MS = 50;
const KNOWN_SENDERS = 100;
const TWILIO_AUTH_TOKEN = "bench-twilio-auth-token";
const PUBLIC_URL = "https://buddyline.example.org";
const PROGRAM_NUMBER = "+15550001111";

type Kind = "pglite" | "postgres";

interface Run extends LoadResult {
  serverCpuPerReqUs: number;
}

async function benchKind(kind: Kind, load: Awaited<ReturnType<typeof forkWorker>>): Promise<{ lines: string[]; ratios: Map<number, number>; p99: number; ok: boolean }> {
  const lines: string[] = [];
  const prefix = `h7bench_${randomBytes(5).toString("hex")}`;
  const floorDb = await privateDatabase(TEST_DATABASE_URL);
  const appDb = kind === "postgres" ? await privateDatabase(TEST_DATABASE_URL) : null;
  const dataDir = await privateDataDir();
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const floorKey = `${prefix}:floor`;
  const stops: (() => Promise<unknown>)[] = [];
  try {
    const floor = await startTsServer("bench/durable-floor.ts", { FLOOR_DATABASE_URL: floorDb.url, REDIS_URL, FLOOR_REDIS_KEY: floorKey });
    stops.push(() => floor.stop());
    const app = await startService(
      {
        ADMIN_TOKEN: "bench-admin-token-0123456789",
        PUBLIC_URL,
        REDIS_URL,
        QUEUE_PREFIX: prefix,
        LOG_LEVEL: "warn",
        TWILIO_ACCOUNT_SID: "AC00000000000000000000000000000000",
        TWILIO_AUTH_TOKEN,
        TWILIO_FROM: PROGRAM_NUMBER,
        // Nothing is sent in --role web; with BENCH_ROLE=all replies go to a closed port and retry.
        TWILIO_API_BASE_URL: "http://127.0.0.1:9",
        DATA_DIR: dataDir.dir,
        ...(appDb ? { DATABASE_URL: appDb.url } : {}),
        ...(process.env.FLOWS_DIR ? { FLOWS_DIR: process.env.FLOWS_DIR } : {}),
      },
      ["--role", ROLE],
    );
    stops.push(() => app.stop());
    const appPort = Number(new URL(app.url).port);
    lines.push(`service pid ${app.pid} (node dist/main.js --role ${ROLE}, ${kind === "pglite" ? `PGlite in ${join(dataDir.dir, "pglite")}` : `Postgres db ${appDb!.name}`}), floor pid ${floor.pid} (Postgres db ${floorDb.name}), load generator pid ${load.pid}`);

    const cmd = (port: number, extra: Partial<LoadCommand>): LoadCommand => ({
      mode: "closed",
      port,
      durationMs: RUN_MS,
      authToken: TWILIO_AUTH_TOKEN,
      publicUrl: PUBLIC_URL,
      to: PROGRAM_NUMBER,
      knownSenders: KNOWN_SENDERS,
      ...extra,
    });
    const drive = async (pid: number, c: LoadCommand): Promise<Run> => {
      const cpu0 = cpuSeconds(pid);
      const r = await load.call<LoadResult>(c);
      return { ...r, serverCpuPerReqUs: ((cpuSeconds(pid) - cpu0) * 1e6) / Math.max(1, r.completed) };
    };
    let appOk = 0;
    let floorOk = 0;
    const tally = (r: Run, who: "app" | "floor") => {
      if (who === "app") appOk += r.ok;
      else floorOk += r.ok;
      return r;
    };
    // Warm-up (JIT, pools, Lua scripts) at the smallest connection count; counted for the
    // stored/queued check, not reported.
    tally(await drive(floor.pid, cmd(floor.port, { connections: CONNECTIONS[0]!, durationMs: WARMUP_MS })), "floor");
    const warm = tally(await drive(app.pid, cmd(appPort, { connections: CONNECTIONS[0]!, durationMs: WARMUP_MS })), "app");
    if (warm.ok === 0) throw new Error(`service answered no 2xx during warm-up (non2xx ${warm.non2xx}, errors ${warm.errors}):\n${app.output()}`);

    const show = (r: Run) =>
      `${fmt(r.rps, 0)} req/s (p50 ${fmt(r.p50Ms)} ms, p99 ${fmt(r.p99Ms)} ms, server CPU ${fmt(r.serverCpuPerReqUs, 0)} µs/req, client CPU ${fmt(r.clientCpu)} cores` +
      `${r.non2xx || r.errors ? `, ${r.non2xx} non-2xx, ${r.errors} errors` : ""})`;
    const ratios = new Map<number, number>();
    let ok = true;
    for (const connections of CONNECTIONS) {
      const rs: number[] = [];
      for (let i = 0; i < PAIRS; i++) {
        const f = tally(await drive(floor.pid, cmd(floor.port, { connections })), "floor");
        const a = tally(await drive(app.pid, cmd(appPort, { connections })), "app");
        const ratio = a.rps / f.rps;
        rs.push(ratio);
        lines.push(`${connections} conn, pair ${i + 1}: floor ${show(f)} | app ${show(a)} | ratio ${fmt(ratio, 3)}`);
        if (a.non2xx || a.errors || f.non2xx || f.errors) ok = false;
      }
      const m = median(rs);
      ratios.set(connections, m);
      lines.push(
        `${connections} conn: median ratio app/floor ${fmt(m, 3)} (range ${fmt(Math.min(...rs), 3)}–${fmt(Math.max(...rs), 3)}; target >= ${TARGET_RATIO}: ${verdict(m >= TARGET_RATIO)})  ${machineLine()}`,
      );
    }
    // Latency at a fixed offered load (open loop): what Twilio's retries would see.
    const fo = tally(await drive(floor.pid, cmd(floor.port, { mode: "open", rate: OPEN_RATE, durationMs: OPEN_MS, maxInflight: 2000 })), "floor");
    const ao = tally(await drive(app.pid, cmd(appPort, { mode: "open", rate: OPEN_RATE, durationMs: OPEN_MS, maxInflight: 2000 })), "app");
    const openLine = (r: Run) =>
      `${fmt(r.rps, 0)} req/s answered 2xx of ${OPEN_RATE} offered (${r.skipped} skipped), p50 ${fmt(r.p50Ms)} ms, p99 ${fmt(r.p99Ms)} ms, max ${fmt(r.maxMs, 0)} ms, server CPU ${fmt(r.serverCpuPerReqUs, 0)} µs/req`;
    lines.push(`open loop ${OPEN_RATE} texts/s for ${OPEN_MS / 1000} s: floor ${openLine(fo)}`);
    lines.push(`open loop ${OPEN_RATE} texts/s for ${OPEN_MS / 1000} s: app   ${openLine(ao)}  (target p99 <= ${TARGET_P99_MS} ms: ${verdict(ao.p99Ms <= TARGET_P99_MS && ao.skipped === 0)})`);

    // Stored = answered, and each stored row is in exactly one queued batch job.
    const queue = new Queue("inbound", { connection: redis, prefix });
    const queued = new Map<string, number>();
    let jobs = 0;
    for (let start = 0; ; start += 1000) {
      const page = await queue.getJobs(["waiting", "prioritized", "active", "completed", "delayed", "failed"], start, start + 999);
      if (!page.length) break;
      for (const j of page) {
        jobs++;
        const ids = (j.data as { inboundIds?: string[]; inboundId?: string }).inboundIds ?? [(j.data as { inboundId: string }).inboundId];
        for (const id of ids) queued.set(id, (queued.get(id) ?? 0) + 1);
      }
    }
    await queue.close();
    await app.stop();
    await floor.stop();
    const stored = await countStored(kind, appDb?.url, join(dataDir.dir, "pglite"));
    const floorClient = new pg.Client({ connectionString: floorDb.url });
    await floorClient.connect();
    const floorRows = await floorClient.query<{ n: number }>("select count(*)::int as n from floor_inbound");
    await floorClient.end();
    const doubled = [...queued.values()].filter((n) => n > 1).length;
    lines.push(
      `service: ${appOk} answered 2xx, ${stored.rows} rows stored, ${stored.processed} processed, ${queued.size} rows in ${jobs} queued jobs (${fmt(queued.size / Math.max(1, jobs), 1)} texts per job), ${doubled} rows in more than one job;` +
        ` floor: ${floorOk} answered, ${floorRows.rows[0]!.n} stored, ${await redis.llen(floorKey)} Redis entries`,
    );
    const consistent = stored.rows === appOk && doubled === 0 && (ROLE === "all" || queued.size === stored.rows);
    if (!consistent) lines.push("  WARNING: stored / queued counts differ from 2xx answers");
    ok &&= consistent;
    return { lines, ratios, p99: ao.p99Ms, ok };
  } finally {
    for (const s of stops.reverse()) await s().catch(() => undefined);
    await deletePrefix(redis, prefix).catch(() => 0);
    await redis.quit().catch(() => redis.disconnect());
    await floorDb.drop().catch((e: unknown) => console.error("drop floor db", e));
    await appDb?.drop().catch((e: unknown) => console.error("drop app db", e));
    await dataDir.remove();
  }
}

async function countStored(kind: Kind, url: string | undefined, pgliteDir: string): Promise<{ rows: number; processed: number }> {
  const db = await openDb(kind === "postgres" ? { databaseUrl: url, clock: { now: () => new Date() } } : { dataDir: pgliteDir, clock: { now: () => new Date() } });
  try {
    const { rows } = await db.query<{ n: number; p: number }>("select count(*)::int as n, count(processed_at)::int as p from inbound_messages");
    return { rows: rows[0]!.n, processed: rows[0]!.p };
  } finally {
    await db.close();
  }
}

export async function run(): Promise<BenchResult> {
  const kinds: Kind[] = process.env.BENCH_DB ? [process.env.BENCH_DB as Kind] : ["pglite", "postgres"];
  heading("webhook-throughput (durable-ack floor)", [
    `POST /twilio/sms, Twilio-signed, fresh MessageSid per request; closed loop at ${CONNECTIONS.join(", ")} keep-alive connections,`,
    `${PAIRS} alternating floor/app pairs of ${RUN_MS / 1000} s each after ${WARMUP_MS / 1000} s warm-ups; then open loop at ${OPEN_RATE} texts/s.`,
    `service: node dist/main.js --role ${ROLE} (own process); floor: bench/durable-floor.ts (own process: node-server + INSERT/COMMIT on Postgres + RPUSH);`,
    `load generator: bench/loadgen.ts (own process). DBs: ${kinds.join(", ")}.`,
  ]);
  buildService();
  const load = await forkWorker("bench/loadgen.ts");
  const summary: string[] = [];
  let met = true;
  try {
    for (const kind of kinds) {
      const r = await benchKind(kind, load);
      for (const l of r.lines) console.log(`  [${kind}] ${l}`);
      for (const [c, ratio] of r.ratios) {
        summary.push(`webhook/floor (${kind}, ${c} conn): ${fmt(ratio, 3)} (target >= ${TARGET_RATIO}): ${verdict(ratio >= TARGET_RATIO)}`);
        met &&= ratio >= TARGET_RATIO;
      }
      summary.push(`webhook p99 at ${OPEN_RATE}/s (${kind}): ${fmt(r.p99, 1)} ms (target <= ${TARGET_P99_MS}): ${verdict(r.p99 <= TARGET_P99_MS)}`);
      met &&= r.p99 <= TARGET_P99_MS && r.ok;
    }
  } finally {
    await load.close();
  }
  console.log(`  ${machineLine()}`);
  return { name: "webhook-throughput", summary, met };
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
