import { computeFigures, type ReportFigures } from "../../domain/reports/figures";
import { monthBounds, previousMonth, type ReportMonth } from "../../domain/reports/month";
import { draftNotes } from "../../domain/reports/narrative";
import { localDateOf } from "../../domain/time";
import type { DraftCandidate, FactWindow, MonthlyReport } from "../../adapters/postgres/reports";
import type { Deps } from "../../ports/deps";
import { itemNames, RECOVERY_CAPITAL_FLOW } from "../flows/recovery-capital-score";

type DraftDeps = Pick<Deps, "store" | "clock" | "config" | "flows" | "log"> & { db: Pick<Deps["db"], "kind"> };

/**
 * Parents per round trip: seven queries fetch a whole batch's month. Embedded PGlite runs
 * each query on this process's thread (the one the webhook answers on), so it gets small
 * batches and a turn of the event loop between them: ~0.2 s per batch of 25 with a year
 * of history, against several seconds for 250 (bench/monthly-reports.ts).
 */
const BATCH = { postgres: 250, pglite: 25 } as const;

export interface DraftOutcome {
  month: ReportMonth;
  /** Active parents looked at. */
  parents: number;
  drafted: number;
  /** Already had this month's draft (a re-run, or the peer drafted it by hand). */
  existing: number;
  /** Enrolled after the month ended, or the month is not over yet in their zone. */
  notDue: number;
}

/**
 * The monthly drafting job (1st of the month, 06:00 in the program's zone): one draft per
 * active parent for the month that just ended. The month is the program's (the one before
 * today in SUPERVISOR_TIME_ZONE), its bounds the parent's (local midnights in their zone),
 * so a parent in Los Angeles gets their own November. Idempotent: a re-run, or two
 * processes running it at once, inserts nothing twice (unique parent × month).
 * Paused and discharged parents get none; the peer can draft one by hand.
 */
export async function draftMonthlyReports(deps: DraftDeps, opts: { month?: ReportMonth } = {}): Promise<DraftOutcome> {
  const now = deps.clock.now();
  const month = opts.month ?? previousMonth(localDateOf(now, deps.config.SUPERVISOR_TIME_ZONE));
  const outcome: DraftOutcome = { month, parents: 0, drafted: 0, existing: 0, notDue: 0 };
  let after: string | null = null;
  const size = BATCH[deps.db.kind];
  for (;;) {
    const batch = await deps.store.reports.listActive(after, size);
    if (batch.length === 0) break;
    after = batch.at(-1)!.id;
    outcome.parents += batch.length;
    const r = await draftBatch(deps, batch, month, now);
    outcome.drafted += r.drafted;
    outcome.existing += r.existing;
    outcome.notDue += r.notDue;
    if (batch.length < size) break;
    await new Promise((resolve) => setImmediate(resolve));
  }
  deps.log.info("monthly reports drafted", { ...outcome });
  return outcome;
}

/**
 * A draft for one parent and month (the peer's "draft now"), whatever the parent's status
 * or enrolment date. Not for a month still running in the parent's zone: that draft would
 * hold part of the month and, being the one draft, keep the job from drafting it whole.
 */
export async function draftReportFor(deps: DraftDeps, participantId: string, month: ReportMonth): Promise<MonthlyReport | "month_not_over" | null> {
  const p = await deps.store.participants.get(participantId);
  if (!p) return null;
  if (monthBounds(month, p.timeZone).to > deps.clock.now()) return "month_not_over";
  const peer = p.peerId ? await deps.store.peers.get(p.peerId) : null;
  const candidate: DraftCandidate = { id: p.id, firstName: p.firstName, timeZone: p.timeZone, peerId: p.peerId, peerName: peer?.name ?? null, status: p.status, createdAt: p.createdAt };
  await draftBatch(deps, [candidate], month, deps.clock.now(), { evenIfNotDue: true });
  return deps.store.reports.find(participantId, month);
}

async function draftBatch(deps: DraftDeps, parents: DraftCandidate[], month: ReportMonth, now: Date, opts: { evenIfNotDue?: boolean } = {}) {
  const windows = new Map<string, FactWindow & { parent: DraftCandidate }>();
  let notDue = 0;
  for (const parent of parents) {
    const b = monthBounds(month, parent.timeZone);
    // Nothing to report on a month the parent was not enrolled in, or one not over yet.
    if (!opts.evenIfNotDue && (parent.createdAt >= b.to || b.to > now)) {
      notDue++;
      continue;
    }
    windows.set(parent.id, { participantId: parent.id, zone: parent.timeZone, from: b.from, to: b.to, firstDate: b.firstDate, lastDate: b.lastDate, parent });
  }
  const done = await deps.store.reports.existing([...windows.keys()].map((participantId) => ({ participantId, month })));
  for (const id of windows.keys()) if (done.has(`${id}|${month}`)) windows.delete(id);
  const existing = done.size;
  if (windows.size === 0) return { drafted: 0, existing, notDue };

  const figures = await figuresFor(deps, [...windows.values()], month);
  const drafts = [...windows.values()].map((w) => {
    const f = figures.get(w.participantId)!;
    return { participantId: w.participantId, month, timeZone: w.zone, peerId: w.parent.peerId, figures: f, notes: draftNotes(f) };
  });
  const drafted = await deps.store.reports.createDraftsOnce(drafts);
  // Another process may have drafted some in between: they count as existing.
  return { drafted, existing: existing + (drafts.length - drafted), notDue };
}

async function figuresFor(deps: DraftDeps, windows: (FactWindow & { parent: DraftCandidate })[], month: ReportMonth): Promise<Map<string, ReportFigures>> {
  const rows = await deps.store.reports.monthRows(windows);
  const rcMax = rcMaxTotal(deps);
  return new Map(
    windows.map((w) => {
      const r = rows.get(w.participantId)!;
      const figures = computeFigures({
        bounds: monthBounds(month, w.zone),
        firstName: w.parent.firstName,
        peerName: w.parent.peerName,
        enrolledOn: localDateOf(w.parent.createdAt, w.zone),
        status: w.parent.status,
        checkins: r.checkins,
        appointments: r.appointments,
        recoveryCapital: r.recoveryCapital.map((c) => ({ localDate: localDateOf(c.finishedAt, w.zone), total: c.total })),
        recoveryCapitalMax: rcMax,
        pointsEarned: r.pointsEarned,
        pointsTotal: r.pointsTotal,
        contactDates: r.contactDates,
        returnToUseDates: r.returnToUseDates,
        phases: r.phases,
      });
      return [w.participantId, figures] as const;
    }),
  );
}

/**
 * Re-computes a draft's figures from the rows as they are now (an appointment outcome or
 * a late reply recorded after the 1st). The peer's notes are kept as written: the page
 * says so, since a note may quote the old numbers. Past releases keep their own copy.
 */
export async function refreshFigures(deps: DraftDeps, reportId: string, by: string): Promise<MonthlyReport | null> {
  const report = await deps.store.reports.get(reportId);
  if (!report) return null;
  const p = await deps.store.participants.get(report.participantId);
  if (!p) return null;
  const peer = p.peerId ? await deps.store.peers.get(p.peerId) : null;
  // The zone the draft was made in: the month's bounds must not move under the peer.
  const b = monthBounds(report.month, report.timeZone);
  const parent: DraftCandidate = { id: p.id, firstName: p.firstName, timeZone: report.timeZone, peerId: p.peerId, peerName: peer?.name ?? null, status: p.status, createdAt: p.createdAt };
  const figures = await figuresFor(deps, [{ participantId: p.id, zone: report.timeZone, from: b.from, to: b.to, firstDate: b.firstDate, lastDate: b.lastDate, parent }], report.month);
  return deps.store.reports.updateFigures(report.id, figures.get(p.id)!, by);
}

/** Items × 5 from the recovery-capital flow file (the plot's scale); 0 when there is no such flow. */
function rcMaxTotal(deps: Pick<Deps, "flows">): number {
  const flow = deps.flows.engine[RECOVERY_CAPITAL_FLOW];
  return flow ? itemNames(flow).length * 5 : 0;
}
