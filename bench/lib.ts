/**
 * Shared helpers for the benchmarks. Every timing a bench reports is paired with a
 * baseline measured in the same run, because this machine (2 cores) is shared and noisy:
 * absolute numbers drift from run to run, ratios much less.
 */
import { cpus, loadavg } from "node:os";
import type { Redis } from "ioredis";
import type { Queryable } from "../src/adapters/postgres";

export function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Nearest-rank percentile (p in 0..100) of a sample. */
export function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const rank = Math.min(s.length, Math.max(1, Math.ceil((p / 100) * s.length)));
  return s[rank - 1]!;
}

export const fmt = (n: number, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : String(n));

export function heading(title: string, lines: string[]): void {
  console.log(`\n=== ${title} ===`);
  for (const l of lines) console.log(`  ${l}`);
  console.log(`  ${machineLine()}`);
}

/** The box is shared: every result is printed with how busy it was when measured. */
export function machineLine(): string {
  const [one, five] = loadavg();
  return `machine: ${cpus().length} cores, load average ${one!.toFixed(2)} (1 min) / ${five!.toFixed(2)} (5 min), node ${process.version}, ${new Date().toISOString()}`;
}

/** What run-all collects from each bench for its summary. */
export interface BenchResult {
  name: string;
  /** One line per headline number, e.g. "ratio 0.41 (target >= 0.35): MET". */
  summary: string[];
  met: boolean;
}

export function verdict(ok: boolean): string {
  return ok ? "MET" : "NOT MET";
}

export interface ParticipantSeed {
  count: number;
  /** IANA zones, assigned round-robin. */
  zones: string[];
  /** Daily check-in local times, assigned round-robin (offset from zones so the mix varies). */
  dailyTimes: string[];
  /** Nightly local times, or [] for none. */
  nightlyTimes: string[];
  consentChangedAt: Date;
  /** Distinguishes phone ranges when a bench seeds twice into one database. */
  phoneBlock?: number;
}

/**
 * Inserts opted-in, active participants with one set-based INSERT … SELECT
 * generate_series (seconds for 100k on Postgres), bypassing the admin API on purpose:
 * the bench measures planning, not enrolment.
 */
export async function seedParticipants(db: Queryable, s: ParticipantSeed): Promise<void> {
  const block = s.phoneBlock ?? 0;
  const nightly = s.nightlyTimes.length ? s.nightlyTimes : [null];
  await db.query(
    `insert into participants
       (first_name, phone, time_zone, language, daily_checkin_time, nightly_checkin_time, status, consent, consent_changed_at)
     select 'P' || g,
            '+1' || lpad(($1::int * 10000000 + 2000000000 + g)::text, 10, '0'),
            ($2::text[])[1 + (g % array_length($2::text[], 1))],
            case when g % 3 = 0 then 'es' else 'en' end,
            ($3::text[])[1 + ((g / 7) % array_length($3::text[], 1))],
            ($4::text[])[1 + ((g / 5) % array_length($4::text[], 1))],
            'active', 'opted_in', $5::timestamptz
       from generate_series(1, $6::int) g`,
    [block, s.zones, s.dailyTimes, nightly, s.consentChangedAt, s.count],
  );
}

/** Deletes every Redis key under a BullMQ prefix (after obliterate, for anything left). */
export async function deletePrefix(redis: Redis, prefix: string): Promise<number> {
  let cursor = "0";
  let deleted = 0;
  for (let i = 0; i < 100_000; i++) {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 1000);
    if (keys.length) deleted += await redis.unlink(...keys);
    cursor = next;
    if (cursor === "0") break;
  }
  return deleted;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Harness env for a bench: `extra` plus FLOWS_DIR when set in the shell (so a bench can run
 * against a known flow catalog while flows/ is being edited).
 */
export function benchEnv(extra: Record<string, string>): Record<string, string> {
  return { ...(process.env.FLOWS_DIR ? { FLOWS_DIR: process.env.FLOWS_DIR } : {}), ...extra };
}
