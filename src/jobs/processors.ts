import { Worker, type ConnectionOptions, type Processor } from "bullmq";
import { describeError } from "../ports/log";
import { cappedBackoff, QUEUE, type QueueName } from "./queues";
import { JOBS } from "./catalog";
import { dispatcher, handle, sleepUntil, type JobHandler } from "./define";
import { urgentGateFor } from "./urgent-gate";
import { createSendLimiter, sendLimitFor, watchForEmptyRedis, type EvalClient, type MarkerClient, type GrantInfo, type RedisSendLimiter, type RedisWatch } from "../adapters/redis";
import { planAll, planParticipant, runCheckinClose, runCheckinDue } from "../features/checkins/checkins";
import { replanUpcomingAppointments, runAppointmentReminder, runConfirmationDeadline, runOnboardingCall } from "../features/appointments/appointments";
import { replanPhaseVisits, runPhaseVisit } from "../features/appointments/phases";
import { runDaySchedule } from "../features/appointments/day-schedule";
import { deliverOutbound, type SendPermit } from "../features/outbound/deliver-sms";
import type { Deps } from "../ports/deps";
import { dispatchEffects } from "./effects";
import { expireAskBack } from "../features/inbound/ask-back";
import { runEscalationStep } from "../features/hotline/hotline";
import { deliverSupervisorAlert, runClaimedReplyCheck } from "../features/hotline/hotline-actions";
import { processInbound, processInboundBatch } from "../features/inbound/process-inbound";
import { deliverNotification } from "../features/peers/notify";
import { runDigest } from "../features/peers/digest";
import { installSupervisorSummary, runSupervisorSummary } from "../features/peers/supervisor-summary";
import { sweepOrphans } from "../features/housekeeping/sweep";
import { runFlowTimer } from "../features/flows/flow-engine";
import { runPauseEnd } from "../features/pause/pause";
import { planAllRecoveryCapital, runFlowStart } from "../features/flows/recovery-capital";
import { draftMonthlyReports } from "../features/reports/draft";
import { installMonthlyReports } from "../features/reports/schedule";

/**
 * Thin BullMQ processors: parse the payload with the catalog's schema, call a use case.
 * One function per queue so a reader finds what runs for each job name here.
 */
export interface WorkerTuning {
  /** Lock and stall check, shorter in tests that kill workers. */
  lockDuration?: number;
  stalledInterval?: number;
  concurrency?: number;
  /** Test seam: every slot the send limiter grants (the rate-limit test checks each window). */
  onSendGrant?: (grant: GrantInfo) => void;
}

export interface RunningWorkers {
  workers: Worker[];
  close(): Promise<void>;
}

export function startWorkers(deps: Deps, connection: ConnectionOptions, tuning: WorkerTuning = {}, only?: QueueName[]): RunningWorkers {
  const prefix = deps.config.QUEUE_PREFIX;
  const base = {
    connection,
    prefix,
    lockDuration: tuning.lockDuration ?? 30_000,
    stalledInterval: tuning.stalledInterval ?? 30_000,
    maxStalledCount: 2,
  };
  const make = (name: QueueName, processor: Processor, extra: Record<string, unknown> = {}) => {
    const worker = new Worker(name, processor, { ...base, concurrency: tuning.concurrency ?? 8, ...extra });
    worker.on("failed", (job, err) =>
      deps.log.warn("job failed", { queue: name, job: job?.name, attempts: job?.attemptsMade, error: describeError(err) }),
    );
    worker.on("error", (err) => deps.log.error("worker error", { queue: name, error: describeError(err) }));
    return worker;
  };

  const mps = deps.config.SMS_MAX_PER_SECOND;
  // RETRY_SMS: exponential from the job's base delay, capped, so a send keeps retrying
  // at a bounded pace until deliverOutbound says stop (grace window, or the case closed).
  const smsRetries = {
    settings: {
      backoffStrategy: (attemptsMade: number, type?: string, _err?: Error, job?: { opts: { backoff?: number | { delay?: number } } }) => {
        const backoff = job?.opts.backoff;
        const base = typeof backoff === "object" ? (backoff.delay ?? 1000) : (backoff ?? 1000);
        return cappedBackoff(attemptsMade, base, deps.config.SMS_RETRY_MAX_BACKOFF_SECONDS * 1000);
      },
    },
  };
  // One limit for the whole account, in Redis: every worker process of this prefix shares it.
  const limiter = createSendLimiter({
    client: () => deps.queues.smsRoutine.client as unknown as Promise<EvalClient>,
    prefix,
    limit: sendLimitFor(mps),
    onGrant: tuning.onSendGrant,
  });
  const handlers = jobHandlers(deps, limiter);
  // Handlers are grouped by catalog key (smsRoutine), workers named by queue (sms-routine).
  const run = (key: keyof typeof QUEUE) => dispatcher(key, handlers) as Processor;
  // Routine queues whose jobs are mostly store work take turns behind crisis work in this
  // process, a few at a time (src/jobs/urgent-gate.ts). Sends are left out: they are mostly
  // waiting on Twilio, and the send limiter already paces them.
  const gate = urgentGateFor(deps);
  const routine = (key: keyof typeof QUEUE): Processor => {
    const p = run(key);
    return (job, token) => gate.routine(key, () => p(job, token));
  };
  const processors: Record<QueueName, () => Worker> = {
    [QUEUE.inbound]: () => make(QUEUE.inbound, routine("inbound")),
    [QUEUE.smsRoutine]: () =>
      // No BullMQ limiter: the Redis send limiter paces sends (urgent and routine
      // together). Jobs beyond the rate wait for a slot while active, so concurrency
      // bounds how many wait at once.
      make(QUEUE.smsRoutine, run("smsRoutine"), {
        ...smsRetries,
        concurrency: Math.max(1, Math.min(16, Math.ceil(mps))),
      }),
    [QUEUE.smsUrgent]: () => make(QUEUE.smsUrgent, run("smsUrgent"), smsRetries),
    [QUEUE.checkins]: () => make(QUEUE.checkins, run("checkins")),
    [QUEUE.hotline]: () => make(QUEUE.hotline, run("hotline")),
    [QUEUE.flows]: () => make(QUEUE.flows, routine("flows")),
    [QUEUE.appointments]: () => make(QUEUE.appointments, routine("appointments")),
    [QUEUE.notify]: () => make(QUEUE.notify, routine("notify")),
    [QUEUE.housekeeping]: () => make(QUEUE.housekeeping, run("housekeeping"), { concurrency: 1 }),
  };
  const workers = (only ?? (Object.keys(processors) as QueueName[])).map((name) => processors[name]());
  return {
    workers,
    async close() {
      redisWatches.get(deps)?.stop();
      redisWatches.delete(deps);
      // A worker closed while it is still starting leaves its blocking connection's BZPOPMIN
      // to reject unhandled ("Connection is closed"; seen once the store moved to its own
      // thread and start-up got slower), and an unhandled rejection ends a Node process.
      // Let each finish starting first.
      await Promise.all(workers.map((w) => w.waitUntilReady().catch(() => undefined)));
      await Promise.all(workers.map((w) => w.close()));
    },
  };
}

/** Which use case runs for each job of the catalog (src/jobs/catalog.ts); payloads arrive parsed. */
export function jobHandlers(deps: Deps, limiter?: RedisSendLimiter): JobHandler[] {
  const permit: SendPermit | undefined = limiter && ((priority) => limiter.acquire(priority));
  const h = [
    handle(JOBS.processInbound, (p) => processInbound(p.inboundId, deps)),
    handle(JOBS.processInboundBatch, (p) => processInboundBatch(p.inboundIds, deps)),
    handle(JOBS.sendRoutineSms, (p, job) => deliverOutbound(p.outboundId, deps, { ...isLast(job), permit })),
    handle(JOBS.sendUrgentSms, async (p, job) => {
      // Routine grants stop as soon as a page's job starts (RedisSendLimiter.announceUrgent).
      const ticket = limiter ? await limiter.announceUrgent().catch(() => null) : null;
      try {
        return await deliverOutbound(p.outboundId, deps, { ...isLast(job), permit: limiter && ((priority) => limiter.acquire(priority, ticket?.member)) });
      } finally {
        await ticket?.withdraw().catch(() => undefined);
      }
    }),
    handle(JOBS.checkinDue, (p, job, token) => runCheckinDue(p, deps, { job, token })),
    handle(JOBS.checkinClose, (p) => runCheckinClose(p, deps)),
    handle(JOBS.planParticipant, (p) => planParticipant(p.participantId, deps)),
    handle(JOBS.escalate, async (p, job, token) => {
      // Crisis work: routine jobs of this process wait while its store work runs. Step 0
      // sends its pages from here (one queue hop fewer), under the same send limiter; the
      // Twilio call itself is a wait on the network, during which routine work may run.
      const gate = urgentGateFor(deps);
      const sendNow = (outboundId: string) => gate.networkWait(() => deliverOutbound(outboundId, deps, { isLast: false, direct: true, permit }));
      const next = await gate.urgent(() => runEscalationStep(p, deps, { sendNow }));
      if (!next) return "stopped";
      // BullMQ "process step jobs": the same job sleeps until the next step, so the
      // chain lives in Redis and survives restarts.
      await job.updateData({ ...p, step: p.step + 1 });
      return sleepUntil(job, token, next, deps.clock.now());
    }),
    handle(JOBS.claimedReplyCheck, (p) => runClaimedReplyCheck(p, deps)),
    handle(JOBS.askBackTimeout, (p) => expireAskBack(p, deps, (effects) => dispatchEffects(deps, effects))),
    handle(JOBS.flowTimer, (p) => runFlowTimer(p, deps)),
    handle(JOBS.flowStart, (p, job, token) => runFlowStart(p, deps, { job, token })),
    handle(JOBS.pauseEnd, (p) => runPauseEnd(p, deps)),
    handle(JOBS.apptReminder, (p) => runAppointmentReminder(p, deps)),
    handle(JOBS.apptDeadline, (p) => runConfirmationDeadline(p, deps)),
    handle(JOBS.daySchedule, (p) => runDaySchedule(p, deps)),
    handle(JOBS.onboardingCall, (p) => runOnboardingCall(p, deps)),
    handle(JOBS.phaseVisit, (p) => runPhaseVisit(p, deps)),
    handle(JOBS.replanAppointments, async () => ({ ...(await replanUpcomingAppointments(deps)), ...(await replanPhaseVisits(deps)) })),
    handle(JOBS.deliverNotification, (p) => deliverNotification(p.notificationId, deps)),
    handle(JOBS.digest, (p, job) => runDigest(p, job.id!, deps)),
    handle(JOBS.supervisorAlert, (p) => deliverSupervisorAlert(p, deps)),
    handle(JOBS.planAll, () => planAll(deps)),
    handle(JOBS.planRecoveryCapital, () => planAllRecoveryCapital(deps)),
    handle(JOBS.sweep, () => sweepOrphans(deps)),
    handle(JOBS.supervisorSummary, () => runSupervisorSummary(deps)),
    handle(JOBS.draftMonthlyReports, (p) => draftMonthlyReports(deps, p)),
  ];
  return h as JobHandler[];
}

function isLast(job: { attemptsMade: number; opts: { attempts?: number } }) {
  return { isLast: job.attemptsMade + 1 >= (job.opts.attempts ?? 1) };
}

/** Hourly re-plan and a minutely sweep; upserted so many processes share one schedule. */
export async function installSchedules(deps: Deps): Promise<void> {
  await installRecurring(deps);
  watchRedis(deps);
}

async function installRecurring(deps: Deps): Promise<void> {
  await deps.queues.housekeeping.upsertJobScheduler("plan-all", { every: 3600_000 }, { name: "plan-all" });
  await deps.queues.housekeeping.upsertJobScheduler("sweep", { every: 60_000 }, { name: "sweep" });
  await deps.queues.appointments.upsertJobScheduler("replan-upcoming", { every: 3600_000 }, { name: "replan-upcoming" });
  await deps.queues.housekeeping.upsertJobScheduler("plan-recovery-capital", { every: 6 * 3600_000 }, { name: "plan-recovery-capital" });
  await installSupervisorSummary(deps);
  await installMonthlyReports(deps);
}

const redisWatches = new WeakMap<Deps, RedisWatch>();

/**
 * The worker role's check for a Redis that came back empty (docs/decisions.md): what
 * lived only in Redis is put back from Postgres — recurring schedules, the next check-ins,
 * appointment reminders, and (through the sweep) paging chains and unsent texts.
 * Stopped by the workers' close().
 */
export function watchRedis(deps: Deps): RedisWatch {
  const existing = redisWatches.get(deps);
  if (existing) return existing;
  const watch = watchForEmptyRedis({
    client: () => deps.queues.housekeeping.client as unknown as Promise<MarkerClient>,
    key: `${deps.config.QUEUE_PREFIX}:alive`,
    everyMs: deps.config.REDIS_CHECK_EVERY_SECONDS * 1000,
    log: deps.log,
    onEmpty: async () => {
      await installRecurring(deps);
      await planAll(deps);
      await replanUpcomingAppointments(deps);
      await replanPhaseVisits(deps);
      await planAllRecoveryCapital(deps);
      await sweepOrphans(deps, { orphanAfterMs: 0 });
    },
  });
  redisWatches.set(deps, watch);
  return watch;
}
