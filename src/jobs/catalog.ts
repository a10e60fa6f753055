import { z } from "zod";
import { jobId, payload, RETRY_SMS, RETRY_TRANSIENT } from "./queues";
import { defineJob } from "./define";

/**
 * Every job Buddyline runs, defined once: queue, name, payload schema, retry policy and
 * id rule. Producers enqueue through these definitions (src/jobs/define.ts `enqueue`,
 * `enqueueMany`, `scheduleIn`); the processors (src/jobs/processors.ts) dispatch on them and
 * parse the payload before a use case sees it. Job ids are business keys, so adding the
 * same work twice is a no-op.
 */
const STEP_RETRY = { attempts: 20, backoff: { type: "fixed" as const, delay: 1000 } };
const SCHEDULED_RETRY = { attempts: 5, backoff: { type: "exponential" as const, delay: 2000 } };

export const JOBS = {
  processInbound: defineJob({ queue: "inbound", name: "process", payload: payload.inbound, id: (p) => jobId.inbound(p.inboundId), options: RETRY_TRANSIENT }),
  /** The webhook's committed batch of routine texts; each row is still processed (and marked) in its own transaction. */
  processInboundBatch: defineJob({ queue: "inbound", name: "process-batch", payload: payload.inboundBatch, id: (p) => jobId.inboundBatch(p.inboundIds[0]!), options: RETRY_TRANSIENT }),

  /** Crisis texts (pages, relays): own queue and workers; they take the send limiter's next free slot before any routine text. */
  sendUrgentSms: defineJob({ queue: "smsUrgent", name: "send", payload: payload.sms, id: (p) => jobId.sms(p.outboundId), options: RETRY_SMS }),
  sendRoutineSms: defineJob({ queue: "smsRoutine", name: "send", payload: payload.sms, id: (p) => jobId.sms(p.outboundId), options: RETRY_SMS }),

  checkinDue: defineJob({ queue: "checkins", name: "due", payload: payload.checkinDue, id: jobId.checkinDue, options: SCHEDULED_RETRY }),
  checkinClose: defineJob({ queue: "checkins", name: "close", payload: payload.checkinClose, id: jobId.checkinClose, options: SCHEDULED_RETRY }),
  planParticipant: defineJob({
    queue: "checkins",
    name: "plan-participant",
    payload: payload.planParticipant,
    // Planning is idempotent (check-in job ids), so every request runs: no dedupe key.
    id: () => undefined,
    options: { attempts: 5, backoff: { type: "exponential", delay: 1000 } },
  }),

  deliverNotification: defineJob({ queue: "notify", name: "deliver", payload: payload.notify, id: (p) => jobId.notify(p.notificationId), options: RETRY_TRANSIENT }),
  digest: defineJob({ queue: "notify", name: "digest", payload: payload.digest, id: (p) => jobId.digest(p.peerId, new Date(p.dueAt)), options: RETRY_TRANSIENT }),
  supervisorAlert: defineJob({ queue: "notify", name: "supervisor-alert", payload: payload.supervisorAlert, id: jobId.supervisorAlert, options: { attempts: 8, backoff: { type: "exponential", delay: 1000 } } }),

  /** One paging chain per case round: a BullMQ step job that delays itself between steps. */
  escalate: defineJob({ queue: "hotline", name: "escalate", payload: payload.escalate, id: (p) => jobId.escalate({ id: p.caseId, escalationRound: p.round }), options: STEP_RETRY }),
  claimedReplyCheck: defineJob({ queue: "hotline", name: "claimed-reply-check", payload: payload.claimedReplyCheck, id: jobId.claimedReplyCheck, options: STEP_RETRY }),
  askBackTimeout: defineJob({ queue: "hotline", name: "askback-timeout", payload: payload.askBackTimeout, id: (p) => jobId.askBackTimeout(p.askBackId), options: STEP_RETRY }),

  flowTimer: defineJob({ queue: "flows", name: "timer", payload: payload.flowTimer, id: jobId.flowTimer, options: SCHEDULED_RETRY }),
  flowStart: defineJob({ queue: "flows", name: "start", payload: payload.flowStart, id: jobId.flowStart, options: SCHEDULED_RETRY }),
  pauseEnd: defineJob({ queue: "flows", name: "pause-end", payload: payload.pauseEnd, id: jobId.pauseEnd, options: { attempts: 8, backoff: { type: "exponential", delay: 2000 } } }),

  apptReminder: defineJob({ queue: "appointments", name: "reminder", payload: payload.apptReminder, id: jobId.apptReminder, options: SCHEDULED_RETRY }),
  apptDeadline: defineJob({ queue: "appointments", name: "confirm-deadline", payload: payload.apptDeadline, id: jobId.apptDeadline, options: SCHEDULED_RETRY }),
  daySchedule: defineJob({ queue: "appointments", name: "day-schedule", payload: payload.daySchedule, id: jobId.daySchedule, options: SCHEDULED_RETRY }),
  onboardingCall: defineJob({ queue: "appointments", name: "onboarding-call", payload: payload.onboardingCall, id: jobId.onboardingCall, options: SCHEDULED_RETRY }),
  phaseVisit: defineJob({ queue: "appointments", name: "phase-visit", payload: payload.phaseVisit, id: jobId.phaseVisit, options: SCHEDULED_RETRY }),

  /** Recurring (upsertJobScheduler): ids are the scheduler keys. */
  replanAppointments: defineJob({ queue: "appointments", name: "replan-upcoming", payload: payload.empty, id: () => "replan-upcoming", options: {} }),
  planAll: defineJob({ queue: "housekeeping", name: "plan-all", payload: payload.empty, id: () => "plan-all", options: {} }),
  planRecoveryCapital: defineJob({ queue: "housekeeping", name: "plan-recovery-capital", payload: payload.empty, id: () => "plan-recovery-capital", options: {} }),
  sweep: defineJob({ queue: "housekeeping", name: "sweep", payload: payload.empty, id: () => "sweep", options: {} }),
  supervisorSummary: defineJob({ queue: "housekeeping", name: "supervisor-summary", payload: payload.empty, id: () => "supervisor-summary", options: {} }),
  /** Monthly progress reports (features/reports/draft.ts): recurring on the 1st; `month` drafts that month (catch-up). Drafting is idempotent per parent × month, so no dedupe key. */
  draftMonthlyReports: defineJob({ queue: "housekeeping", name: "draft-monthly-reports", payload: z.strictObject({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/).optional() }), id: () => undefined, options: { attempts: 5, backoff: { type: "exponential", delay: 5000 } } }),
} as const;

export type JobName = keyof typeof JOBS;
export type Payload<K extends JobName> = z.infer<(typeof JOBS)[K]["payload"]>;
