/**
 * The ask-back: a possible crisis (ambiguous distress) is answered in the webhook with
 * one question — "are you thinking about suicide or hurting yourself right now? YES/NO"
 * — kept as a row (crisis_askbacks). YES (or any imminent text) opens a hotline case;
 * NO, or no answer within the window, sends the text to the peer as a concern, with care.
 * See docs/crisis-screen.md.
 */
import {
  ASK_BACK_LATE_YES_HOURS,
  ASK_BACK_TEXT,
  ASK_BACK_UNRECORDED_TEXT,
  ASK_BACK_WINDOW_MINUTES,
  askBackConcernSummary,
  HELP_SAFETY_LINE,
  isBareHelp,
  parseAskBackAnswer,
  THIRD_PARTY_SAFETY_TEXT,
} from "../../domain/crisis/ask-back";
import { isAboutSomeoneElse, type CrisisScreen } from "../../domain/crisis";
import type { InboundMessage, Participant } from "../../domain/model";
import { describeError } from "../../ports/log";
import { payload } from "../../jobs/queues";
import { type Store } from "../../adapters/postgres";
import type { AskBack } from "../../adapters/postgres/askbacks";
import type { Deps } from "../../ports/deps";
import type { Effects } from "../../jobs/effects";
import { notifyPeerOfCase, openOrJoinCase, safetyReply } from "../hotline/hotline";
import { renderFor, textVars } from "../texts";
import { JOBS } from "../../jobs/catalog";
import { enqueue, jobRequest } from "../../jobs/define";

export const ASK_BACK_TIMEOUT_JOB = "askback-timeout";

/** What a YES to the question means for the case: the sender's own risk, urgency unknown. */
export const ASK_BACK_YES_SCREEN: CrisisScreen = { level: "imminent", categories: ["suicide_self_harm"], ruleIds: ["askback.yes"] };

const MINUTE = 60_000;

/**
 * Webhook: records the question for a stored possible text and returns the reply to put
 * in the TwiML. A re-delivered text is asked once; a second low text while a question is
 * open gets no second question (null). If the question cannot be recorded (Postgres
 * away), the reply still names 988 — there is just no YES/NO to wait for.
 */
export async function askBack(
  text: { messageSid: string; from: string },
  participant: Participant | null,
  deps: Pick<Deps, "db" | "store" | "transaction" | "queues" | "clock" | "log">,
): Promise<string | null> {
  const language = participant?.language ?? "both";
  try {
    const store = deps.store;
    const now = deps.clock.now();
    const row =
      (await store.askBacks.create({
        fromPhone: text.from,
        participantId: participant?.id ?? null,
        messageSid: text.messageSid,
        language: participant?.language ?? "en",
        askedAt: now,
        expiresAt: new Date(now.getTime() + ASK_BACK_WINDOW_MINUTES * MINUTE),
      })) ?? (await store.askBacks.bySid(text.messageSid));
    if (!row || row.messageSid !== text.messageSid) return null;
    await scheduleAskBackTimeout(row, deps).catch((err: unknown) =>
      // The worker schedules it again when it processes the text.
      deps.log.error("ask-back timeout could not be queued yet", { askBackId: row.id, error: describeError(err) }),
    );
    return ASK_BACK_TEXT[language];
  } catch (err) {
    deps.log.error("ask-back could not be recorded; replying with 988", { error: describeError(err) });
    return ASK_BACK_UNRECORDED_TEXT[language];
  }
}

/**
 * Webhook: a bare YES/SÍ answers the sender's open question (or one that timed out in the
 * last day). Returns the answered question, or null when this text is not such an answer —
 * then it is an ordinary YES (e.g. enrolment). Atomic, so a retried webhook answers once.
 */
export async function answerYesInWebhook(text: { messageSid: string; from: string; body: string }, deps: Pick<Deps, "db" | "store" | "transaction" | "clock">): Promise<AskBack | null> {
  if (parseAskBackAnswer(text.body) !== "yes") return null;
  const store = deps.store;
  const now = deps.clock.now();
  return (
    (await store.askBacks.answeredBy(text.messageSid)) ??
    (await store.askBacks.answer(text.from, "yes", text.messageSid, now, new Date(now.getTime() - ASK_BACK_LATE_YES_HOURS * 60 * MINUTE)))
  );
}

/**
 * Worker, before keywords and enrolment: the question's side of a stored text. Returns an
 * outcome when the text was an answer (routing stops there: "NO" is not a STOP, "SÍ" is
 * not the enrolment YES), or null to route the text as usual.
 */
export async function handleAskBackInWorker(ctx: {
  msg: InboundMessage;
  participant: Participant | null;
  store: Store;
  deps: Deps;
  now: Date;
  effects: Effects;
}): Promise<string | null> {
  const { msg, store, now, effects } = ctx;
  if (msg.crisisLevel === "possible") {
    const row = await store.askBacks.bySid(msg.messageSid);
    if (row?.status === "pending") effects.jobs = [...(effects.jobs ?? []), timeoutJob(row, now)];
    return null;
  }
  if (msg.crisisLevel === "imminent") {
    // Any imminent text answers an open question: the case it opened is the answer.
    await store.askBacks.answer(msg.fromPhone, "yes", msg.messageSid, now, now);
    return null;
  }
  const answer = parseAskBackAnswer(msg.body);
  if (!answer) return null;
  const row = (await store.askBacks.answeredBy(msg.messageSid)) ?? (await store.askBacks.answer(msg.fromPhone, answer, msg.messageSid, now, new Date(now.getTime() - ASK_BACK_LATE_YES_HOURS * 60 * MINUTE)));
  if (!row) return null;
  if (row.status === "no") {
    await concernForPeer(store, row, "no", effects, msg.id);
    return "askback_no";
  }
  // YES reached the worker without a case (the webhook could not answer it, e.g. Postgres
  // was away): open the case now and send the safety reply by SMS.
  const opened = await openOrJoinCase(store, { via: "sms", msg }, ctx.participant, ASK_BACK_YES_SCREEN, now);
  if (opened.isNew) {
    effects.escalations.push(opened.hotlineCase);
    await notifyPeerOfCase({ store, effects }, opened.hotlineCase, "hotline_case_opened", `A crisis text went to the volunteer hotline (case ${opened.hotlineCase.shortId}).`);
  }
  const { message, isNew } = await store.outbound.createOnce({
    idempotencyKey: `askback-safety|${row.id}`,
    toPhone: msg.fromPhone,
    body: safetyReply(ctx.deps, ctx.participant),
    kind: "crisis_safety",
    priority: "crisis",
    participantId: ctx.participant?.id ?? null,
    notAfter: null,
  });
  if (isNew) effects.sms.push(message);
  return "askback_yes";
}

/** Job: the window passed with no answer — the text goes to the peer as a concern. */
export async function expireAskBack(data: unknown, deps: Pick<Deps, "db" | "store" | "transaction" | "clock" | "queues" | "log">, dispatch: (effects: Effects) => Promise<void>): Promise<string> {
  const { askBackId } = payload.askBackTimeout.parse(data);
  const effects: Effects = { sms: [], notifications: [], plans: [], escalations: [] };
  // One transaction: a question marked timed out always has its concern. Apart, a crash
  // between the two lost the concern for good (the retried job finds the question closed).
  const row = await deps.transaction(async (store) => {
    const timedOut = await store.askBacks.timeOut(askBackId, deps.clock.now());
    if (timedOut) await concernForPeer(store, timedOut, "timed_out", effects, null);
    return timedOut;
  });
  if (!row) return "answered_or_not_due";
  await dispatch(effects);
  deps.log.info("ask-back timed out; peer told", { askBackId });
  return "timed_out";
}

async function concernForPeer(store: Store, row: AskBack, outcome: "no" | "timed_out", effects: Effects, answerInboundId: string | null) {
  if (!row.participantId) return; // an unknown number has no peer; the question itself named 988
  const participant = await store.participants.get(row.participantId);
  const askedInboundId = await store.askBacks.inboundIdOf(row.messageSid);
  const { notification, isNew } = await store.notifications.createOnce({
    idempotencyKey: `askback|${row.id}`,
    peerId: participant?.peerId ?? null,
    participantId: row.participantId,
    kind: "concern",
    summary: askBackConcernSummary(outcome),
    inboundMessageId: askedInboundId ?? answerInboundId,
  });
  if (isNew) effects.notifications.push(notification);
}

function timeoutJob(row: AskBack, now: Date) {
  return jobRequest(JOBS.askBackTimeout, { askBackId: row.id }, { delay: Math.max(0, row.expiresAt.getTime() - now.getTime()) });
}

/** Queues the question's timeout (a no-op while its job exists: the id is the question's). */
export async function scheduleAskBackTimeout(row: AskBack, deps: Pick<Deps, "queues" | "clock">) {
  await enqueue(deps.queues, JOBS.askBackTimeout, { askBackId: row.id }, { delay: Math.max(0, row.expiresAt.getTime() - deps.clock.now().getTime()) });
}

/** A bare HELP/AYUDA from an enrolled parent: a low-severity case (severity follows the "possible" level). */
export const BARE_HELP_SCREEN: CrisisScreen = { level: "possible", categories: ["explicit_help"], ruleIds: ["help.bare"] };

/**
 * Webhook, before routine handling: texts whose meaning depends on who sent them.
 * - a bare YES/SÍ that answers an open crisis question → a crisis (the answer wins over
 *   the enrolment YES);
 * - a bare AYUDA from an enrolled parent → routine: the worker answers it like HELP, with
 *   the safety line and a volunteer asked to check on them (handleBareHelp). From anyone
 *   else AYUDA stays the crisis keyword.
 * Returns null for everything else, and when the store cannot tell (then AYUDA stays a
 * crisis keyword and YES stays a YES: the safe defaults).
 */
export async function webhookFollowUp(
  text: { messageSid: string; from: string; body: string },
  screen: CrisisScreen,
  deps: Deps,
): Promise<{ kind: "crisis"; participant: Participant | null; screen: CrisisScreen } | { kind: "routine" } | null> {
  const bareHelpKeyword = screen.level === "imminent" && isBareHelp(text.body);
  if (!bareHelpKeyword && (screen.level !== "none" || parseAskBackAnswer(text.body) !== "yes")) return null;
  try {
    const store = deps.store;
    if (bareHelpKeyword) {
      const participant = await store.participants.byPhone(text.from);
      return participant?.consent === "opted_in" ? { kind: "routine" } : null;
    }
    if (!(await answerYesInWebhook(text, deps))) return null;
    return { kind: "crisis", participant: await store.participants.byPhone(text.from), screen: ASK_BACK_YES_SCREEN };
  } catch (err) {
    deps.log.error("crisis follow-up lookup failed; screening as usual", { error: describeError(err) });
    return null;
  }
}

/**
 * Worker: a bare HELP or AYUDA from an enrolled parent gets the carrier HELP text and the
 * safety line, and a low-severity case asks a volunteer to check on them. A flow the
 * parent is in keeps waiting (HELP is not an answer, and not a crisis that interrupts it).
 */
export async function handleBareHelp(ctx: { msg: InboundMessage; participant: Participant; store: Store; deps: Deps; now: Date; effects: Effects }): Promise<string | null> {
  const { msg, participant, store, deps, now, effects } = ctx;
  if (participant.consent !== "opted_in" || msg.crisisLevel === "imminent" || !isBareHelp(msg.body)) return null;
  const help = renderFor(deps.flows.program.help, participant.language, textVars(deps, participant, null));
  const { message, isNew } = await store.outbound.createOnce({
    idempotencyKey: `help|${msg.id}`,
    toPhone: participant.phone,
    body: `${help} ${HELP_SAFETY_LINE[participant.language]}`,
    kind: "help",
    priority: "reply",
    participantId: participant.id,
    notAfter: null,
  });
  if (isNew) effects.sms.push(message);
  const opened = await openOrJoinCase(store, { via: "peer_handoff", msg, fromPhone: participant.phone }, participant, BARE_HELP_SCREEN, now);
  await store.cases.addEvent(opened.hotlineCase.id, "check_on_parent_requested", now, null, { via: "bare_help", inboundId: msg.id });
  if (opened.isNew) {
    effects.escalations.push(opened.hotlineCase);
    await notifyPeerOfCase({ store, effects }, opened.hotlineCase, "hotline_case_opened", `They texted HELP; a volunteer was asked to check on them (case ${opened.hotlineCase.shortId}).`);
  }
  return "help_with_check_in";
}

/** The safety reply for a crisis about someone else ("my husband says he wants to kill himself"). */
export function thirdPartyReply(screen: CrisisScreen, participant: Participant | null): string | null {
  return isAboutSomeoneElse(screen) ? THIRD_PARTY_SAFETY_TEXT[participant?.language ?? "both"] : null;
}
