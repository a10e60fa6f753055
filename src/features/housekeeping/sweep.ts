import type { Queue } from "bullmq";
import { replayJournal } from "../inbound/journal/replay";
import { jobId } from "../../jobs/queues";
import { scheduleAskBackTimeout } from "../inbound/ask-back";
import { scheduleClose } from "../checkins/checkins";
import type { Deps } from "../../ports/deps";
import { enqueueInbound, enqueueNotifications, enqueueSms, startEscalation } from "../../jobs/effects";
import { claimedReplyCheckJob, pendingClaimedReplyChecks } from "../hotline/hotline-actions";
import { JOBS } from "../../jobs/catalog";

/** Rows older than this with no finished job are presumed orphaned (enqueue failed, Redis lost). */
const ORPHAN_AFTER_MS = 30_000;

/**
 * The safety net under the outbox pattern: anything stored but not finished (an inbound
 * text not processed, a text not sent, a note not delivered) whose job is gone or has
 * failed is put back on its queue. Job ids keep this from doubling live work.
 */
export async function sweepOrphans(deps: Deps, opts: { orphanAfterMs?: number } = {}) {
  // Texts journaled while Postgres was down go in first, so this sweep already sees them.
  // Only where webhooks are answered: the journal is that process's local file.
  if (deps.config.role !== "worker") await replayJournal(deps);
  const store = deps.store;
  const before = new Date(deps.clock.now().getTime() - (opts.orphanAfterMs ?? ORPHAN_AFTER_MS));
  let inbound = 0;
  for (const m of await store.inbound.listUnprocessedBefore(before, 500)) {
    const pending = async () => (await store.inbound.get(m.id))?.processedAt === null;
    if (await requeue(deps.queues.inbound, jobId.inbound(m.id), () => enqueueInbound(deps, [m.id]), pending)) inbound++;
  }
  let sms = 0;
  for (const m of await store.outbound.listQueuedBefore(before, 500)) {
    const queue = m.priority === "crisis" ? deps.queues.smsUrgent : deps.queues.smsRoutine;
    const pending = async () => (await store.outbound.get(m.id))?.status === "queued";
    if (await requeue(queue, jobId.sms(m.id), () => enqueueSms(deps, [m]), pending)) sms++;
  }
  let notifications = 0;
  for (const n of await store.notifications.listUndeliveredBefore(before, 500)) {
    const pending = async () => (await store.notifications.get(n.id))?.deliveredAt === null;
    if (await requeue(deps.queues.notify, jobId.notify(n.id), () => enqueueNotifications(deps, [n]), pending)) notifications++;
  }
  // An open crisis case must always have a live paging chain.
  let escalations = 0;
  for (const c of await store.cases.list({ status: "open" })) {
    if (await requeue(deps.queues.hotline, jobId.escalate(c), () => startEscalation(deps, c))) escalations++;
  }
  // A claimed case whose parent texted in crisis again must keep its holder's reply check.
  for (const check of await pendingClaimedReplyChecks(deps)) {
    const job = claimedReplyCheckJob(deps, check);
    if (await requeue(deps.queues.hotline, JOBS.claimedReplyCheck.id(check)!, () => deps.queues.hotline.add(job.name, job.data, job.opts))) escalations++;
  }
  // A crisis question past its window must have its timeout job, or the peer never hears
  // about a possible crisis nobody answered (the job is queued by the webhook and the worker).
  for (const a of await store.askBacks.listExpired(deps.clock.now(), 500)) {
    if (await requeue(deps.queues.hotline, jobId.askBackTimeout(a.id), () => scheduleAskBackTimeout(a, deps))) escalations++;
  }
  // A sent check-in whose reply window has closed must have a close job, or it would stay
  // "awaiting" forever (never missed, never counted in a streak). The due job adds it after
  // its commit and its retry re-adds it, but a due job that crashed in between and then
  // exhausted its attempts (or a lost Redis) would leave none.
  let checkinCloses = 0;
  for (const c of await store.checkins.listAwaitingClosedBefore(before, 500)) {
    const close = { participantId: c.participantId, kind: c.kind, localDate: c.localDate };
    if (await requeue(deps.queues.checkins, jobId.checkinClose(close), () => scheduleClose(close, c.windowClosesAt!, deps))) checkinCloses++;
  }
  await store.outbound.forgetEarlyStatusesBefore(new Date(deps.clock.now().getTime() - 24 * 3600_000));
  if (inbound + sms + notifications + escalations + checkinCloses > 0) {
    deps.log.warn("requeued orphaned work", { inbound, sms, notifications, escalations, checkinCloses });
  }
  return { inbound, sms, notifications, escalations, checkinCloses };
}

/**
 * Puts one item back on its queue; true only when it did. `stillPending` re-reads the row
 * after the job's state: the list above is a snapshot, and work that finished while the
 * sweep looked (job completed and removed, row done) is neither re-added nor counted.
 */
async function requeue(queue: Queue, id: string, add: () => Promise<unknown>, stillPending: () => Promise<boolean> = async () => true): Promise<boolean> {
  const job = await queue.getJob(id);
  const state = job ? await job.getState() : "missing";
  if (state !== "missing" && state !== "failed" && state !== "completed" && state !== "unknown") return false; // live work
  if (!(await stillPending())) return false;
  if (!job || state === "unknown") {
    await job?.remove().catch(() => undefined);
    await add();
  } else if (state === "failed") {
    await job.retry();
  } else {
    // Completed but the row is unfinished: the job ran before the row committed. Run again.
    await job.remove();
    await add();
  }
  return true;
}
