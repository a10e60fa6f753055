import { DelayedError, Worker, type ConnectionOptions, type Processor } from "bullmq";
import { describeError } from "../src/log";
import { cappedBackoff, payload, QUEUE, type QueueName } from "../src/queues";
import { watchForEmptyRedis, type MarkerClient, type RedisWatch } from "../src/redis";
import { planAll, planParticipant, runCheckinClose, runCheckinDue } from "../src/services/checkins";
import { replanUpcomingAppointments, runAppointmentReminder, runConfirmationDeadline, runOnboardingCall } from "../src/services/appointments";
import { replanPhaseVisits, runPhaseVisit } from "../src/services/appointments-phases";
import { runDaySchedule } from "../src/services/day-schedule";
import { deliverOutbound } from "../src/services/deliver-sms";
import type { Deps } from "../src/services/deps";
import { dispatchEffects } from "../src/services/effects";
import { ASK_BACK_TIMEOUT_JOB, expireAskBack } from "../src/services/ask-back";
import { runEscalationStep } from "../src/services/hotline";
import { deliverSupervisorAlert, runClaimedReplyCheck } from "../src/services/hotline-actions";
import { processInbound } from "../src/services/inbound";
import { deliverNotification } from "../src/services/notify";
import { runDigest } from "../src/services/digest";
import { installSupervisorSummary, runSupervisorSummary } from "../src/services/supervisor-summary";
import { sweepOrphans } from "../src/services/sweep";
import { runFlowTimer } from "../src/services/flow-engine";
import { runPauseEnd } from "../src/services/pause";
import { planAllRecoveryCapital, runFlowStart } from "../src/services/recovery-capital";

/**
 * Thin BullMQ processors: parse the payload with the catalog's schema, call a use case.
 * One function per queue so a reader finds what runs for each job name here.
 */
export interface WorkerTuning {
  /** Lock and stall check, shorter in tests that kill workers. */
  lockDuration?: number;
  stalledInterval?: number;
  concurrency?: number;
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
  const processors: Record<QueueName, () => Worker> = {
    [QUEUE.inbound]: () => make(QUEUE.inbound, (job) => processInbound(payload.inbound.parse(job.data).inboundId, deps)),
    [QUEUE.smsRoutine]: () =>
      make(QUEUE.smsRoutine, (job) => deliverOutbound(payload.sms.parse(job.data).outboundId, deps, isLast(job)), {
        ...smsRetries,
        limiter: smsLimiter(mps),
        concurrency: Math.max(1, Math.min(16, Math.ceil(mps))),
      }),
    [QUEUE.smsUrgent]: () =>
      make(QUEUE.smsUrgent, (job) => deliverOutbound(payload.sms.parse(job.data).outboundId, deps, isLast(job)), smsRetries),
    [QUEUE.checkins]: () =>
      make(QUEUE.checkins, async (job, token) => {
        switch (job.name) {
          case "due":
            return runCheckinDue(payload.checkinDue.parse(job.data), deps, { job, token });
          case "close":
            return runCheckinClose(payload.checkinClose.parse(job.data), deps);
          case "plan-participant":
            return planParticipant(payload.planParticipant.parse(job.data).participantId, deps);
          default:
            throw new Error(`unknown check-in job ${job.name}`);
        }
      }),
    [QUEUE.hotline]: () =>
      make(QUEUE.hotline, async (job, token) => {
        if (job.name === "claimed-reply-check") return runClaimedReplyCheck(payload.claimedReplyCheck.parse(job.data), deps);
        if (job.name === ASK_BACK_TIMEOUT_JOB) return expireAskBack(job.data, deps, (effects) => dispatchEffects(deps, effects));
        const data = payload.escalate.parse(job.data);
        const next = await runEscalationStep(data, deps);
        if (!next) return "stopped";
        // BullMQ "process step jobs": the same job sleeps until the next step, so the
        // chain lives in Redis and survives restarts.
        await job.updateData({ ...data, step: data.step + 1 });
        await job.moveToDelayed(next.getTime(), token);
        throw new DelayedError();
      }),
    [QUEUE.flows]: () =>
      make(QUEUE.flows, async (job, token) => {
        switch (job.name) {
          case "timer":
            return runFlowTimer(payload.flowTimer.parse(job.data), deps);
          case "start":
            return runFlowStart(payload.flowStart.parse(job.data), deps, { job, token });
          case "pause-end":
            return runPauseEnd(payload.pauseEnd.parse(job.data), deps);
          default:
            throw new Error(`unknown flow job ${job.name}`);
        }
      }),
    [QUEUE.appointments]: () =>
      make(QUEUE.appointments, async (job) => {
        switch (job.name) {
          case "reminder":
            return runAppointmentReminder(payload.apptReminder.parse(job.data), deps);
          case "confirm-deadline":
            return runConfirmationDeadline(payload.apptDeadline.parse(job.data), deps);
          case "day-schedule":
            return runDaySchedule(payload.daySchedule.parse(job.data), deps);
          case "onboarding-call":
            return runOnboardingCall(payload.onboardingCall.parse(job.data), deps);
          case "phase-visit":
            return runPhaseVisit(payload.phaseVisit.parse(job.data), deps);
          case "replan-upcoming":
            return { ...(await replanUpcomingAppointments(deps)), ...(await replanPhaseVisits(deps)) };
          default:
            throw new Error(`unknown appointment job ${job.name}`);
        }
      }),
    [QUEUE.notify]: () =>
      make(QUEUE.notify, (job) =>
        job.name === "digest"
          ? runDigest(payload.digest.parse(job.data), job.id!, deps)
          : job.name === "supervisor-alert"
            ? deliverSupervisorAlert(payload.supervisorAlert.parse(job.data), deps)
            : deliverNotification(payload.notify.parse(job.data).notificationId, deps),
      ),
    [QUEUE.housekeeping]: () =>
      make(
        QUEUE.housekeeping,
        async (job) => {
          if (job.name === "plan-all") return planAll(deps);
          if (job.name === "plan-recovery-capital") return planAllRecoveryCapital(deps);
          if (job.name === "sweep") return sweepOrphans(deps);
          if (job.name === "supervisor-summary") return runSupervisorSummary(deps);
          throw new Error(`unknown housekeeping job ${job.name}`);
        },
        { concurrency: 1 },
      ),
  };
  const workers = (only ?? (Object.keys(processors) as QueueName[])).map((name) => processors[name]());
  return {
    workers,
    async close() {
      redisWatches.get(deps)?.stop();
      redisWatches.delete(deps);
      await Promise.all(workers.map((w) => w.close()));
    },
  };
}

/**
 * BullMQ's limiter counts jobs per fixed window, at the moment a job starts. With one
 * 1-second window of `mps` jobs, a burst at the end of one window and the next burst at
 * its start (plus the varying time from job start to the HTTP call) let Twilio see up to
 * 2×mps requests in one second. Small windows (≥ 50 ms, `max` jobs each) spread the
 * sends evenly, so any 1-second span holds at most mps + max (max is 1 up to 20/s).
 */
export function smsLimiter(mps: number): { max: number; duration: number } {
  const max = Math.max(1, Math.ceil((mps * 50) / 1000));
  return { max, duration: Math.ceil((1000 * max) / mps) };
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
