import type { Job } from "../../jobs/define";
import { checkinDueAt, decideDue, missedStreak, planCheckins, shouldAlertMissedStreak, type PlannedCheckin } from "../../domain/checkin-plan";
import type { Participant } from "../../domain/model";
import { canReceiveRoutine } from "../../domain/routine-texts";
import { addDays } from "../../domain/time";
import { jobId, type CheckinClosePayload, type CheckinDuePayload } from "../../jobs/queues";
import { type Store } from "../../adapters/postgres";
import type { Deps } from "../../ports/deps";
import { dispatchEffects, noEffects } from "../../jobs/effects";
import { renderFor, textVars } from "../texts";
import { planAppointmentsFor } from "../appointments/appointments";
import { withDaySchedule } from "../appointments/day-schedule";
import { planRecoveryCapital } from "../flows/recovery-capital";
import { JOBS } from "../../jobs/catalog";
import { enqueue, jobRequest, scheduleIn, sleepUntil } from "../../jobs/define";


function dueJob(plan: PlannedCheckin, now: Date) {
  const data: CheckinDuePayload = {
    participantId: plan.participantId,
    kind: plan.kind,
    localDate: plan.localDate,
    dueAt: plan.dueAt.toISOString(),
  };
  return jobRequest(JOBS.checkinDue, data, { delay: Math.max(0, plan.dueAt.getTime() - now.getTime()) });
}

/**
 * A check-in whose send time is already past the grace window can only ever be recorded as
 * skipped (decideDue says so whenever its job would run), so the planner records it at once
 * instead of queueing a job that would do just that: about a quarter of a full re-plan.
 */
function splitPastGrace(plans: PlannedCheckin[], participants: Map<string, Participant>, now: Date, graceMinutes: number) {
  const live: PlannedCheckin[] = [];
  const skipped: PlannedCheckin[] = [];
  for (const plan of plans) {
    const decision = decideDue(participants.get(plan.participantId)!, plan.kind, plan.dueAt, now, graceMinutes);
    (decision.action === "skip" && decision.reason === "missed_send_window" ? skipped : live).push(plan);
  }
  return { live, skipped };
}

/**
 * Only the next check-in of each kind per participant is kept in Redis: the earliest one
 * still to send. The one after it is added when it fires (`rollForward`), and the hourly
 * planAll re-creates any that went missing (a lost job, a flushed Redis). Plans come in
 * date order per participant (planCheckins), so the first of each kind is the next.
 * About 2 delayed jobs per parent instead of one per day of the horizon.
 */
export function nextOfEachKind(plans: PlannedCheckin[]): PlannedCheckin[] {
  const seen = new Set<string>();
  const next: PlannedCheckin[] = [];
  for (const plan of plans) {
    const key = `${plan.participantId}|${plan.kind}`;
    if (seen.has(key)) continue;
    seen.add(key);
    next.push(plan);
  }
  return next;
}

/** Drops plans whose check-in is already recorded (sent, answered, skipped…): one query for a page of participants. */
async function withoutRecorded(store: Store, plans: PlannedCheckin[], participantIds: string[]): Promise<PlannedCheckin[]> {
  const done = await store.checkins.existingKeys([...new Set(plans.map((p) => p.localDate))], participantIds);
  return done.size ? plans.filter((p) => !done.has(`${p.participantId}|${p.kind}|${p.localDate}`)) : plans;
}

/**
 * (Re)plans one participant after enrolment or an edit. A delayed job planned for another
 * time is replaced; jobs already running or done are left to the processor, which
 * re-checks the time against current settings.
 */
export async function planParticipant(participantId: string, deps: Deps): Promise<number> {
  const store = deps.store;
  const participant = await store.participants.get(participantId);
  if (!canReceiveRoutine(participant)) return 0;
  const now = deps.clock.now();
  let added = 0;
  const { live, skipped } = splitPastGrace(
    await withoutRecorded(store, planCheckins(participant, now, deps.config.PLAN_HORIZON_DAYS), [participant.id]),
    new Map([[participant.id, participant]]),
    now,
    deps.config.SEND_GRACE_MINUTES,
  );
  await store.checkins.recordSkippedMany(skipped, "missed_send_window");
  for (const plan of nextOfEachKind(live)) {
    const job = dueJob(plan, now);
    if (await scheduleIn(deps.queues, JOBS.checkinDue, job.data, plan.dueAt.getTime() - now.getTime())) added++;
  }
  await planRecoveryCapital(participantId, deps);
  await planAppointmentsFor(participantId, deps);
  return added;
}

/**
 * How many addBulk calls planAll keeps in flight. BullMQ encodes a batch in this process
 * and Redis then runs it as one MULTI, each side idle while the other works; a few in
 * flight keep both busy. The plan bench replays its raw baseline with the same number.
 */
export const PLAN_ADDS_IN_FLIGHT = 3;

/**
 * Jobs per addBulk call, and participants planned between two turns of the event loop.
 * BullMQ encodes a whole addBulk synchronously (about 50 µs a job), and planning is pure
 * CPU: in bigger pieces the web server (crisis texts included) would wait behind them
 * (a page of 1,000 at once blocked the loop for 100–400 ms). In these pieces no single
 * step holds the loop much beyond 10 ms on a quiet machine.
 */
export const PLAN_ADD_CHUNK = 100;
const PLAN_SLICE = 50;

/** Where planAll waited (ms): the next page, the recorded-check-in lookup, the skipped-row insert, Redis. */
export interface PlanStages {
  readPage: number;
  recorded: number;
  skipRows: number;
  redis: number;
}

/** Lets timers, I/O and requests run between two pieces of CPU-bound planning. */
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Plans every schedulable participant, a page at a time. Job ids make this safe to run
 * hourly, at every start-up and from several processes at once. Only the next check-in
 * of each kind becomes a job (nextOfEachKind); check-ins already past the grace window
 * become skipped rows.
 *
 * Pipelined, because each stage waits on a different resource: the next page is read
 * from the database while this one is planned, and earlier addBulk calls may still be in
 * Redis while this one is planned (bounded, so memory stays flat and a failure surfaces
 * within a few calls). Memory is one page of rows and a few chunks of jobs, whatever the
 * number of participants.
 */
export async function planAll(
  deps: Deps,
  pageSize = 250,
  /** Filled with ms spent waiting per stage (the plan bench prints it). */
  stages?: PlanStages,
): Promise<{ participants: number; jobs: number; skipped: number }> {
  const timed = async <T>(stage: keyof PlanStages, p: Promise<T>): Promise<T> => {
    if (!stages) return p;
    const t0 = performance.now();
    try {
      return await p;
    } finally {
      stages[stage] += performance.now() - t0;
    }
  };
  const store = deps.store;
  const now = deps.clock.now();
  const horizon = deps.config.PLAN_HORIZON_DAYS;
  let participants = 0;
  let jobs = 0;
  let skippedRows = 0;
  const adding: Promise<unknown>[] = [];
  // Each promise is awaited later; the early no-op handler only stops Node from calling
  // a rejection "unhandled" (and exiting) while an earlier stage is still being awaited.
  const started = <T>(p: Promise<T>): Promise<T> => {
    p.catch(() => undefined);
    return p;
  };
  // Every local date a plan can fall on, in any zone: a zone's date is within a day of
  // UTC's, and plans run from yesterday to `horizon` days ahead. Knowing them up front
  // lets the recorded-check-in lookup start as soon as a page's ids are known.
  const utcToday = now.toISOString().slice(0, 10);
  const dates = Array.from({ length: horizon + 4 }, (_, i) => addDays(utcToday, i - 2));
  const readPage = async (afterId: string | null) => {
    const page = await store.participants.listSchedulable(afterId, pageSize);
    const recorded = page.length ? started(store.checkins.existingKeys(dates, page.map((p) => p.id))) : Promise.resolve(new Set<string>());
    return { page, recorded };
  };
  let next = started(readPage(null));
  // The previous page's skipped-row insert runs while this page is planned and added.
  let skipping: Promise<number> = Promise.resolve(0);
  for (;;) {
    const { page, recorded } = await timed("readPage", next);
    if (page.length === 0) break;
    next = page.length < pageSize ? Promise.resolve({ page: [], recorded: Promise.resolve(new Set<string>()) }) : started(readPage(page[page.length - 1]!.id));
    participants += page.length;
    const plans: PlannedCheckin[] = [];
    for (let i = 0; i < page.length; i += PLAN_SLICE) {
      for (let k = i; k < Math.min(page.length, i + PLAN_SLICE); k++) for (const p of planCheckins(page[k]!, now, horizon)) plans.push(p);
      await yieldToLoop();
    }
    const done = await timed("recorded", recorded);
    const notDone = done.size ? plans.filter((p) => !done.has(`${p.participantId}|${p.kind}|${p.localDate}`)) : plans;
    const { live, skipped } = splitPastGrace(notDone, new Map(page.map((p) => [p.id, p])), now, deps.config.SEND_GRACE_MINUTES);
    const fresh = nextOfEachKind(live);
    skippedRows += await timed("skipRows", skipping);
    skipping = started(store.checkins.recordSkippedMany(skipped, "missed_send_window"));
    for (let i = 0; i < fresh.length; i += PLAN_ADD_CHUNK) {
      if (adding.length >= PLAN_ADDS_IN_FLIGHT) await timed("redis", adding.shift()!);
      else await yieldToLoop();
      // BullMQ counts a delay from when the job is added, so measure it from this moment,
      // not from the start of the run (a 100k plan would otherwise fire minutes late).
      const at = deps.clock.now();
      adding.push(started(deps.queues.checkins.addBulk(fresh.slice(i, i + PLAN_ADD_CHUNK).map((p) => dueJob(p, at)))));
    }
    jobs += fresh.length;
  }
  skippedRows += await timed("skipRows", skipping);
  await timed("redis", Promise.all(adding));
  return { participants, jobs, skipped: skippedRows };
}

export type DueOutcome = "sent" | "not_eligible" | "duplicate" | "rescheduled" | "missed_send_window" | "quiet_hours";

/**
 * Runs when a check-in job fires. `job`/`token` let it move itself when settings changed.
 * Whatever it decides (sent, skipped, already recorded, moved to its new time), the next
 * check-in of the same kind is put on the schedule: only one per kind is planned ahead
 * (nextOfEachKind).
 * A failure to add it fails the job, whose retry adds it (nothing is sent twice: the
 * check-in row is the record); the hourly planAll is the net under both.
 */
export async function runCheckinDue(
  payload: CheckinDuePayload,
  deps: Deps,
  reschedule?: { job: Job; token?: string },
): Promise<DueOutcome> {
  const participant = await deps.store.participants.get(payload.participantId);
  if (!canReceiveRoutine(participant)) return "not_eligible";
  if (!checkinDueAt(participant, payload.kind, payload.localDate)) return "not_eligible";
  // Independent of what this one decides (a later date), so it runs alongside: one Redis
  // round trip fewer on the way to the send. Awaited on every path, a DelayedError too.
  const rolled = rollForward(participant, payload, deps);
  rolled.catch(() => undefined);
  try {
    return await dueFor(participant, payload, deps, reschedule);
  } finally {
    await rolled;
  }
}

/**
 * Adds the job for the first check-in of `payload.kind` after `payload.localDate` that is
 * not yet past its grace window (normally tomorrow's). Its id is the business key, so a
 * job already there (planAll got there first, a retry) is left as it is: it re-checks
 * the time against current settings when it fires.
 */
async function rollForward(participant: Participant, payload: CheckinDuePayload, deps: Deps): Promise<void> {
  const now = deps.clock.now();
  const graceMs = deps.config.SEND_GRACE_MINUTES * 60_000;
  const next = planCheckins(participant, now, deps.config.PLAN_HORIZON_DAYS).find(
    (p) => p.kind === payload.kind && p.localDate > payload.localDate && now.getTime() - p.dueAt.getTime() <= graceMs,
  );
  if (!next) return;
  const job = dueJob(next, now);
  await enqueue(deps.queues, JOBS.checkinDue, job.data, { delay: job.opts.delay });
}

async function dueFor(
  participant: Participant,
  payload: CheckinDuePayload,
  deps: Deps,
  reschedule?: { job: Job; token?: string },
): Promise<DueOutcome> {
  const now = deps.clock.now();
  const store = deps.store;
  const dueAt = checkinDueAt(participant, payload.kind, payload.localDate);
  if (!dueAt) return "not_eligible";
  const decision = decideDue(participant, payload.kind, dueAt, now, deps.config.SEND_GRACE_MINUTES);
  if (decision.action === "reschedule") {
    if (!reschedule) return "rescheduled";
    await reschedule.job.updateData({ ...payload, dueAt: decision.dueAt.toISOString() });
    return sleepUntil(reschedule.job, reschedule.token, decision.dueAt, now);
  }
  if (decision.action === "skip") {
    await store.checkins.createOnce({ ...payload, dueAt, status: "skipped", skipReason: decision.reason });
    return decision.reason;
  }
  const flow = deps.flows.checkins[payload.kind];
  const result = await deps.transaction(async (tx) => {
    const windowClosesAt = new Date(now.getTime() + flow.replyWindowMinutes * 60_000);
    const checkin = await tx.checkins.createOnce({ ...payload, dueAt, status: "awaiting", windowClosesAt });
    if (!checkin) {
      // Already recorded: a retry of a job that committed but died before queueing its
      // close job (or a duplicate job). Nothing is sent again, but a still-open check-in
      // must get its close job, or it would never be marked missed.
      const existing = await tx.checkins.find(payload.participantId, payload.kind, payload.localDate);
      return { duplicate: true, effects: noEffects(), windowClosesAt: existing?.status === "awaiting" ? existing.windowClosesAt : null };
    }
    const peer = participant.peerId ? await tx.peers.get(participant.peerId) : null;
    const effects = noEffects();
    const { message, isNew } = await tx.outbound.createOnce({
      idempotencyKey: jobId.checkinDue(payload),
      toPhone: participant.phone,
      body: await withDaySchedule(tx, deps, participant, { ...payload, dueAt }, renderFor(flow.texts.prompt, participant.language, textVars(deps, participant, peer))),
      kind: `checkin_${payload.kind}`,
      priority: "routine",
      participantId: participant.id,
      notAfter: new Date(dueAt.getTime() + deps.config.SEND_GRACE_MINUTES * 60_000),
    });
    if (isNew) effects.sms.push(message);
    return { duplicate: false, effects, windowClosesAt };
  });
  await dispatchEffects(deps, result.effects);
  if (result.windowClosesAt) await scheduleClose(payload, result.windowClosesAt, deps);
  return result.duplicate ? "duplicate" : "sent";
}

/**
 * The reply-window close job; its id makes adding it again a no-op. Only a check-in that
 * was actually sent has one: planning adds due jobs only, and the due job adds this after
 * its commit. A crash between the two is covered twice: the due job's retry finds the
 * row already recorded and adds it (the "duplicate" path above), and `sweepOrphans` adds
 * it for any still-awaiting check-in whose window has closed with no close job.
 */
export async function scheduleClose(payload: CheckinClosePayload, windowClosesAt: Date, deps: Deps) {
  const close: CheckinClosePayload = { participantId: payload.participantId, kind: payload.kind, localDate: payload.localDate };
  await enqueue(deps.queues, JOBS.checkinClose, close, { delay: Math.max(0, windowClosesAt.getTime() - deps.clock.now().getTime()) });
}

/** Runs when a check-in's reply window ends: unanswered → missed; a streak alerts the peer. */
export async function runCheckinClose(payload: CheckinClosePayload, deps: Deps): Promise<"missed" | "answered" | "alerted"> {
  const threshold = deps.config.MISSED_CHECKINS_ALERT_AFTER;
  const effects = noEffects();
  const outcome = await deps.transaction(async (tx) => {
    if (!(await tx.checkins.markMissed(payload.participantId, payload.kind, payload.localDate))) return "answered" as const;
    const streak = missedStreak(await tx.checkins.recentSentStatuses(payload.participantId, threshold * 50));
    if (!shouldAlertMissedStreak(streak, threshold)) return "missed" as const;
    const participant = await tx.participants.get(payload.participantId);
    const { notification, isNew } = await tx.notifications.createOnce({
      idempotencyKey: `missed_streak|${jobId.checkinDue(payload)}`,
      peerId: participant?.peerId ?? null,
      participantId: payload.participantId,
      kind: "missed_streak",
      summary: `${streak} check-ins in a row with no reply`,
    });
    if (isNew) effects.notifications.push(notification);
    return "alerted" as const;
  });
  await dispatchEffects(deps, effects);
  return outcome;
}
