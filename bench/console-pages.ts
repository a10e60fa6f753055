/**
 * Console page times on a year of data (issue 12): 100 peers × 15 parents × 365 days of
 * check-ins and texts, caseload and parent page p95 ≤ 200 ms server time.
 *
 *   npx tsx bench/console-pages.ts          # BENCH_N=200 requests per page kind; ~6 min with the seeding
 *
 * Set-up: a private schema on the test PostgreSQL (TEST_DATABASE_URL), seeded with
 * test/browser/support.ts's seedProgram (set-based inserts: ~550k check-ins, ~550k texts
 * out, ~490k in, ~490k point awards, 26 recovery-capital checks and 2 appointments per
 * parent). The app runs in its own process (bench/console-pages-server.ts, web role, no
 * workers); this process is the client: sequential requests over loopback with signed-in
 * session cookies, each parent page for a different parent. "Server time" is the app's own
 * time per request (a `server-timing` stamp around the whole Hono app: session lookup,
 * queries, audit write, render); client time adds loopback and parsing. Baseline in the
 * same run: GET /health.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { loadavg } from "node:os";
import { REDIS_URL, TEST_DATABASE_URL } from "../test/support/env";
import { seedProgram } from "../test/browser/support";
import { migrate, openDb, storeFor } from "../src/adapters/postgres";
import { quoteIdent } from "../src/adapters/postgres/db";
import { systemClock } from "../src/ports/clock";
import { createConsoleUser } from "../src/features/console/accounts";
import { fmt, heading, percentile, verdict, type BenchResult } from "./lib";

const N = Number(process.env.BENCH_N ?? 200);
const PEERS = Number(process.env.BENCH_PEERS ?? 100);
const PER_PEER = Number(process.env.BENCH_PARENTS_PER_PEER ?? 15);
const DAYS = Number(process.env.BENCH_DAYS ?? 365);
const TARGET_MS = 200;
const PASSWORD = "bench password 0123456789";

function cookiesOf(res: Response): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const eq = pair!.indexOf("=");
    out.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
  }
  return out;
}

async function signIn(base: string, email: string): Promise<string> {
  const page = await fetch(`${base}/console/login`);
  const csrf = /name="_csrf" value="([^"]*)"/.exec(await page.text())?.[1] ?? "";
  const jar = cookiesOf(page);
  const res = await fetch(`${base}/console/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; ") },
    body: new URLSearchParams({ _csrf: csrf, email, password: PASSWORD }).toString(),
  });
  const session = cookiesOf(res).get("bl_console");
  if (!session) throw new Error(`sign-in failed for ${email}: ${res.status}`);
  return `bl_console=${session}`;
}

interface Sample {
  server: number[];
  client: number[];
  bytes: number[];
}

async function measure(base: string, paths: () => { path: string; cookie?: string }, n: number, warmup = 5): Promise<Sample> {
  const s: Sample = { server: [], client: [], bytes: [] };
  for (let i = 0; i < warmup + n; i++) {
    const { path, cookie } = paths();
    const t0 = performance.now();
    const res = await fetch(base + path, { headers: cookie ? { cookie } : {}, redirect: "manual" });
    const body = await res.text();
    const client = performance.now() - t0;
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${body.slice(0, 200)}`);
    const server = Number(/dur=([\d.]+)/.exec(res.headers.get("server-timing") ?? "")?.[1] ?? NaN);
    if (i < warmup) continue;
    s.server.push(server);
    s.client.push(client);
    s.bytes.push(body.length);
  }
  return s;
}

function line(name: string, s: Sample, baseline?: Sample): string {
  const p = (xs: number[], q: number) => fmt(percentile(xs, q), 1);
  const ratio = baseline ? `, ${fmt(percentile(s.server, 95) / percentile(baseline.server, 95), 0)}× /health p95` : "";
  return `${name.padEnd(38)} server p50 ${p(s.server, 50)} / p95 ${p(s.server, 95)} / p99 ${p(s.server, 99)} / max ${p(s.server, 100)} ms; client p95 ${p(s.client, 95)} ms; ${fmt(percentile(s.bytes, 50) / 1024, 0)} KiB (n=${s.server.length}${ratio})`;
}

export async function run(): Promise<BenchResult> {
  const schema = `bench_console_${randomBytes(4).toString("hex")}`;
  const url = new URL(TEST_DATABASE_URL);
  const db = await openDb({ databaseUrl: TEST_DATABASE_URL, schema, clock: systemClock });
  let child: ReturnType<typeof spawn> | null = null;
  try {
    await migrate(db);
    const now = new Date();
    const t0 = performance.now();
    const program = await seedProgram(db, { peers: PEERS, parentsPerPeer: PER_PEER, days: DAYS, now });
    await db.query("analyze");
    const seedSeconds = (performance.now() - t0) / 1000;
    const counts = (
      await db.query<{ c: number; o: number; i: number }>(
        "select (select count(*) from checkins)::int as c, (select count(*) from outbound_messages)::int as o, (select count(*) from inbound_messages)::int as i",
      )
    ).rows[0]!;
    const store = storeFor(db);
    const peerEmails: string[] = [];
    for (let p = 0; p < 10; p++) {
      const email = `bench-peer-${p}@example.org`;
      const r = await createConsoleUser({ store, clock: systemClock }, { role: "peer", email, name: `Peer ${p}`, password: PASSWORD, peerId: program.peerIds[p * Math.floor(PEERS / 10)]! }, null);
      if (!r.ok) throw new Error(JSON.stringify(r.fields));
      peerEmails.push(email);
    }
    await createConsoleUser({ store, clock: systemClock }, { role: "supervisor", email: "bench-sup@example.org", name: "Sup", password: PASSWORD }, null);

    url.searchParams.set("options", `-c search_path=${schema}`);
    child = spawn(process.execPath, ["--import", "tsx", "bench/console-pages-server.ts"], {
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", DATABASE_URL: url.toString(), REDIS_URL, QUEUE_PREFIX: `bl_${schema}`, LOG_LEVEL: "warn", CONSOLE_SESSION_IDLE_MINUTES: "600" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    const port = await new Promise<number>((resolve, reject) => {
      let out = "";
      const timer = setTimeout(() => reject(new Error(`server not listening within 60 s: ${out}`)), 60_000);
      child!.stdout!.setEncoding("utf8").on("data", (d: string) => {
        out += d;
        const m = /listening (\d+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(Number(m[1]));
        }
      });
      child!.once("exit", (code) => reject(new Error(`server exited ${code}: ${out}`)));
    });
    const base = `http://127.0.0.1:${port}`;
    const peerCookies = await Promise.all(peerEmails.map((e) => signIn(base, e)));
    const supCookie = await signIn(base, "bench-sup@example.org");
    const load0 = loadavg();

    let k = 0;
    const health = await measure(base, () => ({ path: "/health" }), N);
    const caseload = await measure(base, () => ({ path: "/console/caseload", cookie: peerCookies[k++ % peerCookies.length] }), N);
    // Each request a different parent of the signed-in peer's caseload.
    let j = 0;
    const parentPath = () => {
      const peerIdx = j % peerCookies.length;
      const parents = program.parentsByPeer[peerIdx * Math.floor(PEERS / 10)]!;
      const parent = parents[Math.floor(j / peerCookies.length) % parents.length]!;
      j++;
      return { path: `/console/parents/${parent}`, cookie: peerCookies[peerIdx] };
    };
    const parent = await measure(base, parentPath, N);
    // An older page of texts: the cursor two pages back from now.
    const older = await measure(
      base,
      () => {
        const p = parentPath();
        return { ...p, path: `${p.path}?before=${encodeURIComponent(new Date(now.getTime() - 50 * 86_400_000).toISOString())}~00000000-0000-4000-8000-000000000000` };
      },
      N,
    );
    const overview = await measure(base, () => ({ path: "/console/caseload", cookie: supCookie }), Math.max(20, Math.floor(N / 4)), 2);
    const onePeer = await measure(base, () => ({ path: `/console/caseload?peer=${program.peerIds[k++ % PEERS]}`, cookie: supCookie }), N);
    const supN = Math.max(10, Math.floor(N / 10));
    const supervisor = await measure(base, () => ({ path: "/console/caseload?peer=all", cookie: supCookie }), supN, 2);
    const load1 = loadavg();

    const caseP95 = percentile(caseload.server, 95);
    const parentP95 = percentile(parent.server, 95);
    const ok = caseP95 <= TARGET_MS && parentP95 <= TARGET_MS;
    heading("console pages on a year of data", [
      `seeded ${PEERS} peers × ${PER_PEER} parents × ${DAYS} days: ${counts.c} check-ins, ${counts.o} texts out, ${counts.i} in (${fmt(seedSeconds, 1)} s, PostgreSQL ${url.host})`,
      `sequential requests from this process to the app in its own process (web role, no workers); server = app time per request`,
      line("GET /health (baseline)", health),
      line("caseload, peer (15 parents)", caseload, health),
      line("parent page, peer", parent, health),
      line("parent page, older texts", older, health),
      line("overview by peer, supervisor", overview, health),
      line("one peer's caseload, supervisor", onePeer, health),
      line("every parent (?peer=all), supervisor", supervisor, health),
      `target: caseload and parent page server p95 ≤ ${TARGET_MS} ms: ${verdict(ok)} (caseload ${fmt(caseP95, 1)} ms, parent ${fmt(parentP95, 1)} ms)`,
      `load average before/after the measured requests: ${load0.map((x) => x.toFixed(2)).join(" ")} → ${load1.map((x) => x.toFixed(2)).join(" ")}`,
    ]);
    return {
      name: "console pages",
      summary: [`caseload p95 ${fmt(caseP95, 1)} ms, parent page p95 ${fmt(parentP95, 1)} ms (target ≤ ${TARGET_MS}): ${verdict(ok)}`],
      met: ok,
    };
  } finally {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child!.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    }
    await db.query(`drop schema if exists ${quoteIdent(schema)} cascade`).catch(() => undefined);
    await db.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  run().then(
    (r) => process.exit(r.met ? 0 : 1),
    (err: unknown) => {
      console.error(err);
      process.exit(2);
    },
  );
}
