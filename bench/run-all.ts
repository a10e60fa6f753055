/**
 * Runs every benchmark in sequence (never in parallel: they would measure each other) and
 * prints a summary.  npm run bench
 *
 * Env: BENCH_DB=pglite|postgres narrows the databases; BENCH_PARTICIPANTS scales the
 * planning bench (default 100,000, which takes several minutes on 2 cores; see
 * BENCHMARKS.md). The exit code is 0 even when a target is missed: a bench reports, it
 * does not gate.
 */
import { run as webhookThroughput } from "./webhook-throughput";
import { run as planCheckins } from "./plan-checkins";
import { run as sendLateness } from "./send-lateness";
import type { BenchResult } from "./lib";

const benches: [string, () => Promise<BenchResult>][] = [
  ["webhook-throughput", webhookThroughput],
  ["plan-checkins", planCheckins],
  ["send-lateness", sendLateness],
];

const results: BenchResult[] = [];
const failures: string[] = [];
for (const [name, bench] of benches) {
  const t0 = performance.now();
  try {
    results.push(await bench());
  } catch (err) {
    failures.push(name);
    console.error(`\n${name} failed:`, err);
  }
  console.log(`  (${name} took ${((performance.now() - t0) / 1000).toFixed(0)} s)`);
}

console.log("\n=== summary (machine: this one; ratios are against baselines measured in the same run) ===");
for (const r of results) for (const line of r.summary) console.log(`  ${line}`);
for (const f of failures) console.log(`  ${f}: FAILED TO RUN`);
process.exit(failures.length ? 1 : 0);
