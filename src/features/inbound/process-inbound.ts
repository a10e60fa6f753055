import { decideInboundAction, decideUnknownSenderAction, type InboundAction } from "../../domain/inbound-routing";
import type { InboundMessage, Participant, Peer } from "../../domain/model";
import { parseCheckinReply } from "../../domain/text/checkin-reply";
import { classifyKeyword } from "../../domain/text/keywords";
import { CHECK_ON_PARENT_SEVERITY } from "../../domain/hotline/escalation";
import { fold } from "../../domain/text/fold";
import { localDateOf } from "../../domain/time";
import type { ProgramMessageKey } from "../../content/catalog";
import { type Store } from "../../adapters/postgres";
import type { Deps } from "../../ports/deps";
import { handleAppointmentReply } from "../appointments/reply";
import { dispatchEffects, noEffects, type Effects } from "../../jobs/effects";
import { handleResponderText, relayParentText } from "../hotline/hotline";
import { handleAskBackInWorker, handleBareHelp } from "./ask-back";
import { awardPoints } from "../appointments/incentives";
import { offHoursAutoReply } from "../peers/off-hours-reply";
import { renderFor, textVars } from "../texts";
import { interruptFlowForCrisis } from "../flows/flow-engine";
import { routeToFlowsOrPause } from "../flows/flow-inbound";

/**
 * Processes one stored inbound text exactly once: the row is locked and marked processed
 * in the same transaction that records what it caused, so a retried job finds it done.
 */
export async function processInbound(inboundId: string, deps: Deps): Promise<string | null> {
  const now = deps.clock.now();
  const result = await deps.transaction(async (store) => {
    const msg = await store.inbound.lockUnprocessed(inboundId);
    if (!msg) return null;
    const effects = noEffects();
    const outcome = await route(msg, store, deps, now, effects);
    await store.inbound.markProcessed(msg.id, outcome, now);
    return { outcome, effects };
  });
  if (!result) return null;
  await dispatchEffects(deps, result.effects);
  deps.log.info("inbound processed", { inboundId, outcome: result.outcome });
  return result.outcome;
}

/** Rows of one batch processed at once: enough to overlap round trips, few enough to leave the pg pool to crisis work. */
const BATCH_CONCURRENCY = 2;

/**
 * Processes a webhook batch (one job per group commit). Each row keeps its own
 * transaction, so a row is processed exactly once whatever happens to the job: a retry
 * (failure, or a worker killed mid-batch and the job taken over as stalled) finds the
 * done rows marked and skips them. A row that fails fails the job after the others ran,
 * so BullMQ retries only what is left.
 */
export async function processInboundBatch(inboundIds: string[], deps: Deps): Promise<{ processed: number; skipped: number }> {
  let next = 0;
  let processed = 0;
  let skipped = 0;
  const failures: unknown[] = [];
  const lane = async () => {
    while (next < inboundIds.length) {
      const id = inboundIds[next++]!;
      try {
        if ((await processInbound(id, deps)) === null) skipped++;
        else processed++;
      } catch (err) {
        failures.push(err);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(BATCH_CONCURRENCY, inboundIds.length) }, lane));
  if (failures.length) {
    throw new Error(`${failures.length} of ${inboundIds.length} inbound texts failed; the job retries them`, { cause: failures[0] });
  }
  return { processed, skipped };
}

/**
 * Order matters: a volunteer's text is hotline work; a parent with a case in progress
 * talks to their volunteer (keywords are still honoured); then keywords, enrolment and
 * check-ins. The crisis screen already ran in the webhook, before all of this.
 */
async function route(msg: InboundMessage, store: Store, deps: Deps, now: Date, effects: Effects): Promise<string> {
  const responder = await store.responders.byPhone(msg.fromPhone);
  if (responder) return handleResponderText({ msg, responder, store, deps, now, effects });

  const participant = await store.participants.byPhone(msg.fromPhone);
  // An answer to an open crisis question is that, before it is a STOP or an enrolment YES.
  const answered = await handleAskBackInWorker({ msg, participant, store, deps, now, effects });
  if (answered) return answered;
  const activeCase = await store.cases.activeForPhone(msg.fromPhone);
  const outcomes: string[] = [];
  if (participant && msg.crisisLevel === "imminent" && (await interruptFlowForCrisis({ store, deps, now, effects }, participant))) outcomes.push("flow_interrupted");
  if (activeCase) outcomes.push(await relayParentText(store, deps, activeCase, msg, now, effects));
  const bareHelp = participant ? await handleBareHelp({ msg, participant, store, deps, now, effects }) : null;
  // A check-on-parent case (a bare HELP) is not a crisis conversation that owns every text:
  // the parent's check-in answers and notes still count (the volunteer sees them too).
  const checkOnly = activeCase !== null && activeCase.severity <= CHECK_ON_PARENT_SEVERITY && msg.crisisLevel !== "imminent";
  if (bareHelp) outcomes.push(bareHelp);
  else if (!activeCase || checkOnly || (classifyKeyword(msg.body) && msg.crisisLevel !== "imminent")) {
    outcomes.push(
      participant
        ? await handleParticipantText(msg, participant, store, deps, now, effects)
        : await handleUnknownSender(msg, store, deps, now, effects),
    );
  }
  // A possible crisis reaches the peer through its question (NO or no answer); only when
  // no question could be recorded does it go to the peer at once.
  const unasked = msg.crisisLevel === "possible" && (await store.askBacks.bySid(msg.messageSid)) === null;
  if ((msg.crisisLevel === "concern" || unasked) && participant) {
    const { notification, isNew } = await store.notifications.createOnce({
      idempotencyKey: `concern|${msg.id}`,
      peerId: participant.peerId,
      participantId: participant.id,
      kind: "concern",
      summary: concernSummary(msg.crisisCategories),
      inboundMessageId: msg.id,
    });
    if (isNew) effects.notifications.push(notification);
    outcomes.push("concern_noted");
  }
  return outcomes.join("+");
}

/** Said with care: return to use is part of recovery, not a failure to report. */
function concernSummary(categories: string[]): string {
  if (categories.includes("return_to_use")) {
    return "They may have returned to use. Return to use is part of recovery: reach out with care, not judgement.";
  }
  if (categories.includes("cravings")) return "They are having cravings and reached out. A call today could help.";
  return "They sound low or hopeless (no sign of immediate danger). Please check in soon.";
}

async function handleUnknownSender(msg: InboundMessage, store: Store, deps: Deps, now: Date, effects: Effects) {
  if (decideUnknownSenderAction(classifyKeyword(msg.body)) === "record_opt_out") {
    await store.optOuts.add(msg.fromPhone, now);
    return "unknown_sender_opt_out";
  }
  // One generic line per number per day: enough to point a stranger to 988, not a chat.
  const day = now.toISOString().slice(0, 10);
  const { message, isNew } = await store.outbound.createOnce({
    idempotencyKey: `unknown-sender|${msg.fromPhone}|${day}`,
    toPhone: msg.fromPhone,
    body: deps.flows.program.unknownSender.en + "\n" + deps.flows.program.unknownSender.es,
    kind: "unknown_sender",
    priority: "reply",
    participantId: null,
    notAfter: null,
  });
  if (isNew) effects.sms.push(message);
  return "unknown_sender";
}

async function handleParticipantText(
  msg: InboundMessage,
  participant: Participant,
  store: Store,
  deps: Deps,
  now: Date,
  effects: Effects,
): Promise<string> {
  if (participant.status === "paused" && isResumeWord(msg.body)) {
    const resumed = await resumeByText(msg, participant, store, deps, now, effects);
    if (resumed) return resumed;
  }
  const flowOutcome = await routeToFlowsOrPause({ store, deps, now, effects }, msg, participant);
  if (flowOutcome) return flowOutcome;
  // C / R answering an appointment reminder: after an active flow's answer, before check-in replies.
  const appointmentReply = await handleAppointmentReply({ msg, participant, store, deps, now, effects });
  if (appointmentReply) return appointmentReply;
  const openCheckin = await store.checkins.openFor(participant.id, now);
  const action = decideInboundAction({
    consent: participant.consent,
    keyword: classifyKeyword(msg.body),
    hasOpenCheckin: openCheckin !== null,
    reply: parseCheckinReply(msg.body),
  });
  const peer = participant.peerId ? await store.peers.get(participant.peerId) : null;
  const ctx: ActionContext = { msg, participant, peer, store, deps, now, effects };

  switch (action.type) {
    case "opt_out":
      await store.participants.setConsent(participant.id, "opted_out", now);
      await store.optOuts.add(participant.phone, now);
      await reply(ctx, "optedOut", "opt_out_confirmation");
      break;
    case "opt_in_again":
    case "confirm_enrolment":
      await store.participants.setConsent(participant.id, "opted_in", now);
      await store.optOuts.remove(participant.phone);
      await reply(ctx, action.type === "opt_in_again" ? "optedBackIn" : "optedIn", "opt_in_confirmation");
      effects.plans.push(participant.id);
      break;
    case "already_opted_in":
      await reply(ctx, "optedIn", "opt_in_confirmation");
      break;
    case "help":
      await reply(ctx, "help", "help");
      break;
    case "remind_pending":
      await reply(ctx, "pendingReminder", "pending_reminder", localDateOf(now, participant.timeZone));
      break;
    case "checkin_answer":
    case "checkin_note":
      await recordCheckinReply(ctx, action, openCheckin!.id, openCheckin!.kind);
      break;
    case "note_for_peer":
      await noteForPeer(ctx, "parent_message");
      await acknowledgeNote(ctx);
      break;
    case "note_no_reply":
      await noteForPeer(ctx, "parent_message");
      break;
  }
  return action.type;
}

// START and its Spanish words already classify as "start"; RESUME/REANUDAR are what a
// paused parent naturally types after "PAUSE 14".
const RESUME_WORDS = new Set(["resume", "reanudar", "resumir"]);
function isResumeWord(body: string): boolean {
  return classifyKeyword(body) === "start" || RESUME_WORDS.has(fold(body).replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, ""));
}

/**
 * A paused parent texting START/RESUME/REANUDAR ends the pause themselves. They just wrote
 * to us, so the welcome-back text is a reply (no quiet hours). An opted-out parent also
 * opts back in: that path answers for itself, so null lets it run.
 */
async function resumeByText(msg: InboundMessage, participant: Participant, store: Store, deps: Deps, now: Date, effects: Effects): Promise<string | null> {
  if (!(await store.pauses.resume(participant.id))) return null;
  deps.log.info("participant resumed", { participantId: participant.id, via: "sms" });
  if (participant.consent !== "opted_in") return null;
  effects.plans.push(participant.id);
  const peer = participant.peerId ? await store.peers.get(participant.peerId) : null;
  await reply({ msg, participant: { ...participant, status: "active" }, peer, store, deps, now, effects }, "pauseEnded", "pause_ended");
  return "resumed";
}

interface ActionContext {
  msg: InboundMessage;
  participant: Participant;
  peer: Peer | null;
  store: Store;
  deps: Deps;
  now: Date;
  effects: Effects;
}

/** `onceKey` limits a reply to once per key (e.g. per local day) instead of once per inbound text. */
async function reply(ctx: ActionContext, key: ProgramMessageKey, kind: string, onceKey?: string) {
  const { participant, peer, deps } = ctx;
  const body = renderFor(deps.flows.program[key], participant.language, textVars(deps, participant, peer));
  const idempotencyKey = onceKey ? `${kind}|${participant.id}|${onceKey}` : `${kind}|${ctx.msg.id}`;
  const { message, isNew } = await ctx.store.outbound.createOnce({
    idempotencyKey,
    toPhone: participant.phone,
    body,
    kind,
    priority: "reply",
    participantId: participant.id,
    notAfter: null,
  });
  if (isNew) ctx.effects.sms.push(message);
}

/** After a note to the peer: the off-hours auto-reply if the peer is off, else "forwarded" (once a local day). */
async function acknowledgeNote(ctx: ActionContext) {
  if (await offHoursAutoReply(ctx)) return;
  await reply(ctx, "messageForwarded", "message_ack", localDateOf(ctx.now, ctx.participant.timeZone));
}

async function noteForPeer(ctx: ActionContext, kind: string, summary?: string) {
  const { notification, isNew } = await ctx.store.notifications.createOnce({
    idempotencyKey: `${kind}|${ctx.msg.id}`,
    peerId: ctx.participant.peerId,
    participantId: ctx.participant.id,
    kind,
    summary: summary ?? ctx.msg.body,
    inboundMessageId: ctx.msg.id,
  });
  if (isNew) ctx.effects.notifications.push(notification);
}

async function recordCheckinReply(
  ctx: ActionContext,
  action: Extract<InboundAction, { type: "checkin_answer" | "checkin_note" }>,
  checkinId: string,
  kind: "daily" | "nightly",
) {
  const flow = ctx.deps.flows.checkins[kind];
  const score = action.type === "checkin_answer" ? action.score : null;
  await ctx.store.checkins.answer(checkinId, score, ctx.msg.id, ctx.now);
  await awardPoints(ctx.store, ctx.deps, ctx.effects, { participant: ctx.participant, reason: "checkin_answered", sourceKey: `checkin|${checkinId}` });
  if (score === null) {
    await noteForPeer(ctx, "checkin_note");
    await acknowledgeNote(ctx);
    return;
  }
  const low = score <= flow.lowScoreAtOrBelow;
  if (low) await noteForPeer(ctx, "low_score", `Check-in score ${score}/5`);
  const vars = { ...textVars(ctx.deps, ctx.participant, ctx.peer), score };
  const body = renderFor(low ? flow.texts.thanksLow : flow.texts.thanks, ctx.participant.language, vars);
  const { message, isNew } = await ctx.store.outbound.createOnce({
    idempotencyKey: `checkin_thanks|${checkinId}`,
    toPhone: ctx.participant.phone,
    body,
    kind: "checkin_thanks",
    priority: "reply",
    participantId: ctx.participant.id,
    notAfter: null,
  });
  if (isNew) ctx.effects.sms.push(message);
}
