import type { CrisisScreen } from "../domain/crisis";
import { newShortId, parseResponderCommand } from "../domain/hotline/commands";
import { severityOf, whomToPage } from "../domain/hotline/escalation";
import type { HotlineCase, Responder } from "../domain/hotline/model";
import type { InboundMessage, Language, Participant } from "../domain/model";
import type { ProgramMessageKey } from "../flows/catalog";
import { storeFor, type Store } from "../store";
import type { Deps } from "./deps";
import { dispatchEffects, noEffects, type Effects } from "./effects";
import { renderFor, textVars } from "./texts";

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
  | { via: "peer_handoff"; msg: InboundMessage | null; fromPhone: string };

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
    return { hotlineCase: existing, isNew: false };
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
    ...(source.via === "peer_handoff" ? { via: "peer_handoff" } : {}),
  });
  if (source.via === "sms") await store.cases.addEvent(hotlineCase.id, "safety_reply", now, null, { via: "twiml" });
  if (childSafety) await store.cases.addEvent(hotlineCase.id, "flagged_for_supervisor_review", now, null, { reason: "child_safety" });
  return { hotlineCase, isNew: true };
}

export function safetyReply(deps: Pick<Deps, "flows" | "config">, participant: Participant | null): string {
  const vars = textVars(deps, participant, null);
  return participant
    ? renderFor(deps.flows.program.crisisSafety, participant.language, vars)
    : renderFor(deps.flows.program.crisisSafetyUnknown, "en", vars);
}

/**
 * One step of the chain. Returns when to run the next step, or null when the case no
 * longer needs paging (claimed, closed, or a newer round took over).
 */
export async function runEscalationStep(
  data: { caseId: string; round: number; step: number },
  deps: Deps,
): Promise<Date | null> {
  const now = deps.clock.now();
  const effects = noEffects();
  const store = storeFor(deps.db);
  const c = await store.cases.get(data.caseId);
  if (!c || c.status !== "open" || c.escalationRound !== data.round) return null;
  const responders = await store.responders.listActive();
  const { responders: toPage, reason } = whomToPage(data.step, responders, now, { childSafety: c.supervisorReview });
  const minutes = Math.max(1, Math.round((now.getTime() - c.createdAt.getTime()) / 60_000));
  const key: ProgramMessageKey = data.step === 0 ? "hotlinePage" : "hotlineRepage";
  // Every responder is paged by SMS, whatever their pageChannel: paging in Slack is not
  // built, and SMS stays the floor even once it is.
  for (const r of toPage) {
    const { message, isNew } = await store.outbound.createOnce({
      idempotencyKey: `page|${c.id}|${data.round}|${data.step}|${r.id}`,
      toPhone: r.phone,
      body: renderFor(deps.flows.program[key], r.language, { ...textVars(deps, null, null), caseId: c.shortId, minutes }),
      kind: "hotline_page",
      priority: "crisis",
      participantId: null,
      notAfter: null,
    });
    if (isNew) effects.sms.push(message);
  }
  await store.cases.addEvent(c.id, data.step === 0 ? "paged" : "escalated", now, null, {
    step: data.step,
    round: data.round,
    reason,
    responderIds: toPage.map((r) => r.id),
  }, `page|${c.id}|${data.round}|${data.step}`);
  if (toPage.length === 0) deps.log.error("hotline case has nobody to page", { caseId: c.id, reason });
  await dispatchEffects(deps, effects);
  const waitSeconds = data.step === 0 ? deps.config.HOTLINE_ESCALATE_AFTER_SECONDS : deps.config.HOTLINE_REPEAT_EVERY_SECONDS;
  return new Date(now.getTime() + waitSeconds * 1000);
}

interface ResponderContext {
  msg: InboundMessage;
  responder: Responder;
  store: Store;
  deps: Deps;
  now: Date;
  effects: Effects;
}

/** A text from a volunteer or supervisor: a command, or a message for the parent. */
export async function handleResponderText(ctx: ResponderContext): Promise<string> {
  const cmd = parseResponderCommand(ctx.msg.body);
  const { store, responder, now } = ctx;
  const target = cmd.shortId ? await store.cases.byShortId(cmd.shortId) : await onlyClaimedCase(ctx);
  if (!target) {
    await tellResponder(ctx, "hotlineHowTo", cmd.shortId ?? "K7Q2A");
    return "responder_unknown_case";
  }
  switch (cmd.type) {
    case "accept": {
      const claimed = await store.cases.claim(target.id, responder.id, now);
      if (!claimed) {
        await tellResponder(ctx, "hotlineTaken", target.shortId);
        return "claim_lost";
      }
      await store.cases.addEvent(target.id, "claimed", now, responder.id);
      const participant = claimed.participantId ? await store.participants.get(claimed.participantId) : null;
      await tellResponder(ctx, "hotlineClaimed", claimed.shortId, {
        firstName: participant?.firstName ?? "unknown number",
        language: claimed.language === "es" ? "español" : "English",
      });
      await relayEarlierMessages(ctx, claimed);
      return "claimed";
    }
    case "done": {
      const closed = await store.cases.close(target.id, responder.id, cmd.note, now);
      if (!closed) {
        await tellResponder(ctx, "hotlineHowTo", target.shortId);
        return "close_refused";
      }
      await store.cases.addEvent(target.id, "closed", now, responder.id, { hasNote: cmd.note.length > 0 });
      await tellResponder(ctx, "hotlineClosed", target.shortId);
      await notifyPeerOfCase(ctx, closed, "hotline_case_closed", `A hotline volunteer handled an after-hours crisis (case ${closed.shortId}) and closed it.`);
      return "closed";
    }
    case "transfer": {
      const reopened = await store.cases.reopen(target.id, responder.id);
      if (!reopened) {
        await tellResponder(ctx, "hotlineHowTo", target.shortId);
        return "transfer_refused";
      }
      await store.cases.addEvent(target.id, "transferred", now, responder.id);
      await tellResponder(ctx, "hotlineTransferred", target.shortId);
      ctx.effects.escalations.push(reopened);
      return "transferred";
    }
    case "relay": {
      if (target.status !== "claimed" || target.claimedBy !== responder.id) {
        await tellResponder(ctx, "hotlineHowTo", target.shortId);
        return "relay_refused";
      }
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

async function onlyClaimedCase(ctx: ResponderContext): Promise<HotlineCase | null> {
  const mine = await ctx.store.cases.claimedBy(ctx.responder.id);
  return mine.length === 1 ? mine[0]! : null;
}

/**
 * A parent's text while their case is open: kept on the timeline, and passed to the
 * volunteer once someone holds the case (as "[K7Q2A] …" from the program number).
 */
export async function relayParentText(
  store: Store,
  deps: Deps,
  c: HotlineCase,
  msg: InboundMessage,
  now: Date,
  effects: Effects,
): Promise<string> {
  if (c.status !== "claimed" || !c.claimedBy) {
    if (!msg.crisisLevel) await store.cases.addEvent(c.id, "message_received", now, null, { inboundId: msg.id });
    return "held_for_volunteer";
  }
  const volunteer = await store.responders.get(c.claimedBy);
  if (!volunteer) return "held_for_volunteer";
  const { message, isNew } = await store.outbound.createOnce({
    idempotencyKey: `relay|${msg.id}`,
    toPhone: volunteer.phone,
    body: `[${c.shortId}] ${msg.body}`,
    kind: "hotline_relay",
    priority: "crisis",
    participantId: null,
    notAfter: null,
  });
  if (isNew) effects.sms.push(message);
  await store.cases.addEvent(c.id, "relayed_to_volunteer", now, volunteer.id, { inboundId: msg.id });
  return "relayed_to_volunteer";
}

async function relayEarlierMessages(ctx: ResponderContext, c: HotlineCase) {
  const events = await ctx.store.cases.events(c.id);
  const ids = events
    .filter((e) => e.type === "received" || e.type === "message_received")
    .map((e) => e.detail.inboundId as string | undefined)
    .filter((id): id is string => !!id);
  for (const id of [...new Set(ids)]) {
    const m = await ctx.store.inbound.get(id);
    if (m) await relayParentText(ctx.store, ctx.deps, c, m, ctx.now, ctx.effects);
  }
}

export async function notifyPeerOfCase(
  ctx: { store: Store; effects: Effects },
  c: HotlineCase,
  kind: string,
  summary: string,
) {
  if (!c.participantId) return;
  const participant = await ctx.store.participants.get(c.participantId);
  const { notification, isNew } = await ctx.store.notifications.createOnce({
    idempotencyKey: `${kind}|${c.id}`,
    peerId: participant?.peerId ?? null,
    participantId: c.participantId,
    kind,
    summary,
  });
  if (isNew) ctx.effects.notifications.push(notification);
}

async function tellResponder(ctx: ResponderContext, key: ProgramMessageKey, caseId: string, extra: Record<string, string> = {}) {
  await queueText(ctx, {
    idempotencyKey: `responder|${key}|${ctx.msg.id}`,
    toPhone: ctx.responder.phone,
    body: renderFor(ctx.deps.flows.program[key], ctx.responder.language as Language, {
      ...textVars(ctx.deps, null, null),
      caseId,
      ...extra,
    }),
    participantId: null,
  });
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
