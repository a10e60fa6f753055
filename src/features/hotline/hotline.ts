import type { CrisisCategory, CrisisScreen } from "../../domain/crisis";
import { newShortId, parseResponderCommand, SUPERVISOR_COMMANDS } from "../../domain/hotline/commands";
import { isNobodyOnShift, minutesWaiting, severityOf, someoneOnShift, whomToPage } from "../../domain/hotline/escalation";
import { matchResponder } from "../../domain/hotline/lifecycle";
import type { HotlineCase, Responder } from "../../domain/hotline/model";
import type { ResponderTextKey } from "../../domain/hotline/texts";
import type { InboundMessage, OutboundMessage, Participant } from "../../domain/model";
import type { ProgramMessageKey } from "../../content/catalog";
import { responderCacheFor } from "../inbound/journal/responder-cache";
import { type Store } from "../../adapters/postgres";
import type { Deps } from "../../ports/deps";
import { describeError } from "../../ports/log";
import { dispatchEffects, noEffects, type Effects } from "../../jobs/effects";
import {
  applySupervisorAction,
  claimedText,
  crisisAgainOnClaimedCase,
  notifyPeerOfCase,
  type ActionInput,
} from "./hotline-actions";
import { firstName, handOver, lifecycleText, pageBody, programText, sendChildSafetyGuidance, textResponder, type HotlineAct } from "./hotline-messages";
import { renderFor, textVars } from "../texts";
import { parseCallBack } from "../../domain/voice/texts";
import { requestCallBack } from "../voice/voice-callback";
import { JOBS } from "../../jobs/catalog";
import { enqueue } from "../../jobs/define";

export { notifyPeerOfCase };

/**
 * The crisis path after the webhook's safety reply: cases, pages, claims, the masked
 * relay between parent and volunteer, and closing. Every step lands on the case timeline.
 */

/**
 * How a case arrived: a crisis text the webhook already answered with the safety reply,
 * or a peer's "Hand to hotline" (no safety reply was sent; maybe no text behind it).
 */
export type CaseSource =
  | { via: "sms"; msg: InboundMessage }
  | { via: "peer_handoff"; msg: InboundMessage | null; fromPhone: string }
  /** A call to the program number (src/features/voice/voice.ts): no text behind it. */
  | { via: "voice"; msg: null; fromPhone: string };

/** Joins the parent's open case, or opens one (the caller starts its paging chain when new). */
export async function openOrJoinCase(
  store: Store,
  source: CaseSource,
  participant: Participant | null,
  screen: CrisisScreen,
  now: Date,
  /** A short id already promised (pages sent while Postgres was down named it), used if still free. */
  opts: { shortId?: string } = {},
): Promise<{ hotlineCase: HotlineCase; isNew: boolean }> {
  const { msg } = source;
  const fromPhone = source.via === "sms" ? source.msg.fromPhone : source.fromPhone;
  const existing = await store.cases.activeForPhone(fromPhone);
  if (existing) {
    if (msg) await store.cases.addEvent(existing.id, "message_received", now, null, { inboundId: msg.id, level: screen.level });
    const raised = severityOf(screen) > existing.severity ? await store.cases.raiseSeverity(existing.id, screen.categories, severityOf(screen)) : null;
    if (raised) await store.cases.addEvent(existing.id, "severity_raised", now, null, { from: existing.severity, to: raised.severity, categories: screen.categories });
    return { hotlineCase: raised ?? existing, isNew: false };
  }
  let shortId = opts.shortId ?? newShortId();
  while (await store.cases.byShortId(shortId)) shortId = newShortId();
  const childSafety = screen.categories.includes("child_danger");
  const hotlineCase = await store.cases.create({
    shortId,
    participantId: participant?.id ?? null,
    fromPhone,
    language: participant?.language ?? "en",
    level: "imminent",
    severity: severityOf(screen),
    categories: screen.categories,
    supervisorReview: childSafety,
  });
  await store.cases.addEvent(hotlineCase.id, "received", now, null, {
    ...(msg ? { inboundId: msg.id } : {}),
    categories: screen.categories,
    ...(source.via !== "sms" ? { via: source.via } : {}),
  });
  if (source.via === "sms") await store.cases.addEvent(hotlineCase.id, "safety_reply", now, null, { via: "twiml" });
  if (childSafety) await store.cases.addEvent(hotlineCase.id, "flagged_for_supervisor_review", now, null, { reason: "child_safety" });
  return { hotlineCase, isNew: true };
}

/**
 * The webhook's safety reply. It promises "a volunteer will text you" only when a
 * responder is on shift to keep that promise (`volunteerOnShift`); otherwise it sends the
 * parent to 988 now and the escalation chain alerts the supervisors.
 */
export function safetyReply(
  deps: Pick<Deps, "flows" | "config">,
  participant: Participant | null,
  opts: { volunteerOnShift?: boolean } = {},
): string {
  const vars = textVars(deps, participant, null);
  const promise = opts.volunteerOnShift ?? true;
  return participant
    ? renderFor(deps.flows.program[promise ? "crisisSafety" : "crisisSafetyNoVolunteer"], participant.language, vars)
    : renderFor(deps.flows.program[promise ? "crisisSafetyUnknown" : "crisisSafetyNoVolunteerUnknown"], "en", vars);
}

/**
 * The safety reply after a fresh look at who is on shift (bounded by the crisis lookup
 * deadline; the last list read stands in while Postgres is away). With no list at all,
 * nobody is promised: a parent told to wait for a volunteer who never comes waits alone.
 * Never throws, so it can run alongside storing the text.
 */
export async function crisisSafetyReply(deps: Deps, participant: Participant | null): Promise<string> {
  let onShift = false;
  try {
    const cache = responderCacheFor(deps);
    const responders = (await cache.readNow()) ?? cache.responders;
    onShift = !!responders && someoneOnShift(responders, deps.clock.now());
  } catch {
    onShift = false;
  }
  return safetyReply(deps, participant, { volunteerOnShift: onShift });
}

/**
 * One step of the chain. Returns when to run the next step, or null when the case no
 * longer needs paging (claimed, closed, or a newer round took over).
 */
export async function runEscalationStep(
  data: { caseId: string; round: number; step: number },
  deps: Deps,
  opts: EscalationOptions = {},
): Promise<Date | null> {
  const now = deps.clock.now();
  const effects = noEffects();
  const store = deps.store;
  const c = await store.cases.get(data.caseId);
  if (!c || c.status !== "open" || c.escalationRound !== data.round) return null;
  const responders = await store.responders.listActive();
  const { responders: toPage, reason } = whomToPage(data.step, responders, now, { childSafety: c.supervisorReview, skip: c.skipPaging });
  const minutes = minutesWaiting(c.queuedAt, now);
  const nobodyOnShift = isNobodyOnShift(reason);
  const act: HotlineAct = { store, deps, now, effects };
  // Every responder is paged by SMS, whatever their pageChannel: paging in Slack is not
  // built, and SMS stays the floor even once it is.
  const firstPages: OutboundMessage[] = [];
  for (const r of toPage) {
    const body = pageBody(deps, r, { shortId: c.shortId, step: data.step, reason, minutes });
    const { message, isNew } = await store.outbound.createOnce({
      idempotencyKey: `page|${c.id}|${data.round}|${data.step}|${r.id}`,
      toPhone: r.phone,
      body,
      kind: "hotline_page",
      priority: "crisis",
      participantId: null,
      notAfter: null,
    });
    if (data.step === 0 && opts.sendNow) firstPages.push(message);
    else if (isNew) effects.sms.push(message);
    if (c.supervisorReview && r.tier === "supervisor") await sendChildSafetyGuidance(act, c, r);
  }
  await store.cases.addEvent(c.id, data.step === 0 ? "paged" : "escalated", now, null, {
    step: data.step,
    round: data.round,
    reason,
    minutesWaiting: minutes,
    responderIds: toPage.map((r) => r.id),
  }, `page|${c.id}|${data.round}|${data.step}`);
  if (toPage.length === 0) deps.log.error("hotline case has nobody to page", { caseId: c.id, reason });
  if (nobodyOnShift) {
    // Once a round: the supervisors' channel hears it too (SMS above is the floor).
    const first = await store.cases.addEvent(c.id, "nobody_on_shift", now, null, { round: data.round, reason, supervisorsTexted: toPage.length }, `alert|${c.id}|${data.round}`);
    if (first) deps.log.warn("hotline case has no volunteer on shift; supervisors alerted", { caseId: c.id, reason });
    await enqueue(deps.queues, JOBS.supervisorAlert, { caseId: c.id, round: data.round });
  }
  await dispatchEffects(deps, effects);
  if (firstPages.length) await Promise.all(firstPages.map((m) => sendFirstPage(m, deps, opts.sendNow!)));
  const waitSeconds = data.step === 0 ? deps.config.HOTLINE_ESCALATE_AFTER_SECONDS : deps.config.HOTLINE_REPEAT_EVERY_SECONDS;
  return new Date(now.getTime() + waitSeconds * 1000);
}

export interface EscalationOptions {
  /**
   * Sends a stored page now, from this job (deliverOutbound in direct mode: only a
   * "queued" row, under the account's send limiter). Used for step 0 so the first page
   * does not wait for a second queue hop (issue 13); without it pages go to sms-urgent.
   */
  sendNow?: (outboundId: string) => Promise<unknown>;
}

/**
 * A first page, sent from the escalation job itself. Whatever the direct send cannot
 * finish goes to sms-urgent, where the usual retries take over: a failed send (the row is
 * back to "queued"), and, when this step is a re-run after a worker died mid-send, a row
 * left "sending" (the urgent job re-sends it: for crisis texts a doubled page is
 * preferred to a missing one, docs/decisions.md). A row already sent is left alone.
 */
async function sendFirstPage(m: OutboundMessage, deps: Deps, sendNow: (outboundId: string) => Promise<unknown>): Promise<void> {
  if (m.status === "queued") {
    try {
      await sendNow(m.id);
      return;
    } catch (err) {
      deps.log.warn("first page not sent directly; queued on sms-urgent", { outboundId: m.id, error: describeError(err) });
    }
    const now = await deps.store.outbound.get(m.id);
    if (now?.status !== "queued") return;
  } else if (m.status !== "sending") {
    return;
  }
  await enqueue(deps.queues, JOBS.sendUrgentSms, { outboundId: m.id });
}

interface ResponderContext extends HotlineAct {
  msg: InboundMessage;
  responder: Responder;
}

/** A text from a volunteer or supervisor: a command, or a message for the parent. */
export async function handleResponderText(ctx: ResponderContext): Promise<string> {
  // CALL <id>: the voice hotline's call-back (src/features/voice/voice-callback.ts); null = not a case id.
  const callBack = parseCallBack(ctx.msg.body);
  const calling = callBack ? await requestCallBack(ctx, ctx.responder, callBack.shortId, ctx.msg.id) : null;
  if (calling) return calling;
  const cmd = parseResponderCommand(ctx.msg.body);
  const { store, responder, now } = ctx;
  if (cmd.type === "bad_id") {
    await reply(ctx, "noSuchCase", { caseId: cmd.given });
    return "responder_unknown_case";
  }
  if (SUPERVISOR_COMMANDS.has(cmd.type) && responder.tier !== "supervisor") {
    await reply(ctx, "supervisorsOnly", { caseId: cmd.shortId ?? "K7Q2A" });
    return "supervisor_only";
  }
  if (SUPERVISOR_COMMANDS.has(cmd.type) && !cmd.shortId) {
    await reply(ctx, "needsId", { command: ctx.msg.body.trim().split(/\s+/)[0]!.toUpperCase() });
    return "responder_needs_id";
  }
  const target = cmd.shortId ? await store.cases.byShortId(cmd.shortId) : await onlyClaimedCase(ctx);
  if (!target) {
    if (cmd.shortId) await reply(ctx, "noSuchCase", { caseId: cmd.shortId });
    else await tellResponder(ctx, "hotlineHowTo", "K7Q2A");
    return "responder_unknown_case";
  }
  const mine = target.status === "claimed" && target.claimedBy === responder.id;
  const isSupervisor = responder.tier === "supervisor";
  switch (cmd.type) {
    case "accept": {
      const claimed = await store.cases.claim(target.id, responder.id, now);
      if (!claimed) {
        if (target.status === "closed") await reply(ctx, "caseClosed", { caseId: target.shortId });
        else await tellResponder(ctx, "hotlineTaken", target.shortId);
        return "claim_lost";
      }
      await store.cases.addEvent(target.id, "claimed", now, responder.id);
      await handOver(ctx, claimed, responder, `claim|${ctx.msg.id}`, await claimedText(ctx, claimed, responder));
      return "claimed";
    }
    case "done": {
      if (!mine && isSupervisor) return supervisorAction(ctx, target, { action: "close", actor: responder, note: cmd.note });
      if (!mine) return notYours(ctx, target);
      const closed = await store.cases.close(target.id, responder.id, cmd.note, now);
      if (!closed) return notYours(ctx, (await store.cases.get(target.id)) ?? target);
      await store.cases.addEvent(target.id, "closed", now, responder.id, { hasNote: cmd.note.length > 0 });
      await tellResponder(ctx, "hotlineClosed", target.shortId);
      await notifyPeerOfCase(ctx, closed, "hotline_case_closed", `A hotline volunteer handled an after-hours crisis (case ${closed.shortId}) and closed it.`);
      return "closed";
    }
    case "transfer": {
      if (!mine) return notYours(ctx, target);
      // The one who hands it back is not paged for it again (skip), whatever the round.
      const reopened = await store.cases.requeue(target.id, responder.id, now, responder.id);
      if (!reopened) return notYours(ctx, (await store.cases.get(target.id)) ?? target);
      await store.cases.addEvent(target.id, "transferred", now, responder.id, { round: reopened.escalationRound });
      await tellResponder(ctx, "hotlineTransferred", target.shortId);
      ctx.effects.escalations.push(reopened);
      return "transferred";
    }
    case "take":
      return supervisorAction(ctx, target, { action: "take", actor: responder });
    case "release":
      return supervisorAction(ctx, target, { action: "release", actor: responder });
    case "review":
      return supervisorAction(ctx, target, { action: "review", actor: responder, note: cmd.note });
    case "reassign": {
      if (!cmd.to) {
        await reply(ctx, "reassignWho", { caseId: target.shortId });
        return "reassign_needs_who";
      }
      const match = matchResponder(cmd.to, await store.responders.listActive());
      if (!match.ok) {
        await reply(ctx, match.problem === "none" ? "reassignNoMatch" : "reassignAmbiguous", { who: cmd.to.slice(0, 40) });
        return "reassign_no_match";
      }
      return supervisorAction(ctx, target, { action: "reassign", actor: responder, to: match.responder });
    }
    case "relay": {
      if (!mine) return notYours(ctx, target);
      await queueText(ctx, {
        idempotencyKey: `relay|${ctx.msg.id}`,
        toPhone: target.fromPhone,
        body: cmd.text,
        participantId: target.participantId,
      });
      await store.cases.addEvent(target.id, "relayed_to_parent", now, responder.id, { inboundId: ctx.msg.id });
      return "relayed_to_parent";
    }
  }
}

const DONE_TEXT: Record<ActionInput["action"], { en: string; es: string }> = {
  take: { en: "taken over", es: "tomado" },
  reassign: { en: "reassigned", es: "reasignado" },
  release: { en: "back in the queue; responders are being paged", es: "de vuelta en la cola; se avisa a los voluntarios" },
  close: { en: "closed", es: "cerrado" },
  review: { en: "review recorded", es: "revisión registrada" },
};

async function supervisorAction(ctx: ResponderContext, c: HotlineCase, input: ActionInput): Promise<string> {
  const result = await applySupervisorAction(ctx, c, input, { via: "sms", key: `sms|${ctx.msg.id}` });
  if (!result.ok) {
    await reply(ctx, "conflict", { caseId: c.shortId, conflict: result.conflict });
    return `${input.action}_refused`;
  }
  // TAKE (and REASSIGN to oneself) already sent the hand-over texts.
  const handedToActor = input.action === "take" || (input.action === "reassign" && input.to.id === ctx.responder.id);
  if (!handedToActor) {
    const done = DONE_TEXT[input.action][ctx.responder.language];
    const withWhom = input.action === "reassign" ? ` (${firstName(input.to)})` : "";
    await reply(ctx, "actionDone", { caseId: c.shortId, done: done + withWhom });
  }
  return `supervisor_${input.action}`;
}

async function notYours(ctx: ResponderContext, c: HotlineCase): Promise<string> {
  const key: ResponderTextKey = c.status === "closed" ? "caseClosed" : c.status === "open" ? "notYoursOpen" : "notYoursClaimed";
  await reply(ctx, key, { caseId: c.shortId });
  return "not_yours";
}

async function onlyClaimedCase(ctx: ResponderContext): Promise<HotlineCase | null> {
  const mine = await ctx.store.cases.claimedBy(ctx.responder.id);
  return mine.length === 1 ? mine[0]! : null;
}

/**
 * A parent's text while their case is open: kept on the timeline, and passed to the
 * volunteer once someone holds the case (as "[K7Q2A] …" from the program number). A text
 * that puts a child at risk raises the case's child-safety flag; a new crisis text on a
 * claimed case checks that its holder is still there (re-opening the case if not).
 */
export async function relayParentText(
  store: Store,
  deps: Deps,
  c: HotlineCase,
  msg: InboundMessage,
  now: Date,
  effects: Effects,
): Promise<string> {
  const act: HotlineAct = { store, deps, now, effects };
  const outcomes: string[] = [];
  let current = c;
  if ((msg.crisisCategories ?? []).includes("child_danger") && !c.supervisorReview) {
    current = (await raiseChildSafety(act, c, msg)) ?? c;
    outcomes.push("child_safety_raised");
  }
  if (current.status === "claimed" && msg.crisisLevel === "imminent") {
    const outcome = await crisisAgainOnClaimedCase(act, current, msg.id);
    if (outcome === "reopened") return [...outcomes, "reopened"].join("+");
  }
  const volunteer = current.status === "claimed" && current.claimedBy ? await store.responders.get(current.claimedBy) : null;
  if (!volunteer) {
    // Crisis texts are already on the timeline (the webhook joined them to the case).
    if (!msg.crisisLevel) await store.cases.addEvent(c.id, "message_received", now, null, { inboundId: msg.id });
    return [...outcomes, "held_for_volunteer"].join("+");
  }
  // Keyed per volunteer: after a hand-over the next holder's copy is its own text.
  const { message, isNew } = await store.outbound.createOnce({
    idempotencyKey: `relay|${msg.id}|${volunteer.id}`,
    toPhone: volunteer.phone,
    body: `[${current.shortId}] ${msg.body}`,
    kind: "hotline_relay",
    priority: "crisis",
    participantId: null,
    notAfter: null,
  });
  if (isNew) effects.sms.push(message);
  await store.cases.addEvent(current.id, "relayed_to_volunteer", now, volunteer.id, { inboundId: msg.id });
  return [...outcomes, "relayed_to_volunteer"].join("+");
}

/**
 * A later text says a child is at risk: the case needs supervisor review, the supervisors
 * are paged now (on shift, else all of them) with the reporting guidance, and so is the
 * responder holding the case.
 */
async function raiseChildSafety(act: HotlineAct, c: HotlineCase, msg: InboundMessage): Promise<HotlineCase | null> {
  const categories = (msg.crisisCategories ?? []) as CrisisCategory[];
  const raised = await act.store.cases.raiseChildSafety(c.id, categories, severityOf({ level: "imminent", categories }));
  if (!raised) return null;
  await act.store.cases.addEvent(c.id, "flagged_for_supervisor_review", act.now, null, { reason: "child_safety", inboundId: msg.id, later: true });
  const responders = await act.store.responders.listActive();
  const supervisors = whomToPage(1, responders.filter((r) => r.tier === "supervisor"), act.now, { childSafety: true }).responders;
  for (const s of supervisors) await sendChildSafetyGuidance(act, raised, s);
  await act.store.cases.addEvent(c.id, "supervisors_paged_child_safety", act.now, null, { responderIds: supervisors.map((s) => s.id) });
  if (raised.status === "claimed" && raised.claimedBy) {
    const holder = await act.store.responders.get(raised.claimedBy);
    if (holder && holder.tier !== "supervisor") await sendChildSafetyGuidance(act, raised, holder);
  }
  return raised;
}

async function reply(ctx: ResponderContext, key: ResponderTextKey, vars: Record<string, string | number>) {
  await textResponder(ctx, ctx.responder, `responder|${key}|${ctx.msg.id}`, lifecycleText(ctx, ctx.responder, key, vars));
}

async function tellResponder(ctx: ResponderContext, key: ProgramMessageKey, caseId: string) {
  await textResponder(ctx, ctx.responder, `responder|${key}|${ctx.msg.id}`, programText(ctx, ctx.responder, key, { caseId }));
}

async function queueText(
  ctx: ResponderContext,
  m: { idempotencyKey: string; toPhone: string; body: string; participantId: string | null },
) {
  const { message, isNew } = await ctx.store.outbound.createOnce({
    ...m,
    kind: "hotline_relay",
    priority: "crisis",
    notAfter: null,
  });
  if (isNew) ctx.effects.sms.push(message);
}
