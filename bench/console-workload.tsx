/**
 * Server time of the supervisor workload page (docs/console.md, "The workload page") on a
 * year of a 100-peer program: the store reads (grouped note counts per peer and week, the
 * case timelines' page/claim events, peers, responders) plus the pure statistics and the
 * HTML render, as GET /console/workload does after the session check.
 *
 *   npx tsx bench/console-workload.tsx        # BENCH_RUNS=30
 *
 * Seed (PostgreSQL server, private database): 100 peers; 234,000 notes (15 parents × 3
 * notes a week × 52 weeks per peer; 60 % held first, 5 % delivered off-hours, 20 % never
 * acknowledged); 30 responders; 1,040 cases over the year, each paged (5 responders),
 * escalated twice and claimed. Baseline in the same run: a `select 1` round trip.
 */
import { performance } from "node:perf_hooks";
import { TEST_DATABASE_URL } from "../test/support/env";
import { fmt, heading, percentile } from "./lib";
import { privateDatabase } from "./service-process";
import { migrate, openDb, storeFor } from "../src/adapters/postgres";
import { parseConfig } from "../src/app/config";
import { loadWorkload } from "../src/features/console/workload/workload-data";
import { WorkloadPage } from "../src/features/console/workload/workload-view";

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const NOW = new Date("2026-11-25T20:00:00Z");

async function main() {
  const pdb = await privateDatabase(TEST_DATABASE_URL);
  const clock = { now: () => NOW };
  const db = await openDb({ databaseUrl: pdb.url, clock });
  const lines: string[] = [];
  try {
    await migrate(db);
    const t0 = performance.now();
    await db.query(
      `insert into peers (id, name, time_zone, created_at, updated_at)
       select ('00000000-0000-4000-8001-' || lpad(to_hex(g), 12, '0'))::uuid, 'Peer ' || lpad(g::text, 3, '0'), 'America/New_York', $1, $1
         from generate_series(1, 100) g`,
      [NOW],
    );
    // n = note number within the peer's year; at = spread over 52 weeks back from NOW.
    await db.query(
      `insert into peer_notifications (idempotency_key, peer_id, kind, summary, created_at, deferred_at, deferred_until, delivered_at, channel, interrupted_off_hours, acknowledged_at, acknowledged_by)
       select 'bench|' || p || '|' || n, ('00000000-0000-4000-8001-' || lpad(to_hex(p), 12, '0'))::uuid, 'parent_message', 'bench', at,
              case when n % 5 < 3 then at end, case when n % 5 < 3 then at + interval '8 hours' end,
              at + case when n % 5 < 3 then interval '8 hours' else interval '1 minute' end, 'slack',
              n % 20 = 7, case when n % 5 <> 4 then at + interval '9 hours' end,
              case when n % 5 <> 4 then ('00000000-0000-4000-8001-' || lpad(to_hex(p), 12, '0'))::uuid end
         from generate_series(1, 100) p cross join generate_series(1, 2340) n
         cross join lateral (select $1::timestamptz - make_interval(secs => (n * 604800.0 * 52 / 2340)::int + p * 37) as at) t`,
      [NOW],
    );
    await db.query(
      `insert into responders (id, name, phone, time_zone, tier, created_at, updated_at)
       select ('00000000-0000-4000-8002-' || lpad(to_hex(g), 12, '0'))::uuid, 'Responder ' || g, '+1555700' || lpad(g::text, 4, '0'), 'America/New_York',
              case when g <= 20 then 'primary' when g <= 27 then 'backup' else 'supervisor' end, $1, $1
         from generate_series(1, 30) g`,
      [NOW],
    );
    await db.query(
      `with c as (
         insert into hotline_cases (short_id, from_phone, language, level, severity, status, created_at, updated_at, queued_at)
         select 'B' || lpad(g::text, 4, '0'), '+1555800' || lpad(g::text, 4, '0'), 'en', 'imminent', 100, 'closed',
                $1::timestamptz - make_interval(hours => g * 8), $1::timestamptz - make_interval(hours => g * 8), $1::timestamptz - make_interval(hours => g * 8)
           from generate_series(1, 1040) g returning id, created_at, short_id)
       insert into case_events (case_id, at, type, responder_id, detail)
       select c.id, c.created_at + e.off, e.type, e.who, e.detail
         from c cross join lateral (select substring(c.short_id from 2)::int as k) kk
         cross join lateral (values
           (interval '0', 'paged', null::uuid, jsonb_build_object('step', 0, 'round', 0, 'responderIds',
              (select jsonb_agg('00000000-0000-4000-8002-' || lpad(to_hex(1 + (kk.k + j) % 20), 12, '0')) from generate_series(0, 4) j))),
           (interval '2 minutes', 'escalated', null, jsonb_build_object('step', 1, 'round', 0, 'responderIds',
              (select jsonb_agg('00000000-0000-4000-8002-' || lpad(to_hex(1 + (kk.k + j) % 20), 12, '0')) from generate_series(0, 4) j))),
           (interval '4 minutes', 'escalated', null, jsonb_build_object('step', 2, 'round', 0, 'responderIds',
              (select jsonb_agg('00000000-0000-4000-8002-' || lpad(to_hex(1 + (kk.k + j) % 20), 12, '0')) from generate_series(0, 4) j))),
           (make_interval(secs => 30 + (kk.k % 9) * 40), 'claimed', ('00000000-0000-4000-8002-' || lpad(to_hex(1 + kk.k % 20), 12, '0'))::uuid, '{}'::jsonb)
         ) as e(off, type, who, detail)`,
      [NOW],
    );
    await db.query("analyze");
    lines.push(`seeded in ${fmt((performance.now() - t0) / 1000, 1)} s: 100 peers, 234,000 notes, 30 responders, 1,040 cases × 4 timeline events (Postgres db ${pdb.name})`);

    const deps = { store: storeFor(db), clock, config: parseConfig({ SUPERVISOR_TIME_ZONE: "America/New_York" }) };
    const page = async (weeks: number) => {
      const view = await loadWorkload(deps, weeks);
      const html = String(await (<WorkloadPage view={view} weekCount={weeks} />).toString());
      return { view, bytes: html.length };
    };
    const time = async (fn: () => Promise<unknown>) => {
      const xs: number[] = [];
      for (let i = 0; i < 3; i++) await fn(); // warm
      for (let i = 0; i < RUNS; i++) {
        const s = performance.now();
        await fn();
        xs.push(performance.now() - s);
      }
      return xs;
    };
    const base = await time(() => db.query("select 1"));
    lines.push(`baseline select 1: p50 ${fmt(percentile(base, 50))} ms, p95 ${fmt(percentile(base, 95))} ms`);
    for (const weeks of [8, 26]) {
      const { recentWeeks, WORKLOAD_EVENT_TYPES } = await import("../src/domain/workload");
      const wk = recentWeeks(NOW, "America/New_York", weeks);
      const counts = await time(() => deps.store.boundaries.weeklyCounts(wk.map((w) => w.from), wk.at(-1)!.to));
      const events = await time(() => deps.store.cases.eventsBetween(WORKLOAD_EVENT_TYPES, new Date(wk[0]!.from.getTime() - 86_400_000), wk.at(-1)!.to));
      const load = await time(() => loadWorkload(deps, weeks));
      lines.push(
        `weeks=${weeks} parts (p50): note counts query ${fmt(percentile(counts, 50), 1)} ms, timeline events query ${fmt(percentile(events, 50), 1)} ms, ` +
          `all reads + statistics ${fmt(percentile(load, 50), 1)} ms`,
      );
      const sample = await page(weeks);
      const xs = await time(() => page(weeks));
      const held = sample.view.peers.reduce((n, p) => n + p.totals.held, 0);
      lines.push(
        `weeks=${weeks}: p50 ${fmt(percentile(xs, 50), 1)} ms, p95 ${fmt(percentile(xs, 95), 1)} ms, max ${fmt(Math.max(...xs), 1)} ms over ${RUNS} runs ` +
          `(${fmt(percentile(xs, 95) / percentile(base, 95), 0)}× the baseline p95; page ${Math.round(sample.bytes / 1024)} KiB; ${held} held notes counted, ` +
          `${sample.view.volunteers.reduce((n, v) => n + v.claims, 0)} claims)`,
      );
    }
  } finally {
    await db.close().catch(() => undefined);
    await pdb.drop().catch(() => undefined);
  }
  heading("console workload page (bench/console-workload.tsx)", [
    "what: loadWorkload (store reads + pure statistics) + render of the workload page, in this process, on the PostgreSQL server",
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
