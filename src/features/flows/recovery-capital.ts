import type { Job } from "../../jobs/define";
import { decideStart, isScheduledDate, planFlowStarts, startDueAt, type Cadence, type FlowSchedule } from "../../domain/flows/cadence";
import type { Flow, FlowValue } from "../../domain/flows/schema";
import type { Participant } from "../../domain/model";
import { localDateOf } from "../../domain/time";
import type { payload } from "../../jobs/queues";
import { type Store } from "../../adapters/postgres";
import type { RecoveryCapitalCheck } from "../../adapters/postgres/recovery-capital";
import type { Deps } from "../../ports/deps";
import { dispatchEffects, noEffects } from "../../jobs/effects";
import { startFlowIn } from "./flow-engine";
import { itemNames, RECOVERY_CAPITAL_FLOW } from "./recovery-capital-score";
import { canReceiveRoutine } from "../../domain/routine-texts";
import type { z } from "zod";
import { JOBS } from "../../jobs/catalog";
import { scheduleIn, scheduleManyIn, sleepUntil } from "../../jobs/define";

/**
 * Recovery capital (M3: "each time they complete it … I find something to show them
 * they are doing right"): a short check played as the `recovery-capital` flow, on a
 * weekly or monthly cadence. Items are the flow's ask steps (their `record` names), so a
 * program changes the statements in flows/recovery-capital.json, not here.
 *
 * Completed with every item answered 1–5 → a total. Timed out, skipped items, or stopped
 * (crisis, pause) → stored as incomplete with the answers given, and no total: a total
 * over fewer items would look like a drop that never happened.
 */
export { itemNames, onRecoveryCapitalEnded, RECOVERY_CAPITAL_FLOW, scoreOf } from "./recovery-capital-score";
/** A start that finds another run active tries again this much later (within the grace). */
const BUSY_RETRY_MS = 15 * 60_000;
/** Far enough to always hold the next monthly occurrence; the start job plans the one after. */
const HORIZON_DAYS = 35;

type FlowStartPayload = z.infer<typeof payload.flowStart>;

async function cadenceFor(store: Store, flow: Flow, participantId: string): Promise<Cadence | null> {
  return effectiveCadence(flow, await store.recoveryCapital.cadenceFor(participantId));
}

function effectiveCadence(flow: Flow, own: Cadence | "off" | null | undefined): Cadence | null {
  if (own === "off") return null;
  return own ?? flow.schedule?.cadence ?? null;
}

/**
 * Keeps the participant's next recovery-capital starts as delayed jobs. Called from
 * planParticipant (enrolment, edits, opt-in, resume) and by each start job for the next.
 */
export async function planRecoveryCapital(participantId: string, deps: Deps): Promise<number> {
  const flow = deps.flows.engine[RECOVERY_CAPITAL_FLOW];
  if (!flow?.schedule) return 0;
  const participant = await deps.store.participants.get(participantId);
  return canReceiveRoutine(participant) ? planStartsFor(participant, flow, flow.schedule, deps) : 0;
}

async function planStartsFor(participant: Participant, flow: Flow, schedule: FlowSchedule, deps: Deps): Promise<number> {
  const cadence = await cadenceFor(deps.store, flow, participant.id);
  if (!cadence) return 0;
  const now = deps.clock.now();
  let added = 0;
  for (const start of startsToKeep(participant, flow, schedule, cadence, now)) {
    if (await scheduleIn(deps.queues, JOBS.flowStart, start.data, start.delayMs)) added++;
  }
  return added;
}

/**
 * Only the next start (and one just missed, to be skipped explicitly): each start plans
 * the one after, so a participant holds one or two jobs however long the horizon.
 */
function startsToKeep(participant: Participant, flow: Flow, schedule: FlowSchedule, cadence: Cadence, now: Date): { data: FlowStartPayload; delayMs: number }[] {
  const plans = planFlowStarts(participant, schedule, cadence, now, HORIZON_DAYS, participant.consentChangedAt);
  const nextIndex = plans.findIndex((x) => x.dueAt.getTime() > now.getTime());
  return plans
    .filter((x, i) => x.dueAt.getTime() <= now.getTime() || i === nextIndex)
    .map((plan) => ({
      data: { participantId: participant.id, flowId: flow.id, localDate: plan.localDate, dueAt: plan.dueAt.toISOString() },
      delayMs: plan.dueAt.getTime() - now.getTime(),
    }));
}

/**
 * The safety net under the start-job chain (a lost Redis, a changed flow file): every
 * few hours, plan each schedulable participant's next start. Job ids make it idempotent.
 */
export async function planAllRecoveryCapital(deps: Deps, pageSize = 500): Promise<{ participants: number; jobs: number }> {
  const flow = deps.flows.engine[RECOVERY_CAPITAL_FLOW];
  const schedule = flow?.schedule;
  if (!flow || !schedule) return { participants: 0, jobs: 0 };
  const store = deps.store;
  let afterId: string | null = null;
  let participants = 0;
  let jobs = 0;
  for (;;) {
    const page = await store.participants.listSchedulable(afterId, pageSize);
    if (page.length === 0) break;
    afterId = page[page.length - 1]!.id;
    participants += page.length;
    // A page at a time (rows, cadences, Redis): per participant it was a store read and a
    // Redis read each, most of the start-up's time and allocation at 100k (docs/perf.md).
    const cadences = await store.recoveryCapital.cadencesFor(page.map((p) => p.id));
    const now = deps.clock.now();
    const starts = page.flatMap((p) => {
      const cadence = effectiveCadence(flow, cadences.get(p.id));
      return cadence ? startsToKeep(p, flow, schedule, cadence, now) : [];
    });
    jobs += await scheduleManyIn(deps.queues, JOBS.flowStart, starts);
    // Lets webhooks and jobs in between pages.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { participants, jobs };
}

export type FlowStartOutcome = "started" | "busy_retry" | "busy" | "duplicate" | "not_eligible" | "not_due" | "missed_send_window" | "quiet_hours" | "rescheduled";

/** The `flows` queue's start job. `job`/`token` let it move itself (settings changed, or busy). */
export async function runFlowStart(p: FlowStartPayload, deps: Deps, self?: { job: Job; token?: string }): Promise<FlowStartOutcome> {
  const flow = deps.flows.engine[p.flowId];
  if (!flow?.schedule) return "not_due";
  const store = deps.store;
  const participant = await store.participants.get(p.participantId);
  if (!canReceiveRoutine(participant)) return "not_eligible";
  const cadence = await cadenceFor(store, flow, participant.id);
  if (!cadence || !isScheduledDate(p.localDate, flow.schedule, cadence)) return "not_due";
  const now = deps.clock.now();
  const dueAt = startDueAt(participant, flow.schedule, p.localDate);
  const decision = decideStart(participant, dueAt, now, deps.config.SEND_GRACE_MINUTES);
  if (decision.action === "wait") return moveSelf(self, p, decision.until, now, "rescheduled");
  if (decision.action === "skip") {
    await planRecoveryCapital(participant.id, deps);
    return decision.reason;
  }
  const effects = noEffects();
  const outcome = await deps.transaction(async (tx) => {
    // Re-read inside the transaction; startFlowIn refuses one no longer active and opted in.
    const fresh = await tx.participants.get(participant.id);
    if (!fresh) return "not_eligible" as const;
    return startFlowIn({ store: tx, deps, now, effects }, fresh, flow.id, `${flow.id}|${participant.id}|${p.localDate}`);
  });
  await dispatchEffects(deps, effects);
  if (outcome === "busy" && now.getTime() + BUSY_RETRY_MS - dueAt.getTime() <= deps.config.SEND_GRACE_MINUTES * 60_000) {
    return moveSelf(self, p, new Date(now.getTime() + BUSY_RETRY_MS), now, "busy_retry");
  }
  await planRecoveryCapital(participant.id, deps);
  return outcome === "started" || outcome === "duplicate" || outcome === "busy" ? outcome : "not_eligible";
}

async function moveSelf(self: { job: Job; token?: string } | undefined, p: FlowStartPayload, at: Date, now: Date, outcome: FlowStartOutcome): Promise<FlowStartOutcome> {
  if (!self) return outcome;
  await self.job.updateData({ ...p, dueAt: at.toISOString() });
  return sleepUntil(self.job, self.token, at, now);
}

export interface TrendPoint {
  date: string;
  finishedAt: string;
  status: RecoveryCapitalCheck["status"];
  total: number | null;
  /** Change from the previous complete check; null for the first or an incomplete one. */
  change: number | null;
  items: Record<string, FlowValue>;
}

/** The trend for the peer: oldest first, with each complete total's change. */
export async function recoveryCapitalTrend(participant: Participant, deps: Deps): Promise<{ maxTotal: number | null; checks: TrendPoint[] }> {
  const flow = deps.flows.engine[RECOVERY_CAPITAL_FLOW];
  const checks = await deps.store.recoveryCapital.listFor(participant.id);
  let last: number | null = null;
  return {
    maxTotal: flow ? itemNames(flow).length * 5 : null,
    checks: checks.map((c) => {
      const change = c.total !== null && last !== null ? c.total - last : null;
      if (c.total !== null) last = c.total;
      return {
        date: localDateOf(c.finishedAt, participant.timeZone),
        finishedAt: c.finishedAt.toISOString(),
        status: c.status,
        total: c.total,
        change,
        items: c.items,
      };
    }),
  };
}
