import { existsSync, mkdirSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve, type ServerType } from "@hono/node-server";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import type { Hono } from "hono";
import type { Queryable } from "../../src/adapters/postgres";

/**
 * Browser-test harness for the web console (docs/console.md): the app on a loopback port,
 * Debian's Chromium driven by playwright-core, axe-core, sign-in and a deterministic
 * program seed. One browser per test file; close both in afterAll.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const SCREENSHOTS_DIR = new URL("../../docs/screenshots/", import.meta.url).pathname;

export interface ServedApp {
  url: string;
  close(): Promise<void>;
}

/** Serves `app` (buildApp's, e.g. harness.app) on 127.0.0.1 at a free port. */
export async function serveApp(app: Hono): Promise<ServedApp> {
  let server!: ServerType;
  await new Promise<void>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        // Keep-alive sockets from the browser would hold close() open.
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

export interface Browser {
  context: BrowserContext;
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Chromium with a fresh profile. Fails (never skips) when Chromium is missing: CI
 * installs it (.ci/run), and a skipped browser test would pass without testing anything.
 */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH`);
  }
  const profile = await mkdtemp(join(tmpdir(), "bl-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
    viewport: { width: 1280, height: 900 },
    deviceScaleFactor: 1,
    locale: "en-US",
    timezoneId: "America/New_York",
  });
  // A missing element fails within 10 s with Playwright's message, not at the test's timeout.
  context.setDefaultTimeout(10_000);
  return {
    context,
    newPage: () => context.newPage(),
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

export interface A11yViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

const requireHere = createRequire(import.meta.url);
let axeSource: Promise<string> | null = null;

/** Runs axe-core on the page; returns the serious and critical violations (expect them to be []). */
export async function checkA11y(page: Page): Promise<A11yViolation[]> {
  axeSource ??= readFile(requireHere.resolve("axe-core/axe.min.js"), "utf8");
  const source = await axeSource;
  // Injected with evaluate rather than a <script> tag: the console's CSP allows no inline scripts.
  await page.evaluate(source);
  const results = (await page.evaluate("axe.run(document, { resultTypes: ['violations'] })")) as {
    violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
  };
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.flatMap((n) => n.target.map(String)).slice(0, 5) }));
}

/** Signs in through the form; resolves on the page the console lands on. */
export async function signIn(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/console/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((u) => !u.pathname.endsWith("/login"), { timeout: 10_000 }).catch(async (err: unknown) => {
    const alert = await page.getByRole("alert").textContent().catch(() => null);
    throw new Error(`sign-in as ${email} stayed on ${page.url()}${alert ? `: ${alert.trim()}` : ""} (${(err as Error).message})`);
  });
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL((u) => u.pathname.endsWith("/login"), { timeout: 10_000 });
}

/**
 * Every run takes the screenshot (a page that cannot render fails here); only
 * `UPDATE_SCREENSHOTS=1 npx vitest run test/browser` writes docs/screenshots/, so an
 * ordinary test run leaves the tracked files alone.
 */
export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = process.env.UPDATE_SCREENSHOTS === "1" ? SCREENSHOTS_DIR : join(tmpdir(), "buddyline-screenshots");
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

// ---------------------------------------------------------------------------------------
// A deterministic program: same ids, names, numbers and history for the same options.

const FIRST = ["Ana", "Bea", "Cruz", "Dana", "Eli", "Fern", "Gus", "Hana", "Ines", "Jo", "Kai", "Lupe", "Mo", "Nia", "Omar", "Paz"];
const PEER_NAMES = ["Rosa Diaz", "Sam Lee", "Tomas Ruiz", "Uma Patel", "Vic Moreno", "Wen Chen"];

export function seedId(kind: number, n: number): string {
  return `00000000-0000-4000-8${kind.toString(16).padStart(3, "0")}-${n.toString(16).padStart(12, "0")}`;
}

export interface SeedOptions {
  peers: number;
  parentsPerPeer: number;
  /** Days of history before `now` (check-ins, texts, recovery capital). */
  days: number;
  now: Date;
  /** Languages each peer speaks (default: even peers English and Spanish, odd English). */
  languages?: (peerIndex: number) => string[];
}

export interface SeededProgram {
  peerIds: string[];
  /** Parent ids per peer, in order. */
  parentsByPeer: string[][];
  participantIds: string[];
}

/**
 * Peers, parents and their history in a handful of statements (fast enough for the
 * 1,500-parent benchmark): daily check-ins (answered with a score that drifts, some
 * missed), the check-in texts out and the replies in (one undelivered a fortnight), an
 * upcoming and a past appointment, points, recovery-capital checks every 2 weeks, a phase.
 */
export async function seedProgram(db: Queryable, o: SeedOptions): Promise<SeededProgram> {
  const peerIds: string[] = [];
  const parentsByPeer: string[][] = [];
  const participantIds: string[] = [];
  const peerRows: unknown[][] = [];
  const parentRows: unknown[][] = [];
  let n = 0;
  for (let p = 0; p < o.peers; p++) {
    const peerId = seedId(1, p + 1);
    peerIds.push(peerId);
    const name = o.peers <= PEER_NAMES.length ? PEER_NAMES[p]! : `Peer ${String(p + 1).padStart(3, "0")}`;
    peerRows.push([peerId, name, JSON.stringify(o.languages ? o.languages(p) : p % 2 === 0 ? ["en", "es"] : ["en"])]);
    const mine: string[] = [];
    for (let k = 0; k < o.parentsPerPeer; k++) {
      n++;
      const id = seedId(2, n);
      mine.push(id);
      participantIds.push(id);
      parentRows.push([id, `${FIRST[(n - 1) % FIRST.length]}${n > FIRST.length ? ` ${Math.ceil(n / FIRST.length)}` : ""}`, `+1555${String(2000000 + n).padStart(7, "0")}`, n % 3 === 0 ? "es" : "en", peerId]);
    }
    parentsByPeer.push(mine);
  }
  const now = o.now;
  await db.query(
    `insert into peers (id, name, time_zone, languages, created_at, updated_at)
     select id, name, 'America/New_York', languages::jsonb, $4, $4 from unnest($1::uuid[], $2::text[], $3::text[]) as x(id, name, languages)`,
    [peerRows.map((r) => r[0]), peerRows.map((r) => r[1]), peerRows.map((r) => r[2]), now],
  );
  await db.query(
    `insert into participants (id, first_name, phone, time_zone, language, peer_id, daily_checkin_time, status, consent, consent_changed_at, created_at, updated_at)
     select id, first_name, phone, 'America/New_York', language, peer_id, '09:00', 'active', 'opted_in', $6, $6, $6
       from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::uuid[]) as x(id, first_name, phone, language, peer_id)`,
    [parentRows.map((r) => r[0]), parentRows.map((r) => r[1]), parentRows.map((r) => r[2]), parentRows.map((r) => r[3]), parentRows.map((r) => r[4]), now],
  );
  // Days: d = 1..days before now, due at 14:00 UTC (09:00 New York in winter).
  const days = `generate_series(1, $2::int) as d(n)`;
  const parents = `unnest($1::uuid[]) with ordinality as p(id, i)`;
  const dueAt = `(date_trunc('day', $3::timestamptz) - make_interval(days => d.n) + interval '14 hours')`;
  // Score drifts by parent and day; every 9th (parent+day) is missed; today is still awaiting.
  const missed = `((p.i + d.n) % 9 = 0 or (p.i % 5 = 0 and d.n <= 3))`;
  const score = `(1 + ((p.i * 7 + d.n * 3 + (d.n / 5)) % 5))::int`;
  const ids = participantIds;
  await db.query(
    `insert into checkins (participant_id, kind, local_date, due_at, status, score, answered_at, window_closes_at, created_at)
     select p.id, 'daily', to_char(${dueAt} at time zone 'America/New_York', 'YYYY-MM-DD'), ${dueAt},
            case when ${missed} then 'missed' else 'answered' end,
            case when ${missed} then null else ${score} end,
            case when ${missed} then null else ${dueAt} + interval '20 minutes' end,
            ${dueAt} + interval '3 hours', ${dueAt}
       from ${parents} cross join ${days}`,
    [ids, o.days, now],
  );
  await db.query(
    `insert into outbound_messages (idempotency_key, to_phone, body, kind, priority, participant_id, status, provider_sid, created_at, updated_at, sent_at)
     select 'seed|' || p.id || '|' || d.n, pp.phone,
            case when pp.language = 'es' then '¿Cómo te sientes hoy? Responde 1-5.' else 'How are you feeling today? Reply 1-5.' end,
            'checkin', 'routine', p.id,
            case when (p.i + d.n) % 14 = 0 then 'undelivered' else 'delivered' end,
            'SMseedout' || p.i || 'x' || d.n, ${dueAt}, ${dueAt}, ${dueAt}
       from ${parents} join participants pp on pp.id = p.id cross join ${days}`,
    [ids, o.days, now],
  );
  await db.query(
    `insert into inbound_messages (message_sid, from_phone, to_phone, body, participant_id, received_at, processed_at, outcome)
     select 'SMseedin' || p.i || 'x' || d.n, pp.phone, '+15550001111',
            case when d.n % 6 = 0 then ${score}::text || ' rough day but I went to my meeting' else ${score}::text end,
            p.id, ${dueAt} + interval '20 minutes', ${dueAt} + interval '20 minutes', 'checkin_answered'
       from ${parents} join participants pp on pp.id = p.id cross join ${days} where not ${missed}`,
    [ids, o.days, now],
  );
  await db.query(
    `insert into appointments (participant_id, kind, local_date, local_time, time_zone, starts_at, place, status, outcome_at, created_at, updated_at)
     select p.id, k.kind, to_char(k.at at time zone 'America/New_York', 'YYYY-MM-DD'), to_char(k.at at time zone 'America/New_York', 'HH24:MI'),
            'America/New_York', k.at, k.place, k.status, case when k.status = 'scheduled' then null else k.at end, $2, $2
       from ${parents}
       cross join lateral (values
         ('court_hearing', date_trunc('day', $2::timestamptz) + make_interval(days => 2 + (p.i % 9)::int) + interval '15 hours', 'Family court, room 4', 'scheduled'),
         ('treatment_session', date_trunc('day', $2::timestamptz) - make_interval(days => 3 + (p.i % 5)::int) + interval '16 hours', 'Clinic', case when p.i % 4 = 0 then 'missed' else 'attended' end)
       ) as k(kind, at, place, status)`,
    [ids, now],
  );
  await db.query(
    `insert into points_ledger (participant_id, source_key, reason, points, created_at)
     select c.participant_id, 'seed|' || c.id, 'checkin_answered', 1, c.answered_at from checkins c
      where c.participant_id = any($1::uuid[]) and c.status = 'answered'`,
    [ids],
  );
  // Recovery capital every 14 days: a run and its complete check.
  await db.query(
    `with runs as (
       insert into flow_runs (participant_id, flow_id, status, started_at, updated_at, ended_at, start_key)
       select p.id, 'recovery_capital', 'completed', ${dueAt}, ${dueAt}, ${dueAt}, 'seed-rc|' || p.id || '|' || d.n
         from ${parents} cross join ${days} where d.n % 14 = 0
       returning id, participant_id, started_at)
     insert into recovery_capital_checks (participant_id, run_id, status, total, items, finished_at)
     select r.participant_id, r.id, 'complete', 18 + ((extract(epoch from r.started_at)::bigint / 1209600) * 5 % 13)::int, '{}'::jsonb, r.started_at from runs r`,
    [ids, o.days, now],
  );
  await db.query(
    `insert into participant_phases (participant_id, name, start_date, end_date, cadence, created_at)
     select p.id, 'Reunification', to_char($2::timestamptz - interval '30 days', 'YYYY-MM-DD'), to_char($2::timestamptz + interval '60 days', 'YYYY-MM-DD'), '{}'::jsonb, $2
       from ${parents}`,
    [ids, now],
  );
  return { peerIds, parentsByPeer, participantIds };
}
