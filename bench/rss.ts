/**
 * Peak memory of one service process (role all) with 100,000 participants, on the
 * embedded store (PGlite, file-backed as users run it) and on Postgres
 * (target, issue 13: VmHWM <= 300 MB on each).
 *
 *   npx tsx bench/rss.ts                    # both stores
 *   BENCH_DB=pglite npx tsx bench/rss.ts    # one of them
 *   BENCH_PARTICIPANTS=20000 npx tsx bench/rss.ts
 *
 * How: the bench builds the service (scripts/build.mjs, as `npm start` does), seeds the
 * participants into a store of its own (a fresh PGlite folder under DATA_DIR, or a
 * private Postgres database) with one bulk INSERT, migrates it, closes it, and only then
 * spawns `node dist/main.js` on it as its own process, with the environment and node
 * flags `npm start` uses (read from package.json; BENCH_NODE_FLAGS overrides the flags,
 * BENCH_CHILD_ENV="K=V …" adds variables, RSS_PRELOAD=<module> is imported first, e.g. to
 * log process.memoryUsage()), a fresh queue prefix on the shared Redis and sandbox SMS. It waits for the "check-ins planned" log line, then
 * for the start-up's other jobs (recovery capital, appointment re-plan, sweep) to leave
 * the housekeeping and appointments queues, and reads VmHWM (the peak resident set) and
 * VmRSS from /proc/<pid>/status. VmRSS is also sampled every 250 ms to show when the peak
 * happened (during the plan, or after). The service is stopped with SIGTERM.
 */
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import pg from "pg";
import { migrate, openDb } from "../src/adapters/postgres";
import { QUEUE } from "../src/jobs/queues";
import { REDIS_URL, TEST_DATABASE_URL } from "../test/support/env";
import { deletePrefix, fmt, heading, seedParticipants, verdict, type BenchResult } from "./lib";
import { benchChildEnv, startCommand } from "./service-process";

const PARTICIPANTS = Number(process.env.BENCH_PARTICIPANTS ?? 100_000);
const TARGET_MB = 300;
const ROOT = new URL("..", import.meta.url).pathname;
const ZONES = ["America/New_York", "America/Chicago", "America/Los_Angeles", "America/Puerto_Rico", "Europe/Madrid", "Australia/Sydney"];

function status(pid: number): { hwmKb: number; rssKb: number } {
  const text = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(text)?.[1] ?? NaN);
  return { hwmKb: kb("VmHWM"), rssKb: kb("VmRSS") };
}

interface StoreRun {
  kind: "pglite" | "postgres";
  hwmMb: number;
  rssAfterMb: number;
  planSeconds: number;
  planned: string;
  peakAt: string;
}

async function seededStore(kind: "pglite" | "postgres", now: Date): Promise<{ env: Record<string, string>; cleanup: () => Promise<void> }> {
  const clock = { now: () => now };
  const seed = (db: Awaited<ReturnType<typeof openDb>>) =>
    seedParticipants(db, {
      count: PARTICIPANTS,
      zones: ZONES,
      dailyTimes: ["08:30", "09:00", "10:00", "12:30", "17:00"],
      nightlyTimes: ["20:00", "21:30", "23:00"],
      consentChangedAt: new Date(now.getTime() - 30 * 86400_000),
    });
  if (kind === "pglite") {
    const dataDir = await mkdtemp(join(tmpdir(), "buddyline-rss-"));
    const db = await openDb({ dataDir: join(dataDir, "pglite"), clock });
    await migrate(db);
    await seed(db);
    await db.close();
    return { env: { DATA_DIR: dataDir }, cleanup: () => rm(dataDir, { recursive: true, force: true }) };
  }
  const name = `blbench_rss_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  const db = await openDb({ databaseUrl: url.toString(), clock });
  await migrate(db);
  await seed(db);
  await db.query("analyze participants");
  await db.close();
  const dataDir = await mkdtemp(join(tmpdir(), "buddyline-rss-"));
  return {
    env: { DATABASE_URL: url.toString(), DATA_DIR: dataDir },
    async cleanup() {
      await admin.query(`drop database if exists ${name} with (force)`).catch(() => undefined);
      await admin.end();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function oneStore(kind: "pglite" | "postgres", redis: Redis): Promise<StoreRun> {
  const now = new Date();
  let t = performance.now();
  const store = await seededStore(kind, now);
  console.log(`  [${kind}] seeded ${PARTICIPANTS} participants in ${fmt((performance.now() - t) / 1000)} s (bench process, before the service starts)`);
  const prefix = `blbench_rss_${randomBytes(4).toString("hex")}`;
  const npmStart = startCommand();
  console.log(`  [${kind}] as npm start runs it: ${Object.entries(npmStart.env).map(([k, v]) => `${k}=${v} `).join("")}node ${(process.env.BENCH_NODE_FLAGS ?? npmStart.flags.join(" "))} dist/main.js --role all`);
  const child = spawn(process.execPath, [...(process.env.BENCH_NODE_FLAGS?.split(" ").filter(Boolean) ?? npmStart.flags), ...(process.env.RSS_PRELOAD ? ["--import", process.env.RSS_PRELOAD] : []), "dist/main.js", "--role", "all"], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      PORT: "0",
      HOST: "127.0.0.1",
      QUEUE_PREFIX: prefix,
      REDIS_URL,
      ADMIN_TOKEN: "bench-rss-admin-token-0123456789",
      LOG_LEVEL: "info",
      ...npmStart.env,
      // Experiments: BENCH_CHILD_ENV="MALLOC_ARENA_MAX=2 …" is passed to the service.
      ...benchChildEnv(),
      ...store.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const samples: { at: number; rssKb: number }[] = [];
  const started = performance.now();
  const sampler = setInterval(() => {
    try {
      samples.push({ at: performance.now() - started, rssKb: status(child.pid!).rssKb });
    } catch {
      // exited
    }
  }, 250);
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  try {
    const planned = await new Promise<string>((resolve, reject) => {
      const onData = (d: Buffer) => {
        output += d.toString();
        const line = output.split("\n").find((l) => l.includes('"check-ins planned"') || l.includes('"start-up plan failed"'));
        if (line) (line.includes("failed") ? reject(new Error(line)) : resolve(line));
      };
      child.stdout!.on("data", onData);
      child.stderr!.on("data", onData);
      void exited.then(() => reject(new Error(`service exited:\n${output.slice(-3000)}`)));
    });
    const planSeconds = (performance.now() - started) / 1000;
    t = performance.now();
    // The start-up's other recurring jobs (first runs at start): wait until they are done.
    const queues = [QUEUE.housekeeping, QUEUE.appointments].map((n) => new Queue(n, { connection: redis, prefix }));
    let busy = "";
    for (;;) {
      const counts = await Promise.all(queues.map((q) => q.getJobCounts("active", "wait", "prioritized")));
      if (counts.every((c) => (c.active ?? 0) + (c.wait ?? 0) + (c.prioritized ?? 0) === 0) && performance.now() - t > 2000) break;
      if (performance.now() - t > 120_000) {
        const active = await Promise.all(queues.map((q) => q.getJobs(["active", "wait"])));
        busy = active.flat().map((j) => `${j.queueName}/${j.name}`).join(", ");
        console.log(`  [${kind}] WARNING: start-up jobs still running after 120 s (${busy}); reading memory now`);
        break;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    await Promise.all(queues.map((q) => q.close()));
    const s = status(child.pid!);
    const peak = samples.reduce((a, b) => (b.rssKb > a.rssKb ? b : a), { at: 0, rssKb: 0 });
    const curve = samples.filter((_, i) => i % Math.max(1, Math.floor(samples.length / 12)) === 0).map((x) => `${fmt(x.at / 1000, 1)}s:${Math.round(x.rssKb / 1024)}`);
    console.log(`  [${kind}] ${JSON.parse(planned).participants ?? "?"} participants planned ${fmt(planSeconds)} s after spawn; start-up jobs idle ${fmt((performance.now() - t) / 1000)} s later`);
    console.log(`  [${kind}] VmHWM ${fmt(s.hwmKb / 1024, 0)} MB, VmRSS now ${fmt(s.rssKb / 1024, 0)} MB; sampled peak ${fmt(peak.rssKb / 1024, 0)} MB at ${fmt(peak.at / 1000, 1)} s (plan logged at ${fmt(planSeconds, 1)} s)`);
    console.log(`  [${kind}] RSS MB over time: ${curve.join(" ")}`);
    if (process.env.RSS_PRELOAD) for (const l of output.split("\n").filter((l) => l.startsWith("MEMLOG"))) console.log(`  [${kind}] ${l}`);
    return { kind, hwmMb: s.hwmKb / 1024, rssAfterMb: s.rssKb / 1024, planSeconds, planned, peakAt: `${fmt(peak.at / 1000, 1)} s` };
  } finally {
    clearInterval(sampler);
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    const killer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(killer);
    await deletePrefix(redis, prefix);
    await store.cleanup();
  }
}

export async function run(): Promise<BenchResult> {
  const kinds = process.env.BENCH_DB ? [process.env.BENCH_DB as "pglite" | "postgres"] : (["pglite", "postgres"] as const);
  heading("rss", [
    `one service process (node dist/main.js --role all, sandbox SMS), ${PARTICIPANTS} opted-in participants seeded before it starts;`,
    `VmHWM from /proc/<pid>/status once the start-up plan and the start-up jobs are done. Stores: ${kinds.join(", ")}.`,
  ]);
  const build = spawnSync(process.execPath, ["scripts/build.mjs"], { cwd: ROOT, encoding: "utf8" });
  if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}\n${build.stderr}`);
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const summary: string[] = [];
  let met = PARTICIPANTS >= 100_000;
  try {
    for (const kind of kinds) {
      const r = await oneStore(kind, redis);
      const ok = r.hwmMb <= TARGET_MB;
      met &&= ok;
      summary.push(
        `RSS (${kind}, ${PARTICIPANTS} participants, role all): VmHWM ${fmt(r.hwmMb, 0)} MB, ${fmt(r.rssAfterMb, 0)} MB after planning (target VmHWM <= ${TARGET_MB} MB): ${PARTICIPANTS >= 100_000 ? verdict(ok) : "n/a (not the target size)"}`,
      );
    }
  } finally {
    redis.disconnect();
  }
  for (const s of summary) console.log(`  ${s}`);
  return { name: "rss", summary, met };
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
