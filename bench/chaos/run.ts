/**
 * `npm run chaos`: the service as several processes on one Redis and one Postgres, under
 * real-time traffic, while parts of it are killed, restarted and made to fail (issue 13,
 * "Scale out on the engines we already use"). Not part of `npm test` (~6 minutes).
 *
 * What runs: a private redis-server (AOF, appendfsync everysec, noeviction, own port and
 * folder), a private PostgreSQL (initdb + pg_ctl, own port and folder), the fake Twilio in
 * its own process behind a 429/500/hang switch (fake-twilio-process.ts), and the built
 * service (built with scripts/build.mjs from the last commit in a temp folder, see
 * buildService; CHAOS_WORKTREE=1 for the working tree) as 2 × `--role web` +
 * 2 × `--role worker`. This process is the load generator and the balancer (round-robin
 * over the two web ports, traffic.ts); it enrols parents through the admin API, 48 with a
 * daily check-in a few minutes ahead (so check-ins fall due while the scenarios run) and
 * 24 without, who text STOP and START in turn (a reply each, so routine sends run in
 * every scenario). docs/reliability.md says what each column counts.
 *
 * Scenarios, one after another, each CHAOS_SCENARIO_SECONDS (25) of traffic at CHAOS_RATE
 * (6) texts/s, one in seven a crisis text from a new number, then a drain: the run waits
 * (up to 90 s) until every acknowledged text is stored and processed, no routine text is
 * waiting and every case has been paged, and counts (measure.ts).
 *
 * Goals (exit code 1 if any fails): 0 lost inbound, 0 doubled routine sends, 0 lost
 * pages, 0 lost check-ins, every crisis safety reply within 1 s, and no service process
 * exiting unless the run killed it.
 *
 *   npm run chaos
 *   CHAOS_SCENARIOS=baseline,kill-worker npm run chaos      # a subset (baseline-like setup always runs)
 *   CHAOS_REF=<commit> npm run chaos                         # build that commit instead of HEAD
 *   CHAOS_KEEP=1 npm run chaos                               # keep the temp folder: service logs, tables as JSON, the fake's sends
 */
import { fork, spawnSync, type ChildProcess } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { DateTime } from "luxon";
import { Redis } from "ioredis";
import pg from "pg";
import { QUEUE } from "../../src/jobs/queues";
import { freePort, startPrivatePostgres, startPrivateRedis, type PrivatePostgres, type PrivateRedis } from "../../test/outage/services";
import { fmt, machineLine, sleep } from "../lib";
import { measure, settled, type ExpectedCheckin, type FakeDump, type ScenarioResult, type Window } from "./measure";
import { serviceProcess, type ServiceProcess } from "./processes";
import type { DriverToFake, FakeMode, FakeToDriver } from "./protocol";
import { ACCOUNT_SID, Balancer, offerLoad, PROGRAM_NUMBER, PUBLIC_URL, sendText, TWILIO_AUTH_TOKEN, type TextRecord } from "./traffic";

const SCENARIO_MS = Number(process.env.CHAOS_SCENARIO_SECONDS ?? 25) * 1000;
const RATE = Number(process.env.CHAOS_RATE ?? 6);
const CRISIS_EVERY = 7; // odd, so crisis texts alternate between the two web processes
const PARENTS = Number(process.env.CHAOS_PARENTS ?? 48);
const DRAIN_MAX_MS = 90_000;
const ADMIN_TOKEN = "chaos-admin-token-0123456789";
const ALWAYS_ON = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: "00:00", end: "00:00" }));
const RESPONDER_PHONES = ["+15551000001", "+15551000002"];
// Not HELP/INFO: from an enrolled parent that opens a volunteer check (a hotline case)
// and holds their next texts for the volunteer, so the routine paths would go quiet.
const ROUTINE_BODIES = ["3", "running late to group today, will call you after", "4"];
/** Parents without check-ins who text STOP and START in turn: each text gets its own reply, so routine sends run in every scenario. */
const CYCLERS = Math.max(1, Math.floor(PARENTS / 2));
const CRISIS_BODIES = ["i took all my pills", "I want to kill myself tonight", "no quiero vivir", "i just took all my pills and im scared"];

interface Ctx {
  webs: ServiceProcess[];
  workers: ServiceProcess[];
  redis: PrivateRedis;
  postgres: PrivatePostgres;
  setMode(mode: FakeMode): Promise<void>;
  /** Jobs BullMQ lists as active (being processed by some worker) right now, over every queue ("queue:id"). */
  activeJobs(): Promise<string[]>;
}

interface Scenario {
  name: string;
  what: string;
  /** Runs from 0 s into the scenario's traffic; its steps are timed from its start. May return a note for the report. */
  action(ctx: Ctx, at: (ms: number) => Promise<void>): Promise<string | void>;
}

const SCENARIOS: Scenario[] = [
  { name: "baseline", what: "no fault", action: async () => undefined },
  {
    name: "kill-web",
    what: "SIGKILL web-1 at 8 s, restart at 13 s",
    action: async (c, at) => {
      await at(8000);
      await c.webs[0]!.kill();
      await at(13_000);
      await c.webs[0]!.start();
    },
  },
  {
    name: "kill-worker",
    what: "SIGKILL worker-1 at 8 s while it holds a job (up to 3 tries), restart at 13 s (a killed worker's jobs stay locked 30 s)",
    action: async (c, at) => {
      await at(8000);
      // A kill between jobs proves little. Which worker holds a job is not visible from
      // outside, so: kill while some job is active, and if none of the jobs active at the
      // kill is still active 1 s later (the live worker finishes its own in milliseconds),
      // worker-1 held none: start it and try again.
      let orphaned = 0;
      let tries = 0;
      while (tries < 3) {
        tries++;
        let before: string[] = [];
        const until = Date.now() + 3000;
        while ((before = await c.activeJobs().catch(() => [])).length === 0 && Date.now() < until) await sleep(5);
        await c.workers[0]!.kill();
        await sleep(1000);
        const after = new Set(await c.activeJobs().catch(() => []));
        orphaned = before.filter((j) => after.has(j)).length;
        if (orphaned > 0 || tries === 3) break;
        await c.workers[0]!.start();
      }
      await at(13_000);
      await c.workers[0]!.start();
      return `killed ${tries} time(s); ${orphaned} job(s) left locked by the killed worker (${orphaned ? "taken over after the lock expired" : "none: the kill fell between jobs"})`;
    },
  },
  {
    name: "restart-redis",
    what: "SIGKILL redis-server at 8 s (AOF everysec), start again at 11 s",
    action: async (c, at) => {
      await at(8000);
      await c.redis.kill();
      await at(11_000);
      await c.redis.start();
    },
  },
  {
    name: "restart-postgres",
    what: "pg_ctl stop -m immediate at 8 s (crash recovery on start), start at 12 s",
    action: async (c, at) => {
      await at(8000);
      await c.postgres.kill();
      await at(12_000);
      await c.postgres.start();
    },
  },
  ...(["429", "500", "hang"] as const).map(
    (mode): Scenario => ({
      name: `twilio-${mode}`,
      what: `fake Twilio answers every send with ${mode === "hang" ? "nothing (hangs; the SDK times out after 10 s)" : mode} from 5 s to 15 s`,
      action: async (c, at) => {
        await at(5000);
        await c.setMode(mode);
        await at(15_000);
        await c.setMode("ok");
      },
    }),
  ),
];

// ---------------------------------------------------------------- cleanup, also on Ctrl-C
const cleanups: (() => Promise<unknown>)[] = [];
let cleaning: Promise<void> | null = null;
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const c of cleanups.reverse()) await c().catch((err: unknown) => console.error("cleanup:", err));
  })();
  return cleaning;
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping every process and removing temp folders…`);
    void cleanup().finally(() => process.exit(130));
  });
}

// ---------------------------------------------------------------- the run
async function main(): Promise<number> {
  const only = process.env.CHAOS_SCENARIOS?.split(",").map((s) => s.trim());
  const scenarios = only ? SCENARIOS.filter((s) => only.includes(s.name)) : SCENARIOS;
  console.log(`chaos run: ${scenarios.map((s) => s.name).join(", ")}; ${RATE} texts/s (1 in ${CRISIS_EVERY} crisis) for ${SCENARIO_MS / 1000} s each`);
  console.log(machineLine());
  const loadAtStart = loadavg();

  const tmp = mkdtempSync(join("/tmp", "buddyline-chaos-"));
  if (!process.env.CHAOS_KEEP) cleanups.push(async () => rmSync(tmp, { recursive: true, force: true }));
  else cleanups.push(async () => console.log(`kept ${tmp} (service logs *.log, tables and the fake's sends *.json)`));

  const { cwd, mainJs } = buildService(tmp);

  mkdirSync(join(tmp, "redis"));
  const redis = await startPrivateRedis({ aofDir: join(tmp, "redis") });
  cleanups.push(() => redis.stop());
  const postgres = await startPrivatePostgres();
  cleanups.push(() => postgres.stop());
  const fake = await startFake();
  cleanups.push(async () => fake.child.disconnect());

  const webPorts = [await freePort(), await freePort()];
  const env = (name: string): Record<string, string> => ({
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "",
    HOST: "127.0.0.1",
    PUBLIC_URL,
    ADMIN_TOKEN,
    DATA_DIR: join(tmp, name),
    DATABASE_URL: postgres.url,
    REDIS_URL: redis.url,
    QUEUE_PREFIX: "chaos",
    TWILIO_ACCOUNT_SID: ACCOUNT_SID,
    TWILIO_AUTH_TOKEN,
    TWILIO_FROM: PROGRAM_NUMBER,
    TWILIO_API_BASE_URL: fake.url,
    SMS_MAX_PER_SECOND: "50",
    LOG_LEVEL: "info",
  });
  const proc = (name: string, role: "web" | "worker", port: number | null) =>
    serviceProcess({ name, role, cwd, mainJs, env: env(name), port, logFile: join(tmp, `${name}.log`) });
  const webs = [proc("web-1", "web", webPorts[0]!), proc("web-2", "web", webPorts[1]!)];
  const workers = [proc("worker-1", "worker", null), proc("worker-2", "worker", null)];
  const all = [...webs, ...workers];
  cleanups.push(() => Promise.all(all.map((p) => p.stop())));
  // One first, so migrations run once in a known order; the rest start together.
  await webs[0]!.start();
  await Promise.all([webs[1]!.start(), ...workers.map((w) => w.start())]);
  console.log("4 service processes ready");

  const db = new pg.Pool({ connectionString: postgres.url, max: 2 });
  db.on("error", () => undefined); // Postgres restarts mid-run: queries retry in the drain loop
  cleanups.push(() => db.end());
  const lb = new Balancer(webPorts);
  const texts: TextRecord[] = [];
  const windows: Window[] = [];
  const loads: Record<string, number> = {};

  // ---- setup: responders, a peer, parents with a check-in a few minutes ahead, each texts YES
  const setupWindow: Window = { name: "setup", from: Date.now(), to: 0 };
  // Spread the check-ins over the minutes the scenarios should take (~10 s of drain each).
  const spreadMinutes = Math.max(1, Math.floor((scenarios.length * (SCENARIO_MS + 10_000)) / 60_000) - 1);
  const { expected, phones, cyclers } = await enrol(webPorts[0]!, lb, texts, spreadMinutes);
  await waitFor(
    async () => Number((await db.query("select count(*) as n from participants where consent = 'opted_in'")).rows[0].n) === PARENTS + CYCLERS,
    60_000,
    "every parent opted in",
  );
  setupWindow.to = Date.now();
  windows.push(setupWindow);
  console.log(`enrolled ${PARENTS} parents with a check-in and ${CYCLERS} without (check-ins due ${new Date(Math.min(...expected.map((e) => e.dueAt))).toISOString().slice(11, 16)}–${new Date(Math.max(...expected.map((e) => e.dueAt))).toISOString().slice(11, 16)} UTC)`);

  const probe = new Redis(redis.url, { maxRetriesPerRequest: 1 });
  probe.on("error", () => undefined); // Redis restarts mid-run
  cleanups.push(async () => probe.disconnect());
  const activeJobs = async () => {
    const lists = await Promise.all(Object.values(QUEUE).map(async (q) => (await probe.lrange(`chaos:${q}:active`, 0, -1)).map((id) => `${q}:${id}`)));
    return lists.flat();
  };
  const ctx: Ctx = { webs, workers, redis, postgres, setMode: fake.setMode, activeJobs };
  let crisisNumber = 0;
  for (const sc of scenarios) {
    const w: Window = { name: sc.name, from: Date.now(), to: 0 };
    const mine: TextRecord[] = [];
    const next = (i: number) => {
      if (i % CRISIS_EVERY === CRISIS_EVERY - 1) {
        const n = crisisNumber++;
        return { from: `+1555300${String(n).padStart(4, "0")}`, body: CRISIS_BODIES[n % CRISIS_BODIES.length]!, crisis: true };
      }
      const r = Math.floor(i / 2);
      if (i % 2 === 1) {
        return { from: cyclers[r % cyclers.length]!, body: Math.floor(r / cyclers.length) % 2 === 0 ? "STOP" : "START", crisis: false };
      }
      return { from: phones[r % phones.length]!, body: ROUTINE_BODIES[Math.floor(r / phones.length) % ROUTINE_BODIES.length]!, crisis: false };
    };
    process.stdout.write(`${sc.name}: ${sc.what} … `);
    const load = offerLoad(lb, RATE, next, sc.name, mine);
    const at = async (ms: number) => sleep(Math.max(0, w.from + ms - Date.now()));
    const note = await sc.action(ctx, at);
    await at(SCENARIO_MS);
    await load.stop();
    texts.push(...mine);
    const drainFrom = Date.now();
    let done = false;
    while (!done && Date.now() - drainFrom < DRAIN_MAX_MS) {
      done = await settled(db, w, mine, await fake.dump(), RESPONDER_PHONES).catch(() => false);
      if (!done) await sleep(500);
    }
    w.to = Date.now();
    windows.push(w);
    loads[sc.name] = loadavg()[0]!;
    const drained = done ? `drained in ${fmt((w.to - drainFrom) / 1000, 1)} s` : `NOT settled after ${DRAIN_MAX_MS / 1000} s (counted as it stands)`;
    console.log(`${note ? `${note}; ` : ""}${drained}`);
  }

  const dump = await fake.dump();
  if (process.env.CHAOS_KEEP) {
    // For reading afterwards: the store's message and case tables, what the fake saw, every text's answer.
    for (const table of ["inbound_messages", "outbound_messages", "hotline_cases", "case_events", "checkins"]) {
      writeFileSync(join(tmp, `${table}.json`), JSON.stringify((await db.query(`select * from ${table}`)).rows));
    }
    writeFileSync(join(tmp, "fake-twilio.json"), JSON.stringify(dump));
    writeFileSync(join(tmp, "texts.json"), JSON.stringify(texts));
  }
  const results = await measure(db, windows, texts, dump, RESPONDER_PHONES, expected);
  const crashes = all.flatMap((p) => p.crashes);
  const unmeasured = expected.filter((e) => !windows.some((w) => e.dueAt >= w.from && e.dueAt < w.to)).length;
  if (unmeasured) console.log(`${unmeasured} check-ins fell due outside every scenario (between or after them): not counted`);
  const loadAtEnd = loadavg();
  printTable(results, windows, loads);
  console.log(`\nload average (1 min) at start ${fmt(loadAtStart[0]!)}, at end ${fmt(loadAtEnd[0]!)}; ${machineLine()}`);
  if (crashes.length) console.log(`unexpected exits: ${crashes.join("; ")}`);
  for (const t of texts.filter((x) => x.crisis && (!x.ok || (x.ms ?? Infinity) > 1000))) {
    console.log(`late crisis reply (${t.scenario}): ${t.ms === null ? "no answer" : `${Math.round(t.ms)} ms`}, ${t.attempts} attempt(s), ${t.connectionErrors} connection error(s), ${t.fiveXX} 5xx, last status ${t.status ?? "none"}`);
  }

  const scored = results.filter((r) => r.name !== "setup");
  const sum = (k: keyof ScenarioResult) => scored.reduce((n, r) => n + (r[k] as number), 0);
  const goals = [
    { what: "0 lost inbound (acknowledged or unanswered and not stored, or never processed)", value: sum("lostInbound") + sum("unprocessed") },
    { what: "0 doubled routine sends", value: results.reduce((n, r) => n + r.doubledRoutine, 0) },
    { what: "0 lost pages", value: sum("lostPages") },
    { what: "0 lost check-ins", value: sum("checkinsLost") },
    { what: "every crisis reply within 1 s", value: sum("crisisLate") },
    { what: "0 service processes exiting unless killed by the run", value: crashes.length },
  ];
  console.log("");
  for (const g of goals) console.log(`${g.value === 0 ? "MET    " : "NOT MET"}  ${g.what}: ${g.value}`);
  return goals.every((g) => g.value === 0) ? 0 : 1;
}

/**
 * The service the run exercises, built in a folder of its own: by default the last commit
 * (git archive HEAD; CHAOS_REF=<commit> for another), so other people's uncommitted edits in this tree are not what gets
 * tested and a rebuild of dist/ mid-run cannot change the code a restarted process runs;
 * with CHAOS_WORKTREE=1, the working tree as it is. Built with scripts/build.mjs (what
 * `npm run build` runs); node_modules is a symlink to this tree's.
 */
function buildService(tmp: string): { cwd: string; mainJs: string } {
  const cwd = join(tmp, "tree");
  mkdirSync(cwd);
  const parts = ["src", "scripts", "flows", "package.json"];
  let from: string;
  if (process.env.CHAOS_WORKTREE) {
    for (const p of parts) cpSync(p, join(cwd, p), { recursive: true });
    from = `working tree at ${spawnSync("git", ["describe", "--always", "--dirty"], { encoding: "utf8" }).stdout.trim()}`;
  } else {
    const ref = process.env.CHAOS_REF ?? "HEAD";
    if (!/^[\w./~^-]+$/.test(ref)) throw new Error(`CHAOS_REF: not a commit name: ${ref}`);
    const archive = spawnSync("sh", ["-c", `git archive ${ref} ${parts.join(" ")} | tar -x -C "${cwd}"`], { stdio: "inherit" });
    if (archive.status !== 0) throw new Error(`git archive ${ref} failed`);
    from = `commit ${spawnSync("git", ["rev-parse", "--short", ref], { encoding: "utf8" }).stdout.trim()}`;
  }
  symlinkSync(resolve("node_modules"), join(cwd, "node_modules"));
  const built = spawnSync(process.execPath, ["scripts/build.mjs"], { cwd, stdio: "inherit" });
  if (built.status !== 0) throw new Error("scripts/build.mjs failed");
  console.log(`service: dist/main.js built from ${from}`);
  return { cwd, mainJs: join(cwd, "dist", "main.js") };
}

async function startFake() {
  const child: ChildProcess = fork(fileURLToPath(new URL("./fake-twilio-process.ts", import.meta.url)), [], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const waiters: ((m: FakeToDriver) => void)[] = [];
  child.on("message", (m: FakeToDriver) => waiters.shift()?.(m));
  const ask = (m: DriverToFake | null) =>
    new Promise<FakeToDriver>((r) => {
      waiters.push(r);
      if (m) child.send(m);
    });
  const ready = await ask(null);
  if (ready.type !== "ready") throw new Error("fake Twilio did not start");
  return {
    child,
    url: ready.url,
    async setMode(mode: FakeMode) {
      await ask({ type: "mode", mode });
    },
    async dump(): Promise<FakeDump> {
      return (await ask({ type: "dump" })) as FakeDump;
    },
  };
}

async function enrol(
  port: number,
  lb: Balancer,
  texts: TextRecord[],
  spreadMinutes: number,
): Promise<{ expected: ExpectedCheckin[]; phones: string[]; cyclers: string[] }> {
  const admin = async (path: string, body: unknown) => {
    const res = await fetch(`http://127.0.0.1:${port}/api${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (res.status !== 201) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, { id: string }>;
  };
  const zone = daytimeZone();
  const { peer } = await admin("/peers", { name: "Rosa Diaz", timeZone: zone });
  for (const [i, phone] of RESPONDER_PHONES.entries()) {
    await admin("/hotline/responders", { name: `Volunteer ${i + 1}`, phone, timeZone: zone, shifts: ALWAYS_ON, tier: "primary" });
  }
  const expected: ExpectedCheckin[] = [];
  const phones: string[] = [];
  for (let i = 0; i < PARENTS; i++) {
    // From 2 minutes ahead (enrolment and YES take a while), one minute after another.
    const due = DateTime.now().setZone(zone).plus({ minutes: 2 + (i % spreadMinutes) }).startOf("minute");
    const phone = `+1555200${String(i).padStart(4, "0")}`;
    await admin("/participants", {
      firstName: `Parent${i}`,
      phone,
      timeZone: zone,
      language: "en",
      peerId: peer!.id,
      dailyCheckinTime: due.toFormat("HH:mm"),
      nightlyCheckinTime: null,
    });
    expected.push({ phone, dueAt: due.toMillis() });
    phones.push(phone);
  }
  const cyclers: string[] = [];
  for (let i = 0; i < CYCLERS; i++) {
    const phone = `+1555201${String(i).padStart(4, "0")}`;
    await admin("/participants", { firstName: `Cycler${i}`, phone, timeZone: zone, language: "en", peerId: peer!.id, dailyCheckinTime: null, nightlyCheckinTime: null });
    cyclers.push(phone);
  }
  const replies = await Promise.all([...phones, ...cyclers].map((from) => sendText(lb, { from, body: "YES", crisis: false, scenario: "setup" })));
  texts.push(...replies);
  return { expected, phones, cyclers };
}

/** A zone where it is daytime now, so the check-ins a few minutes ahead are inside the default send window. */
function daytimeZone(): string {
  const zones = ["America/New_York", "America/Los_Angeles", "Pacific/Honolulu", "Pacific/Auckland", "Australia/Sydney", "Asia/Tokyo", "Asia/Bangkok", "Asia/Kolkata", "Asia/Dubai", "Europe/Athens", "Europe/Paris", "Europe/London", "Atlantic/Azores", "America/Sao_Paulo"];
  const z = zones.find((zone) => {
    const h = DateTime.now().setZone(zone).hour;
    return h >= 9 && h <= 18;
  });
  if (!z) throw new Error("no daytime zone found");
  return z;
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

function printTable(results: ScenarioResult[], windows: Window[], loads: Record<string, number>) {
  const ms = (n: number) => (Number.isFinite(n) ? String(Math.round(n)) : "–");
  const head = [
    "scenario",
    "sent (crisis)",
    "200",
    "stored",
    "lost in",
    "unproc",
    "slowest processing s",
    "5xx",
    "conn err",
    "out rows",
    "delivered",
    "undeliv",
    "unknown",
    "doubled",
    "crisis re-sent",
    "direct pages",
    "check-ins due/lost",
    "cases",
    "lost pages",
    "1st page p50/max ms",
    "crisis late",
    "crisis reply p50/p99/max ms",
    "drain s",
    "load 1m",
  ];
  console.log(`\n| ${head.join(" | ")} |`);
  console.log(`|${head.map(() => "---").join("|")}|`);
  for (const r of results) {
    const w = windows.find((x) => x.name === r.name)!;
    console.log(
      `| ${[
        r.name,
        `${r.sent} (${r.crisisSent})`,
        r.acked,
        r.stored,
        r.lostInbound,
        r.unprocessed,
        Number.isFinite(r.slowestProcessingMs) ? fmt(r.slowestProcessingMs / 1000, 1) : "–",
        r.fiveXX,
        r.connectionErrors,
        r.outboundRows,
        r.delivered,
        r.undelivered,
        r.unknownOutcome,
        r.doubledRoutine,
        r.crisisResends,
        r.directPages,
        `${r.checkinsDue}/${r.checkinsLost}`,
        r.cases,
        r.lostPages,
        `${ms(r.firstPageP50Ms)}/${ms(r.firstPageMaxMs)}`,
        r.crisisLate,
        `${ms(r.crisisP50Ms)}/${ms(r.crisisP99Ms)}/${ms(r.crisisMaxMs)}`,
        fmt((w.to - w.from) / 1000, 0),
        loads[r.name] === undefined ? "–" : fmt(loads[r.name]!),
      ].join(" | ")} |`,
    );
  }
}

main()
  .then(async (code) => {
    await cleanup();
    process.exit(code);
  })
  .catch(async (err: unknown) => {
    console.error(err);
    await cleanup();
    process.exit(2);
  });
