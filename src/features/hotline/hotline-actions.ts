import { claimedCaseState, minutesWaiting } from "../../domain/hotline/escalation";
import { checkSupervisorAction, type SupervisorAction } from "../../domain/hotline/lifecycle";
import type { HotlineCase, Responder } from "../../domain/hotline/model";
import type { Deps } from "../../ports/deps";
import { dispatchEffects, noEffects, type Effects } from "../../jobs/effects";
import { firstName, handOver, lifecycleText, programText, textResponder, type HotlineAct } from "./hotline-messages";
import { JOBS } from "../../jobs/catalog";
import { jobRequest } from "../../jobs/define";

/**
 * The case lifecycle beyond claim and close: supervisors' TAKE / REASSIGN / RELEASE /
 * DONE / REVIEWED (the same use case by API and by SMS), and re-opening a claimed case
 * whose holder is gone or silent while the parent is in crisis again.
 */

export type ActionInput =
  | { action: "take"; actor: Responder }
  | { action: "reassign"; actor: Responder; to: Responder }
  | { action: "release"; actor: Responder }
  | { action: "close"; actor: Responder; note: string }
  | { action: "review"; actor: Responder; note: string };

export type ActionResult = { ok: true; hotlineCase: HotlineCase } | { ok: false; conflict: string };

/**
 * Applies one supervisor action. `via` and `key` (the request or text it came from) go on
 * the timeline and into the outbound idempotency keys, so a retried text acts once.
 */
export async function applySupervisorAction(
  act: HotlineAct,
  c: HotlineCase,
  input: ActionInput,
  origin: { via: "api" | "sms" | "console"; key: string },
): Promise<ActionResult> {
  const { store, now } = act;
  const actor = input.actor;
  const check = checkSupervisorAction(input.action, c, { actorId: actor.id, toId: input.action === "reassign" ? input.to.id : undefined });
  if (!check.ok) return check;
  const expected = { status: c.status, claimedBy: c.claimedBy };
  const previous = c.claimedBy ? await store.responders.get(c.claimedBy) : null;
  const changed = { ok: false as const, conflict: "the case changed meanwhile; look again" };
  const tell = async (who: Responder | null, key: Parameters<typeof lifecycleText>[2]) => {
    if (who && who.id !== actor.id) {
      await textResponder(act, who, `${origin.key}|${input.action}|${who.id}`, lifecycleText(act, who, key, { caseId: c.shortId, name: firstName(actor) }));
    }
  };

  switch (input.action) {
    case "take": {
      const taken = await store.cases.assign(c.id, actor.id, now, expected);
      if (!taken) return changed;
      await store.cases.addEvent(c.id, "taken_over", now, actor.id, { via: origin.via, from: c.claimedBy });
      await tell(previous, "takenOver");
      await handOver(act, taken, actor, `${origin.key}|take`, await claimedText(act, taken, actor));
      return { ok: true, hotlineCase: taken };
    }
    case "reassign": {
      const to = input.to;
      const assigned = await store.cases.assign(c.id, to.id, now, expected);
      if (!assigned) return changed;
      await store.cases.addEvent(c.id, "reassigned", now, actor.id, { via: origin.via, from: c.claimedBy, to: to.id });
      if (previous?.id !== to.id) await tell(previous, "reassignedAway");
      const intro =
        to.id === actor.id
          ? await claimedText(act, assigned, to)
          : lifecycleText(act, to, "assignedToYou", { caseId: c.shortId, name: firstName(actor), ...(await whose(act, assigned)) });
      await handOver(act, assigned, to, `${origin.key}|reassign`, intro);
      return { ok: true, hotlineCase: assigned };
    }
    case "release": {
      const released = await store.cases.requeue(c.id, c.claimedBy!, now);
      if (!released) return changed;
      await store.cases.addEvent(c.id, "released", now, actor.id, { via: origin.via, from: c.claimedBy, round: released.escalationRound });
      await tell(previous, "releasedAway");
      act.effects.escalations.push(released);
      return { ok: true, hotlineCase: released };
    }
    case "close": {
      const closed = await store.cases.closeAs(c.id, input.note, now, expected);
      if (!closed) return changed;
      await store.cases.addEvent(c.id, "closed", now, actor.id, { via: origin.via, bySupervisor: true, hasNote: input.note.length > 0 });
      await tell(previous, "closedBySupervisor");
      await notifyPeerOfCase(act, closed, "hotline_case_closed", `A hotline case (${closed.shortId}) was handled and closed.`);
      return { ok: true, hotlineCase: closed };
    }
    case "review": {
      await store.cases.markReviewed(c.id, actor.id, now);
      // The note is the supervisor's record of the review (a report made, or why none was).
      await store.cases.addEvent(c.id, "supervisor_reviewed", now, actor.id, { via: origin.via, note: input.note });
      return { ok: true, hotlineCase: (await store.cases.get(c.id))! };
    }
  }
}

async function whose(act: HotlineAct, c: HotlineCase) {
  const participant = c.participantId ? await act.store.participants.get(c.participantId) : null;
  return { firstName: participant?.firstName ?? "unknown number", language: c.language === "es" ? "español" : "English" };
}

/** "Case K7Q2A is yours (Ana, English) …" — the program's claim text. */
export async function claimedText(act: HotlineAct, c: HotlineCase, to: Responder): Promise<string> {
  return programText(act, to, "hotlineClaimed", { caseId: c.shortId, ...(await whose(act, c)) });
}

export type ReopenReason = "holder_inactive" | "holder_off_shift" | "holder_silent";

/**
 * The parent is in crisis again and the holder is gone or silent: the case goes back to
 * the queue (a new paging round, waiting counted from `waitingSince`) and the holder is
 * told. Conditional on the holder still holding it, so it happens once.
 */
export async function reopenClaimedCase(
  act: HotlineAct,
  c: HotlineCase,
  reason: ReopenReason,
  waitingSince: Date,
): Promise<HotlineCase | null> {
  const holderId = c.claimedBy;
  if (!holderId) return null;
  const reopened = await act.store.cases.requeue(c.id, holderId, waitingSince);
  if (!reopened) return null;
  await act.store.cases.addEvent(c.id, "reopened", act.now, null, { reason, previousHolder: holderId, round: reopened.escalationRound });
  const holder = await act.store.responders.get(holderId);
  if (holder) {
    const key = reason === "holder_inactive" ? "reopenedHolderInactive" : reason === "holder_off_shift" ? "reopenedHolderOffShift" : "reopenedHolderSilent";
    const minutes = minutesWaiting(waitingSince, act.now);
    await textResponder(act, holder, `reopened|${c.id}|${reopened.escalationRound}`, lifecycleText(act, holder, key, { caseId: c.shortId, minutes }));
  }
  act.effects.escalations.push(reopened);
  return reopened;
}

/**
 * A new crisis text on a claimed case: re-open now if the holder is gone (inactive, off
 * shift); else the holder has HOTLINE_CLAIMED_REPLY_SECONDS to answer (a delayed check).
 */
export async function crisisAgainOnClaimedCase(act: HotlineAct, c: HotlineCase, inboundId: string): Promise<"reopened" | "watching"> {
  const holder = c.claimedBy ? await act.store.responders.get(c.claimedBy) : null;
  const state = claimedCaseState(holder, act.now);
  if (state !== "holder_present") {
    if (await reopenClaimedCase(act, c, state, act.now)) return "reopened";
  }
  const data = { caseId: c.id, round: c.escalationRound, holderId: c.claimedBy!, inboundId, since: act.now.toISOString() };
  (act.effects.jobs ??= []).push(claimedReplyCheckJob(act.deps, data));
  await act.store.cases.addEvent(c.id, "crisis_again_while_claimed", act.now, c.claimedBy, { inboundId, holderState: state });
  return "watching";
}

export type ClaimedReplyCheck = { caseId: string; round: number; holderId: string; inboundId: string; since: string };

/** The delayed check's job: due HOTLINE_CLAIMED_REPLY_SECONDS after the crisis text (at once if that has passed). */
export function claimedReplyCheckJob(deps: Pick<Deps, "config" | "clock">, data: ClaimedReplyCheck) {
  const due = new Date(data.since).getTime() + deps.config.HOTLINE_CLAIMED_REPLY_SECONDS * 1000;
  return jobRequest(JOBS.claimedReplyCheck, data, { delay: Math.max(0, due - deps.clock.now().getTime()) });
}

/**
 * The checks claimed cases still need (for the sweeper, after Redis lost its jobs): the
 * holder's latest crisis text from the parent in this round that they have not answered.
 */
export async function pendingClaimedReplyChecks(deps: Pick<Deps, "db" | "store" | "transaction">): Promise<ClaimedReplyCheck[]> {
  const store = deps.store;
  const out: ClaimedReplyCheck[] = [];
  for (const c of await store.cases.list({ status: "claimed" })) {
    const events = await store.cases.events(c.id);
    const watch = events.filter((e) => e.type === "crisis_again_while_claimed" && e.responderId === c.claimedBy).at(-1);
    if (!watch || (c.claimedAt && watch.at < c.claimedAt)) continue;
    const answered = events.some((e) => e.type === "relayed_to_parent" && e.responderId === c.claimedBy && e.at >= watch.at);
    if (answered) continue;
    out.push({ caseId: c.id, round: c.escalationRound, holderId: c.claimedBy!, inboundId: watch.detail.inboundId as string, since: watch.at.toISOString() });
  }
  return out;
}

/** The delayed check: has the holder written to the parent since the crisis text? */
export async function runClaimedReplyCheck(
  data: { caseId: string; round: number; holderId: string; inboundId: string; since: string },
  deps: Deps,
): Promise<"stale" | "replied" | "reopened"> {
  const now = deps.clock.now();
  const since = new Date(data.since);
  const result = await deps.transaction(async (store) => {
    const effects = noEffects();
    const c = await store.cases.get(data.caseId);
    if (!c || c.status !== "claimed" || c.claimedBy !== data.holderId || c.escalationRound !== data.round) return { outcome: "stale" as const, effects };
    const replied = (await store.cases.events(c.id)).some(
      (e) => e.type === "relayed_to_parent" && e.responderId === data.holderId && e.at.getTime() >= since.getTime(),
    );
    if (replied) return { outcome: "replied" as const, effects };
    const reopened = await reopenClaimedCase({ store, deps, now, effects }, c, "holder_silent", since);
    return { outcome: reopened ? ("reopened" as const) : ("stale" as const), effects };
  });
  await dispatchEffects(deps, result.effects);
  if (result.outcome === "reopened") deps.log.warn("claimed hotline case re-opened: holder silent", { caseId: data.caseId });
  return result.outcome;
}

/**
 * The supervisors' channel hears when a case has no volunteer on shift (SMS to the
 * supervisor tier is the floor; this is the second path). Case id and minutes only.
 */
export async function deliverSupervisorAlert(data: { caseId: string; round: number }, deps: Deps): Promise<"posted" | "skipped"> {
  const store = deps.store;
  const c = await store.cases.get(data.caseId);
  if (!c) return "skipped";
  if (!deps.notify.postSupervisorAlert) {
    deps.log.warn("notification port cannot alert supervisors", { caseId: c.id, channel: deps.notify.channel });
    return "skipped";
  }
  const now = deps.clock.now();
  const minutes = minutesWaiting(c.queuedAt, now);
  await deps.notify.postSupervisorAlert({
    caseShortId: c.shortId,
    headline: `Hotline case ${c.shortId} has no volunteer on shift (waiting ${minutes} min).`,
    lines: [
      c.status === "open" ? "Nobody has taken it yet; supervisors were texted." : `It is now ${c.status}.`,
      `By SMS to the program number: TAKE ${c.shortId}, or REASSIGN ${c.shortId} <name>.`,
      ...(c.supervisorReview ? ["A child may be at risk: supervisor review needed (REVIEWED <id> <note>)."] : []),
    ],
  });
  await store.cases.addEvent(c.id, "supervisors_alerted", now, null, { channel: deps.notify.channel, round: data.round }, `alert-posted|${c.id}|${data.round}`);
  return "posted";
}

export async function notifyPeerOfCase(ctx: { store: HotlineAct["store"]; effects: Effects }, c: HotlineCase, kind: string, summary: string) {
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

export type { SupervisorAction };
