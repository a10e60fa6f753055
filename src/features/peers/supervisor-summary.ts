import type { SupervisorSummary } from "../../ports/notify";
import { hasWorkingHours, isAway } from "../../domain/boundaries/availability";
import { composeSupervisorSummary } from "../../domain/boundaries/summary";
import { localDateOf } from "../../domain/time";
import type { Deps } from "../../ports/deps";

const DAY_MS = 24 * 3600_000;

/** Gathers the facts (ids, kinds, counts: never bodies or phone numbers) and composes the summary. */
export async function buildSupervisorSummary(deps: Pick<Deps, "db" | "store" | "transaction" | "clock" | "config">): Promise<SupervisorSummary> {
  const now = deps.clock.now();
  const store = deps.store;
  const held = deps.store.boundaries;
  const threshold = deps.config.UNACKED_ALERT_HOURS;
  const [peers, unacked, cases, counts] = await Promise.all([
    store.peers.list(),
    held.listUnacknowledged(new Date(now.getTime() - threshold * 3600_000)),
    store.cases.list(),
    held.boundaryCounts(new Date(now.getTime() - DAY_MS)),
  ]);
  return composeSupervisorSummary({
    date: localDateOf(now, deps.config.SUPERVISOR_TIME_ZONE),
    now,
    unackedAfterHours: threshold,
    unacknowledged: unacked.map((n) => ({ peerId: n.peerId, createdAt: n.createdAt, held: !n.deliveredAt })),
    openCases: cases
      .filter((c) => c.status !== "closed")
      .map((c) => ({ shortId: c.shortId, status: c.status as "open" | "claimed", createdAt: c.createdAt })),
    peers: peers.map((p) => ({
      id: p.id,
      name: p.name,
      deferred: counts.get(p.id)?.deferred ?? 0,
      interruptions: counts.get(p.id)?.interruptions ?? 0,
      hasWorkingHours: hasWorkingHours(p),
      away: isAway(p, now),
    })),
  });
}

/** The daily job: compose and post to the supervisors' channel. */
export async function runSupervisorSummary(deps: Deps): Promise<{ lines: number }> {
  const summary = await buildSupervisorSummary(deps);
  await deps.notify.postSupervisorSummary(summary);
  deps.log.info("supervisor summary posted", { date: summary.date, lines: summary.lines.length });
  return { lines: summary.lines.length };
}

/**
 * One BullMQ job scheduler (cron pattern in the supervisors' zone), upserted so any number
 * of processes share it. The default 08:00 is outside the 01:00–03:00 DST switch hours,
 * where cron-with-tz implementations have fired twice or not at all.
 */
export async function installSupervisorSummary(deps: Pick<Deps, "queues" | "config">): Promise<void> {
  const [hh, mm] = deps.config.SUPERVISOR_SUMMARY_TIME.split(":").map(Number);
  await deps.queues.housekeeping.upsertJobScheduler(
    "supervisor-summary",
    { pattern: `${mm} ${hh} * * *`, tz: deps.config.SUPERVISOR_TIME_ZONE },
    { name: "supervisor-summary" },
  );
}
