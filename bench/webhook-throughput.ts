/**
 * Inbound webhook throughput, as a ratio to a bare Hono hello-world served the same way
 * on the same machine in the same run (target: ratio >= 0.35).
 *
 *   npx tsx bench/webhook-throughput.ts            # both databases
 *   BENCH_DB=postgres npx tsx bench/webhook-throughput.ts
 *
 * How: two HTTP servers via @hono/node-server on 127.0.0.1 — a hello-world Hono app and
 * the real Buddyline app (buildApp with real deps from test/support/harness: Redis with
 * its own queue prefix, PGlite or Postgres in its own schema). A load generator in a
 * worker thread of this process (so it has its own event loop, not the server's) keeps
 * CONNECTIONS keep-alive connections busy with Twilio-signed POST /twilio/sms requests for
 * a fixed time (bounded also by a request cap). Every request has a fresh MessageSid, so
 * each one is stored and queued. Both servers get byte-identical kinds of request (the
 * hello-world ignores the body). Runs alternate baseline, app, baseline, app, … after a
 * short warm-up of each; the reported ratio is the median of the per-pair ratios.
 */
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { Worker } from "node:worker_threads";
import { serve, type ServerType } from "@hono/node-server";
import { Hono } from "hono";
import { createHarness, PROGRAM_NUMBER, PUBLIC_URL, TWILIO_AUTH_TOKEN } from "../test/support/harness";
import type { DbKind } from "../test/support/db";
import type { Queryable } from "../src/adapters/postgres";
import { benchEnv, fmt, heading, median, percentile, seedParticipants, verdict, type BenchResult } from "./lib";

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10); // autocannon's default
const RUN_MS = Number(process.env.BENCH_RUN_MS ?? 4000);
const WARMUP_MS = 1500;
const PAIRS = 3;
const MAX_REQUESTS_PER_RUN = 200_000;
const KNOWN_SENDERS = 100;
const TARGET = 0.35;

interface LoadResult {
  /** Event-loop utilisation of this (server) thread during the run: ~1 means the server's JS is the bottleneck. */
  serverElu?: number;
  completed: number;
  ok: number;
  non2xx: number;
  errors: number;
  elapsedMs: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
}

/**
 * The load generator, run as a worker thread from source text (plain JS, node: modules
 * only). It signs each request like Twilio does: HMAC-SHA1 over the public URL followed
 * by the sorted parameter names and values, base64.
 */
const LOADGEN_SOURCE = String.raw`
const { parentPort, workerData } = require("node:worker_threads");
const http = require("node:http");
const crypto = require("node:crypto");
const w = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: w.connections });
const lat = new Float64Array(w.maxRequests);
let issued = 0, completed = 0, ok = 0, non2xx = 0, errors = 0;

function signedBody(n) {
  const sid = "SM" + w.sidPrefix + n.toString(16).padStart(16, "0");
  const params = {
    ToCountry: "US", ToState: "NY", SmsMessageSid: sid, NumMedia: "0", ToCity: "", FromZip: "",
    SmsSid: sid, FromState: "NY", SmsStatus: "received", FromCity: "", Body: "4", FromCountry: "US",
    To: w.to, ToZip: "", NumSegments: "1", MessageSid: sid, AccountSid: w.accountSid,
    From: "+1" + (2000000000 + 1 + (n % w.knownSenders)), ApiVersion: "2010-04-01",
  };
  let data = w.publicUrl + w.path;
  for (const k of Object.keys(params).sort()) data += k + params[k];
  const signature = crypto.createHmac("sha1", w.authToken).update(Buffer.from(data, "utf-8")).digest("base64");
  return { body: new URLSearchParams(params).toString(), signature };
}

function one() {
  const n = issued++;
  const { body, signature } = signedBody(n);
  const t0 = performance.now();
  return new Promise((resolve) => {
    const req = http.request({
      agent, host: "127.0.0.1", port: w.port, method: "POST", path: w.path,
      headers: { "content-type": "application/x-www-form-urlencoded", "content-length": Buffer.byteLength(body), "x-twilio-signature": signature },
    }, (res) => {
      res.resume();
      res.on("end", () => {
        lat[completed++] = performance.now() - t0;
        if (res.statusCode >= 200 && res.statusCode < 300) ok++; else non2xx++;
        resolve();
      });
    });
    req.on("error", () => { errors++; resolve(); });
    req.end(body);
  });
}

async function main() {
  const start = performance.now();
  const end = start + w.durationMs;
  let last = start;
  await Promise.all(Array.from({ length: w.connections }, async () => {
    while (performance.now() < end && issued < w.maxRequests) { await one(); last = performance.now(); }
  }));
  agent.destroy();
  const elapsedMs = last - start;
  const sorted = Array.from(lat.subarray(0, completed)).sort((a, b) => a - b);
  const pick = (p) => sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)] : NaN;
  parentPort.postMessage({ completed, ok, non2xx, errors, elapsedMs, rps: completed / (elapsedMs / 1000), p50Ms: pick(50), p99Ms: pick(99) });
}
main();
`;

async function drive(port: number, durationMs: number): Promise<LoadResult> {
  const elu0 = performance.eventLoopUtilization();
  const r = await driveOnce(port, durationMs);
  r.serverElu = performance.eventLoopUtilization(elu0).utilization;
  return r;
}

function driveOnce(port: number, durationMs: number): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(LOADGEN_SOURCE, {
      eval: true,
      workerData: {
        port,
        path: "/twilio/sms",
        connections: CONNECTIONS,
        durationMs,
        maxRequests: MAX_REQUESTS_PER_RUN,
        authToken: TWILIO_AUTH_TOKEN,
        publicUrl: PUBLIC_URL,
        to: PROGRAM_NUMBER,
        accountSid: "AC00000000000000000000000000000000",
        knownSenders: KNOWN_SENDERS,
        sidPrefix: randomBytes(8).toString("hex"), // + 16 hex counter digits = a valid 32-hex SID
      },
    });
    const timer = setTimeout(() => void worker.terminate().then(() => reject(new Error("load generator hung"))), durationMs + 30_000);
    worker.once("message", (m: LoadResult) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve(m);
    });
    worker.once("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

async function listen(fetch: (req: Request) => Response | Promise<Response>): Promise<{ server: ServerType; port: number }> {
  return new Promise((resolve) => {
    const server = serve({ fetch, port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) => resolve({ server, port: info.port }));
  });
}

async function commitLatency(db: Queryable): Promise<{ p50: number; p90: number; n: number }> {
  await db.query("create table bench_commit_probe (id serial primary key, v text not null)");
  const xs: number[] = [];
  for (let i = 0; i < 60; i++) {
    const t = performance.now();
    await db.query("insert into bench_commit_probe (v) values ($1)", [`v${i}`]);
    if (i >= 10) xs.push(performance.now() - t); // the first few warm the connection pool
  }
  await db.query("drop table bench_commit_probe");
  return { p50: percentile(xs, 50), p90: percentile(xs, 90), n: xs.length };
}

const closeServer = (s: ServerType) => new Promise<void>((r) => s.close(() => r()));

async function benchDb(kind: DbKind, baselinePort: number): Promise<{ ratio: number; lines: string[] }> {
  const h = await createHarness({ db: kind, env: benchEnv({ LOG_LEVEL: "warn" }) });
  const lines: string[] = [];
  try {
    await seedParticipants(h.db, {
      count: KNOWN_SENDERS,
      zones: ["America/New_York"],
      dailyTimes: ["10:00"],
      nightlyTimes: [],
      consentChangedAt: new Date(Date.now() - 86400_000),
    });
    // What one durable write costs on this database right now: a single-row insert and
    // its commit (on Postgres, the WAL flush). A webhook that answers only after its row
    // is committed cannot beat CONNECTIONS / this latency, however little CPU it uses.
    const commit = await commitLatency(h.db);
    lines.push(
      `durable write probe: single-row insert+commit p50 ${fmt(commit.p50)} ms, p90 ${fmt(commit.p90)} ms (n=${commit.n});` +
        ` ceiling for ${CONNECTIONS} closed-loop connections if every answer waits for its own commit: ~${fmt((CONNECTIONS * 1000) / commit.p50, 0)} req/s`,
    );
    const { server, port } = await listen(h.app.fetch);
    try {
      // Warm-up (JIT, connection pools, Lua script loading); not reported.
      await drive(baselinePort, WARMUP_MS);
      const warm = await drive(port, WARMUP_MS);
      if (warm.ok === 0) throw new Error(`app answered no 2xx during warm-up (non2xx ${warm.non2xx}, errors ${warm.errors})`);

      const ratios: number[] = [];
      let appOk = warm.ok;
      for (let i = 0; i < PAIRS; i++) {
        const base = await drive(baselinePort, RUN_MS);
        const app = await drive(port, RUN_MS);
        appOk += app.ok;
        const ratio = app.rps / base.rps;
        ratios.push(ratio);
        lines.push(
          `pair ${i + 1}: hello-world ${fmt(base.rps, 0)} req/s (p50 ${fmt(base.p50Ms)} ms, p99 ${fmt(base.p99Ms)} ms, server ELU ${fmt(base.serverElu!)})` +
            ` | app ${fmt(app.rps, 0)} req/s (p50 ${fmt(app.p50Ms)} ms, p99 ${fmt(app.p99Ms)} ms, server ELU ${fmt(app.serverElu!)}, ${app.ok} ok, ${app.non2xx} non-2xx, ${app.errors} errors)` +
            ` | ratio ${fmt(ratio, 3)}`,
        );
        if (app.non2xx || app.errors || base.non2xx || base.errors) lines.push(`  WARNING: failed requests in pair ${i + 1}`);
      }
      const { rows } = await h.db.query<{ n: number }>("select count(*)::int as n from inbound_messages");
      const queued = await h.deps.queues.inbound.count();
      lines.push(`stored inbound rows ${rows[0]!.n}, queued inbound jobs ${queued}, 2xx answers ${appOk} (all three must agree)`);
      if (rows[0]!.n !== appOk || queued !== appOk) lines.push("  WARNING: stored/queued counts differ from 2xx answers");
      const ratio = median(ratios);
      lines.push(`median ratio app/hello-world (${kind}): ${fmt(ratio, 3)}  (target >= ${TARGET}: ${verdict(ratio >= TARGET)})`);
      return { ratio, lines };
    } finally {
      await closeServer(server);
    }
  } finally {
    await h.close(); // obliterates this run's queues, drops the schema
  }
}

export async function run(): Promise<BenchResult> {
  const kinds: DbKind[] = process.env.BENCH_DB ? [process.env.BENCH_DB as DbKind] : ["pglite", "postgres"];
  heading("webhook-throughput", [
    `POST /twilio/sms, Twilio-signed, unique MessageSid per request, ${CONNECTIONS} keep-alive connections,`,
    `load generator in a worker thread; ${PAIRS} alternating pairs of ${RUN_MS / 1000} s runs after ${WARMUP_MS / 1000} s warm-ups.`,
    `baseline: Hono hello-world (app.all('*') -> text) on @hono/node-server; app: buildApp(real deps), DBs: ${kinds.join(", ")}.`,
  ]);
  const hello = new Hono();
  hello.all("*", (c) => c.text("Hello Hono!"));
  const base = await listen(hello.fetch);
  const summary: string[] = [];
  let met = true;
  try {
    for (const kind of kinds) {
      const { ratio, lines } = await benchDb(kind, base.port);
      for (const l of lines) console.log(`  [${kind}] ${l}`);
      summary.push(`webhook throughput ratio (${kind}): ${fmt(ratio, 3)} (target >= ${TARGET}): ${verdict(ratio >= TARGET)}`);
      met &&= ratio >= TARGET;
    }
  } finally {
    await closeServer(base.server);
  }
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
