import { UnrecoverableError } from "../../jobs/define";
import { SmsSendError } from "../../ports/sms";
import type { OutboundMessage, OutboundStatus } from "../../domain/model";
import { describeError } from "../../ports/log";
import { type Store } from "../../adapters/postgres";
import type { Deps } from "../../ports/deps";

/**
 * What an opted-out number may still get: the confirmation that it is opted out, and the
 * hotline conversation that the person started by texting us in crisis (the carrier may
 * still refuse it with 21610, which is recorded).
 */
const ALLOWED_AFTER_OPT_OUT = new Set(["opt_out_confirmation", "hotline_relay"]);

/**
 * Waits for a slot under the account's messages-per-second limit (the workers pass the
 * Redis limiter, src/adapters/redis.ts createSendLimiter); urgent is served first.
 */
export type SendPermit = (priority: "urgent" | "routine") => Promise<{ done(sent: boolean): Promise<void> }>;

export type DeliveryOutcome =
  | "sent"
  | "already_handled"
  | "missing"
  | "suppressed_opted_out"
  | "skipped_stale"
  | "unknown_not_resent"
  | "failed_permanent"
  | "gave_up_past_grace"
  | "skipped_case_closed";

/**
 * Sends one stored outbound text at most once, as far as we can know.
 *
 * The row's status is a compare-and-set state machine: queued → sending → sent. A job
 * that finds its row already "sending" means an earlier worker died between calling
 * Twilio and recording the result. Policy (docs/decisions.md): routine texts are then
 * marked "unknown" and NOT re-sent (a doubled check-in is noise, and erodes trust);
 * crisis texts ARE re-sent (a missing page is worse than a doubled one).
 */
export async function deliverOutbound(
  outboundId: string,
  deps: Pick<Deps, "db" | "store" | "transaction" | "sms" | "clock" | "log" | "config">,
  /**
   * `direct`: sent around the queue (Redis down). It then takes only a "queued" row: a row
   * "sending" belongs to a job in flight, and resuming it would page twice.
   */
  attempt: { isLast: boolean; direct?: boolean; permit?: SendPermit } = { isLast: false },
): Promise<DeliveryOutcome> {
  const store = deps.store;
  const msg = await store.outbound.get(outboundId);
  if (!msg) return "missing";
  const now = deps.clock.now();

  if (msg.status === "sending" && msg.priority !== "crisis") {
    await store.outbound.transition(msg.id, ["sending"], "unknown");
    deps.log.warn("send outcome unknown after interruption; not re-sending routine text", { outboundId });
    return "unknown_not_resent";
  }
  const resumable: OutboundStatus[] = msg.priority === "crisis" && !attempt.direct ? ["queued", "sending"] : ["queued"];
  if (!resumable.includes(msg.status)) return "already_handled";

  // From `resumable`, not just "queued": a crisis text left "sending" by a dead worker
  // must end skipped or suppressed too, not stay "sending" for ever.
  if (msg.notAfter && now.getTime() > msg.notAfter.getTime()) {
    const skipped = await store.outbound.transition(msg.id, resumable, "skipped", { errorCode: "stale" });
    return skipped ? "skipped_stale" : "already_handled";
  }
  // Retries stop per text, not per attempt count (RETRY_SMS): a routine text with no send
  // window of its own once the grace window since it was queued has passed (a reply an
  // hour late is worse than none); a page or relay once its case has closed.
  if (msg.attempts > 0 && msg.priority !== "crisis" && !msg.notAfter && now.getTime() - msg.createdAt.getTime() > deps.config.SEND_GRACE_MINUTES * 60_000) {
    const gaveUp = await store.outbound.transition(msg.id, resumable, "failed", { errorCode: "retries_exhausted" });
    return gaveUp ? "gave_up_past_grace" : "already_handled";
  }
  if (msg.attempts > 0 && msg.priority === "crisis" && (await hotlineCaseClosed(store, msg))) {
    const skipped = await store.outbound.transition(msg.id, resumable, "skipped", { errorCode: "case_closed" });
    return skipped ? "skipped_case_closed" : "already_handled";
  }
  if (!ALLOWED_AFTER_OPT_OUT.has(msg.kind) && (await store.optOuts.has(msg.toPhone))) {
    const suppressed = await store.outbound.transition(msg.id, resumable, "suppressed", { errorCode: "opted_out" });
    return suppressed ? "suppressed_opted_out" : "already_handled";
  }

  // The account-wide rate limit, before the claim: a worker that dies while waiting for
  // its slot (seconds, in a backlog) leaves the row "queued" and it is simply sent later;
  // claimed first, a routine text would end "unknown" and never go. The slot is handed
  // back as used once Twilio has the request, or freed if nothing was sent.
  const slot = await attempt.permit?.(msg.priority === "crisis" ? "urgent" : "routine");
  let requested = false;
  try {
    const claimed = await store.outbound.transition(msg.id, resumable, "sending", { countAttempt: true });
    if (!claimed) return "already_handled";

    try {
      const validitySeconds = msg.notAfter ? (msg.notAfter.getTime() - now.getTime()) / 1000 : undefined;
      requested = true;
      const { providerSid } = await deps.sms.send({ to: msg.toPhone, body: msg.body, validitySeconds });
      await slot?.done(true);
      // "unknown" too: a stalled-job rerun may have marked it while this send was still in flight.
      await store.outbound.transition(msg.id, ["sending", "unknown"], "sent", { providerSid, sentAt: deps.clock.now() });
      await store.outbound.applyEarlyStatus(providerSid);
      deps.log.info("sms sent", { outboundId, kind: msg.kind, channel: deps.sms.channel });
      return "sent";
    } catch (err) {
      await slot?.done(true);
      return handleSendFailure(msg, err, deps, attempt.isLast);
    }
  } finally {
    await slot?.done(requested); // a no-op after the done(true) above; frees an unused slot
  }
}

/**
 * Whether a crisis text's case is over. Pages carry the case id in their key; a relay goes
 * to the parent (their case is still active) or to the volunteer holding a case.
 */
async function hotlineCaseClosed(store: Store, msg: OutboundMessage): Promise<boolean> {
  const [prefix, caseId] = msg.idempotencyKey.split("|");
  if (prefix === "page" && caseId) {
    const c = await store.cases.get(caseId);
    return !c || c.status === "closed";
  }
  if (msg.kind === "hotline_relay") {
    if (await store.cases.activeForPhone(msg.toPhone)) return false;
    const volunteer = await store.responders.byPhone(msg.toPhone);
    return !volunteer || (await store.cases.claimedBy(volunteer.id)).length === 0;
  }
  return false;
}

async function handleSendFailure(
  msg: OutboundMessage,
  err: unknown,
  deps: Pick<Deps, "db" | "store" | "transaction" | "clock" | "log">,
  isLast: boolean,
): Promise<DeliveryOutcome> {
  const store = deps.store;
  const failure = err instanceof SmsSendError ? err : new SmsSendError(describeError(err), "unknown");
  deps.log.warn("sms send failed", { outboundId: msg.id, failure: failure.failure, code: failure.code, status: failure.status });

  if (failure.failure === "rejected") {
    await store.outbound.transition(msg.id, ["sending"], "failed", { errorCode: failure.code });
    if (failure.code === "21610") await store.optOuts.add(msg.toPhone, deps.clock.now());
    throw new UnrecoverableError(`permanent send failure ${failure.code ?? ""}`.trim());
  }
  if (failure.failure === "unknown" && msg.priority !== "crisis") {
    await store.outbound.transition(msg.id, ["sending"], "unknown", { errorCode: failure.code });
    return "unknown_not_resent";
  }
  if (isLast) {
    await store.outbound.transition(msg.id, ["sending"], "failed", { errorCode: failure.code ?? "retries_exhausted" });
  } else {
    await store.outbound.transition(msg.id, ["sending"], "queued", { errorCode: failure.code });
  }
  throw failure; // BullMQ retries with exponential backoff
}
