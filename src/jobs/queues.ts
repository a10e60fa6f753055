import { Queue, type ConnectionOptions, type JobsOptions } from "bullmq";
import type { Redis } from "ioredis";
import { z } from "zod";

/**
 * The job catalog: every queue, its job names, their payload schemas and job-id rules.
 * Producers and processors import from here, and processors parse payloads first.
 *
 * Job ids are business keys joined with "|" (BullMQ forbids ":" in custom ids), so a
 * re-plan, a restart or a second scheduler adding the same work is a no-op.
 */
export const QUEUE = {
  inbound: "inbound",
  /** Scheduled texts and replies: they share the account's messages per second with sms-urgent (the Redis send limiter). */
  smsRoutine: "sms-routine",
  /** Crisis texts (pages, relays): own queue and worker, and first in line for the send limiter, so routine backlog never delays them. */
  smsUrgent: "sms-urgent",
  checkins: "checkins",
  notify: "notify",
  /** Hotline escalation chains: one job per case round that delays itself between steps. */
  hotline: "hotline",
  housekeeping: "housekeeping",
  /** Flow engine waits and ask timeouts (issue 5). */
  flows: "flows",
  /** Appointment reminders and confirmation deadlines (issue 5). */
  appointments: "appointments",
} as const;
export type QueueName = (typeof QUEUE)[keyof typeof QUEUE];

export const payload = {
  inbound: z.object({ inboundId: z.uuid() }),
  /** The texts one webhook group commit stored: processed by one job (one Redis write per batch, not per text). */
  inboundBatch: z.object({ inboundIds: z.array(z.uuid()).min(1).max(500) }),
  sms: z.object({ outboundId: z.uuid() }),
  checkinDue: z.object({
    participantId: z.uuid(),
    kind: z.enum(["daily", "nightly"]),
    localDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    /** The instant the planner chose; the processor re-checks it against current settings. */
    dueAt: z.iso.datetime(),
  }),
  checkinClose: z.object({
    participantId: z.uuid(),
    kind: z.enum(["daily", "nightly"]),
    localDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  }),
  planParticipant: z.object({ participantId: z.uuid() }),
  notify: z.object({ notificationId: z.uuid() }),
  /** A peer's "while you were off" digest; `dueAt` is the shift start it was scheduled for (epoch ms). */
  digest: z.object({ peerId: z.uuid(), dueAt: z.number().int() }),
  escalate: z.object({ caseId: z.uuid(), round: z.number().int().min(0), step: z.number().int().min(0) }),
  /** Hotline: a claimed case's parent texted in crisis again; has the holder replied since `since`? */
  claimedReplyCheck: z.object({ caseId: z.uuid(), round: z.number().int().min(0), holderId: z.uuid(), inboundId: z.uuid(), since: z.iso.datetime() }),
  /** Hotline: tell the supervisors' channel a case has no volunteer on shift (once per round). */
  supervisorAlert: z.object({ caseId: z.uuid(), round: z.number().int().min(0) }),
  /** Appointments (issue 5). `revision` lets the processor drop a job planned for an older version. */
  apptReminder: z.object({ appointmentId: z.uuid(), revision: z.number().int().min(1), offset: z.string().min(1), sendAt: z.iso.datetime() }),
  apptDeadline: z.object({ appointmentId: z.uuid(), revision: z.number().int().min(1) }),
  daySchedule: z.object({ participantId: z.uuid(), localDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), sendAt: z.iso.datetime() }),
  onboardingCall: z.object({ appointmentId: z.uuid(), revision: z.number().int().min(1) }),
  phaseVisit: z.object({ phaseId: z.uuid(), week: z.number().int().min(0) }),
  /** Flow engine (issue 5): an ask's timeout or a wait's end; stale unless run/step/token still match. */
  flowTimer: z.object({ runId: z.uuid(), stepId: z.string().min(1), token: z.number().int().min(0) }),
  /** A scheduled flow start (recovery capital); `localDate` is the participant's date it is for. */
  flowStart: z.object({ participantId: z.uuid(), flowId: z.string().min(1), localDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), dueAt: z.iso.datetime() }),
  /** Crisis ask-back: the question's answer window has passed (no-op if it was answered). */
  askBackTimeout: z.object({ askBackId: z.uuid() }),
  /** PAUSE ends: resumes only if the pause still ends at `until` or earlier. */
  pauseEnd: z.object({ participantId: z.uuid(), until: z.iso.datetime() }),
  empty: z.object({}).passthrough(),
};
export type CheckinDuePayload = z.infer<typeof payload.checkinDue>;
export type CheckinClosePayload = z.infer<typeof payload.checkinClose>;

export const jobId = {
  inbound: (inboundId: string) => `in|${inboundId}`,
  /** Named after the batch's first row: each row is new in exactly one batch, so the id is unique. */
  inboundBatch: (firstInboundId: string) => `in-batch|${firstInboundId}`,
  sms: (outboundId: string) => `sms|${outboundId}`,
  checkinDue: (p: { participantId: string; kind: string; localDate: string }) =>
    `checkin|${p.participantId}|${p.kind}|${p.localDate}`,
  checkinClose: (p: { participantId: string; kind: string; localDate: string }) =>
    `checkin-close|${p.participantId}|${p.kind}|${p.localDate}`,
  notify: (notificationId: string) => `notify|${notificationId}`,
  /** One paging chain per case round; TRANSFER starts the next round. */
  escalate: (p: { id: string; escalationRound: number }) => `escalate|${p.id}|${p.escalationRound}`,
  claimedReplyCheck: (p: { caseId: string; inboundId: string }) => `claimed-check|${p.caseId}|${p.inboundId}`,
  supervisorAlert: (p: { caseId: string; round: number }) => `supervisor-alert|${p.caseId}|${p.round}`,
  digest: (peerId: string, dueAt: Date) => `digest|${peerId}|${dueAt.getTime()}`,
  flowTimer: (p: { runId: string; stepId: string; token: number }) => `flow-timer|${p.runId}|${p.stepId}|${p.token}`,
  flowStart: (p: { participantId: string; flowId: string; localDate: string }) => `flow-start|${p.flowId}|${p.participantId}|${p.localDate}`,
  pauseEnd: (p: { participantId: string; until: string }) => `pause-end|${p.participantId}|${p.until.replace(/:/g, "-")}`,
  apptReminder: (p: { appointmentId: string; offset: string; revision: number }) =>
    `appt-reminder|${p.appointmentId}|${p.offset}|${p.revision}`,
  apptDeadline: (p: { appointmentId: string; revision: number }) => `appt-deadline|${p.appointmentId}|${p.revision}`,
  daySchedule: (p: { participantId: string; localDate: string }) => `day-schedule|${p.participantId}|${p.localDate}`,
  onboardingCall: (p: { appointmentId: string; revision: number }) => `onboarding-call|${p.appointmentId}|${p.revision}`,
  phaseVisit: (p: { phaseId: string; week: number }) => `phase-visit|${p.phaseId}|${p.week}`,
  askBackTimeout: (askBackId: string) => `askback-timeout|${askBackId}`,
};

/** Completed jobs are kept a day so a duplicate add within that time stays a no-op. */
export const KEEP_JOBS: Pick<JobsOptions, "removeOnComplete" | "removeOnFail"> = {
  removeOnComplete: { age: 24 * 3600, count: 100_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

export const RETRY_TRANSIENT: Pick<JobsOptions, "attempts" | "backoff"> = {
  attempts: 8,
  backoff: { type: "exponential", delay: 1000 },
};

/**
 * SMS sends retry with exponential backoff from 1 s, capped by the sms workers'
 * "capped" strategy (SMS_RETRY_MAX_BACKOFF_SECONDS). The attempt count is no limit in
 * practice: deliverOutbound decides when to stop, per text — a routine text when its
 * grace window has passed, a page or relay when its case has closed.
 */
export const RETRY_SMS: Pick<JobsOptions, "attempts" | "backoff"> = {
  attempts: 1_000_000,
  backoff: { type: "capped", delay: 1000 },
};

/** Exponential (base × 2^(n-1)) up to `capMs`: for the n-th retry of a send. */
export function cappedBackoff(attemptsMade: number, baseMs: number, capMs: number): number {
  return Math.min(capMs, baseMs * 2 ** Math.max(0, Math.min(30, attemptsMade - 1)));
}

export type Queues = Record<keyof typeof QUEUE, Queue> & { close(): Promise<void> };

/**
 * Producers fail fast while Redis is away. ioredis otherwise holds every command in memory
 * until it reconnects (a crisis webhook answered after 30 s, when Twilio gives up at 15 s);
 * with the offline queue off an add fails at once and the caller's fallback runs (direct
 * page, or the row waits for the sweeper). Workers keep their own blocking connections
 * with `maxRetriesPerRequest: null`, as BullMQ requires.
 */
const PRODUCER_OPTIONS = { enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: 2000 } as const;

export function createQueues(connection: ConnectionOptions, prefix: string): Queues {
  const duplicate = (connection as { duplicate?: unknown }).duplicate;
  const producer: ConnectionOptions =
    typeof duplicate === "function" ? (connection as Redis).duplicate(PRODUCER_OPTIONS) : { ...(connection as object), ...PRODUCER_OPTIONS };
  const make = (name: QueueName) => {
    const q = new Queue(name, { connection: producer, prefix, defaultJobOptions: { ...KEEP_JOBS } });
    // Connection errors are reported by the connection's owner; unhandled here they would throw.
    q.on("error", () => undefined);
    return q;
  };
  const queues = {
    inbound: make(QUEUE.inbound),
    smsRoutine: make(QUEUE.smsRoutine),
    smsUrgent: make(QUEUE.smsUrgent),
    checkins: make(QUEUE.checkins),
    notify: make(QUEUE.notify),
    hotline: make(QUEUE.hotline),
    housekeeping: make(QUEUE.housekeeping),
    flows: make(QUEUE.flows),
    appointments: make(QUEUE.appointments),
  };
  return {
    ...queues,
    async close() {
      await Promise.all(Object.values(queues).map((q) => q.close()));
      if (producer !== connection && typeof (producer as Redis).disconnect === "function") (producer as Redis).disconnect();
    },
  };
}
