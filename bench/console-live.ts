/**
 * The console's live hotline queue across processes (docs/console.md, "The queue, live"):
 * how long until a case opened through one web process shows on queue pages streamed by
 * ANOTHER web process, and what the open pages cost while nothing changes.
 *
 *   npx tsx bench/console-live.ts          # BENCH_STREAMS=1,25,100  BENCH_CASES=8
 *
 * Set-up, each its own process: two `node dist/main.js --role web` (A streams the pages,
 * B takes the webhooks) on one private Postgres database and a private Redis prefix; this
 * process is the client (N EventSource-like fetch streams to A, Twilio-signed crisis texts
 * to B). No worker runs: the case is stored by the webhook itself, which is all the queue
 * reads. Figures: per N, webhook answered → the `queue` event naming one more waiting case,
 * on every stream (p50/p95/max over cases × streams), and A's CPU per second while N pages
 * sit idle, against N = 0 measured in the same run. The streams poll every 2 s, so the
 * expected latency is uniform in [0, 2 s] plus the render.
 */
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import twilio from "twilio";
import { REDIS_URL, TEST_DATABASE_URL } from "../test/support/env";
import { fmt, heading, percentile } from "./lib";
import { buildService, cpuSeconds, privateDatabase, startService } from "./service-process";
import { openDb, storeFor } from "../src/adapters/postgres";
import { createConsoleUser } from "../src/features/console/accounts";

const STREAMS = (process.env.BENCH_STREAMS ?? "1,25,100").split(",").map(Number);
const CASES = Number(process.env.BENCH_CASES ?? 8);
const IDLE_MS = Number(process.env.BENCH_IDLE_MS ?? 10_000);
const TWILIO_AUTH_TOKEN = "bench-twilio-auth-token";
const PUBLIC_URL = "https://buddyline.example.org";
const PROGRAM_NUMBER = "+15550001111";
const EMAIL = "bench-supervisor@example.org";
const PASSWORD = "bench password 0123456789";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function cookiesOf(res: Response): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const eq = pair!.indexOf("=");
    out.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
  }
  return out;
}

async function signIn(base: string): Promise<string> {
  const page = await fetch(`${base}/console/login`);
  const csrf = /name="_csrf" value="([^"]*)"/.exec(await page.text())?.[1] ?? "";
  const jar = cookiesOf(page);
  const res = await fetch(`${base}/console/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; ") },
    body: new URLSearchParams({ _csrf: csrf, email: EMAIL, password: PASSWORD }).toString(),
  });
  const session = cookiesOf(res).get("bl_console");
  if (!session) throw new Error(`sign-in failed: ${res.status}`);
  return `bl_console=${session}`;
}

/** One open queue page: counts "N waiting" in each `queue` event as it arrives. */
function openStream(base: string, cookie: string) {
  const ctrl = new AbortController();
  const seen = new Map<number, number>(); // waiting count → performance.now() first seen
  let buffer = "";
  const ready = fetch(`${base}/console/hotline/stream`, { headers: { cookie, accept: "text/event-stream" }, signal: ctrl.signal }).then(async (res) => {
    if (res.status !== 200) throw new Error(`stream: ${res.status}`);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let first = true;
    const firstEvent = new Promise<void>((resolve) => {
      void (async () => {
        for (;;) {
          const chunk = await reader.read().catch(() => ({ done: true, value: undefined }));
          if (chunk.done) return;
          buffer += decoder.decode(chunk.value, { stream: true });
          let cut: number;
          while ((cut = buffer.indexOf("\n\n")) >= 0) {
            const block = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            if (!block.startsWith("event: queue")) continue;
            const m = /(\d+) waiting for a volunteer/.exec(block);
            if (m && !seen.has(Number(m[1]))) seen.set(Number(m[1]), performance.now());
            if (first) {
              first = false;
              resolve();
            }
          }
        }
      })();
    });
    await firstEvent;
  });
  return { ready, seen, close: () => ctrl.abort() };
}

async function postCrisis(base: string, from: string): Promise<number> {
  const params = { MessageSid: `SM${randomBytes(16).toString("hex")}`, AccountSid: "AC00000000000000000000000000000000", From: from, To: PROGRAM_NUMBER, Body: "i took a whole bottle of pills", NumMedia: "0" };
  const signature = twilio.getExpectedTwilioSignature(TWILIO_AUTH_TOKEN, `${PUBLIC_URL}/twilio/sms`, params);
  const res = await fetch(`${base}/twilio/sms`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signature },
    body: new URLSearchParams(params).toString(),
  });
  await res.text();
  if (res.status !== 200) throw new Error(`webhook: ${res.status}`);
  return performance.now();
}

async function main() {
  buildService();
  const prefix = `h4bench_${randomBytes(5).toString("hex")}`;
  const db = await privateDatabase(TEST_DATABASE_URL);
  const env = {
    ADMIN_TOKEN: "bench-admin-token-0123456789",
    PUBLIC_URL,
    REDIS_URL,
    QUEUE_PREFIX: prefix,
    LOG_LEVEL: "warn",
    TWILIO_ACCOUNT_SID: "AC00000000000000000000000000000000",
    TWILIO_AUTH_TOKEN,
    TWILIO_FROM: PROGRAM_NUMBER,
    TWILIO_API_BASE_URL: "http://127.0.0.1:9",
    DATABASE_URL: db.url,
  };
  const stops: (() => Promise<unknown>)[] = [];
  const lines: string[] = [];
  try {
    const a = await startService(env, ["--role", "web"]);
    stops.push(() => a.stop());
    const b = await startService(env, ["--role", "web"]);
    stops.push(() => b.stop());
    const conn = await openDb({ databaseUrl: db.url, clock: { now: () => new Date() } });
    stops.push(() => conn.close());
    const made = await createConsoleUser({ store: storeFor(conn), clock: { now: () => new Date() } }, { email: EMAIL, name: "Bench Supervisor", role: "supervisor", password: PASSWORD }, null);
    if (!made.ok) throw new Error("user not created");
    const cookie = await signIn(a.url);
    lines.push(`web A pid ${a.pid} streams the queue; web B pid ${b.pid} takes the webhooks; Postgres db ${db.name}; client pid ${process.pid}`);

    // Idle baseline: A with no page open.
    const idleCost = async () => {
      const c0 = cpuSeconds(a.pid);
      const t0 = performance.now();
      await sleep(IDLE_MS);
      return ((cpuSeconds(a.pid) - c0) * 1000) / ((performance.now() - t0) / 1000); // ms CPU per s
    };
    const base0 = await idleCost();
    lines.push(`idle, no page open: web A ${fmt(base0, 1)} ms CPU/s`);

    let phone = 0;
    let waiting = 0;
    for (const n of STREAMS) {
      const streams = Array.from({ length: n }, () => openStream(a.url, cookie));
      await Promise.all(streams.map((s) => s.ready));
      const idle = await idleCost();
      const lat: number[] = [];
      const firstLat: number[] = [];
      for (let k = 0; k < CASES; k++) {
        // Random phase against the 2 s poll, so the sample covers the whole cycle.
        await sleep(Math.random() * 2000);
        const at = await postCrisis(b.url, `+1555${String(3000000 + phone++).padStart(7, "0")}`);
        waiting++;
        const deadline = performance.now() + 15_000;
        while (streams.some((s) => !s.seen.has(waiting)) && performance.now() < deadline) await sleep(20);
        const times = streams.map((s) => s.seen.get(waiting));
        if (times.some((t) => t === undefined)) throw new Error(`N=${n}: a stream missed case ${waiting} within 15 s`);
        const ms = times.map((t) => t! - at);
        lat.push(...ms);
        firstLat.push(Math.min(...ms));
      }
      for (const s of streams) s.close();
      lines.push(
        `N=${String(n).padStart(3)} pages: webhook 200 → queue event on every page: p50 ${fmt(percentile(lat, 50), 0)} ms, p95 ${fmt(percentile(lat, 95), 0)} ms, max ${fmt(Math.max(...lat), 0)} ms ` +
          `(${lat.length} samples; fastest page per case p50 ${fmt(percentile(firstLat, 50), 0)} ms); idle: web A ${fmt(idle, 1)} ms CPU/s ` +
          `(${fmt(idle - base0, 1)} over no page, ${n ? fmt((idle - base0) / n, 2) : "-"} per page)`,
      );
      await sleep(500);
    }
  } finally {
    for (const s of stops.reverse()) await s().catch(() => undefined);
    await db.drop().catch(() => undefined);
    const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== "0");
    await redis.quit();
  }
  heading("console live queue (bench/console-live.ts)", [
    `what: crisis text (signed webhook) into web B → SSE 'queue' event on N pages streamed by web A (2 s store poll); ${CASES} cases per N; idle CPU over ${IDLE_MS / 1000} s`,
    ...lines,
  ]);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
