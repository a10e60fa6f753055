import { createHash } from "node:crypto";
import type { CrisisScreen } from "../../domain/crisis";
import { screenForCrisis } from "../../domain/crisis";
import { isAvailable } from "../../domain/boundaries/availability";
import type { HotlineCase, Responder } from "../../domain/hotline/model";
import type { Participant } from "../../domain/model";
import {
  callerKeySteps,
  greetingSteps,
  HANGUP,
  holdSteps,
  missedSteps,
  outageSteps,
  readCallerKey,
  takeSteps,
  thanksSteps,
  whisperSteps,
  type CallerView,
} from "../../domain/voice/flow";
import {
  isWaveOver,
  legStatusFromTwilio,
  legsToStop,
  planWave,
  readWhisperKey,
  takeOutcome,
  WHISPER_ATTEMPTS,
  type CallStatus,
  type LegStatus,
} from "../../domain/voice/hunt";
import type { VoiceStep } from "../../domain/voice/steps";
import { voiceSms, voiceText, type VoiceSmsKey } from "../../domain/voice/texts";
import { describeError } from "../../ports/log";
import { storeFor, type Store } from "../../adapters/postgres";
import type { Deps } from "../../ports/deps";
import { dispatchEffects, noEffects, type Effects } from "../../jobs/effects";
import { responderCacheFor } from "../inbound/journal/responder-cache";
import { openOrJoinCase } from "../hotline/hotline";
import { claimedText } from "../hotline/hotline-actions";
import { firstName, handOver, textResponder, type HotlineAct } from "../hotline/hotline-messages";
import { later } from "./voice-port";
export { voiceIdle } from "./voice-port";
import { voiceStore, type VoiceCall, type VoiceLeg, type VoiceStore } from "./voice-store";

/**
 * The voice hotline's use cases, one per Twilio callback (docs/voice.md). Each answers
 * with the next TwiML steps fast; Calls API requests (ringing legs, stopping the losers,
 * moving the caller on) run after the answer, tracked so tests and shutdown can wait.
 */

/** A call to the crisis line is a request for help: the case is urgent, details unknown. */
const CALL_SCREEN: CrisisScreen = { level: "imminent", categories: ["explicit_help"], ruleIds: ["voice_call"] };

const ACTIVE: readonly CallStatus[] = ["greeting", "hunting"];

interface Tx {
  store: Store;
  calls: VoiceStore;
  effects: Effects;
}

async function inTx<R>(deps: Deps, fn: (tx: Tx) => Promise<R>): Promise<{ result: R; effects: Effects }> {
  const effects = noEffects();
  const result = await deps.db.transaction((q) => fn({ store: storeFor(q), calls: voiceStore(q), effects }));
  return { result, effects };
}

/**
 * Effects go to the queues after commit and after the answer: a slow or absent Redis must
 * not hold a TwiML answer (dead air). The rows are stored; the sweeper re-queues them.
 */
function dispatch(deps: Deps, effects: Effects): void {
  if (!effects.sms.length && !effects.notifications.length && !effects.escalations.length && !effects.plans.length && !effects.jobs?.length) return;
  later(deps, "queue after commit", () => dispatchEffects(deps, effects));
}

function unknownCaller(deps: Deps): CallerView {
  return { callId: "unknown", language: "both", program: deps.config.PROGRAM_NAME };
}

/** A caller whose call we cannot find or store: 911 named, then 988 (no voicemail to lose). */
export function noStoreSteps(deps: Deps): VoiceStep[] {
  return outageSteps(unknownCaller(deps), [], "", deps.config.VOICE_988_NUMBER, 0);
}

function abs(deps: Deps, path: string): string {
  return deps.config.PUBLIC_URL.replace(/\/$/, "") + path;
}

function view(deps: Deps, call: Pick<VoiceCall, "id" | "participantId" | "language">): CallerView {
  return { callId: call.id, language: call.participantId ? call.language : "both", program: deps.config.PROGRAM_NAME };
}

// ---- incoming ----------------------------------------------------------------------------

/**
 * A parent (or anyone) calls the program number: the call joins the parent's case (or
 * opens one), the first wave of volunteers is rung, and the caller hears the greeting.
 * A retried webhook for the same CallSid gets the same greeting and rings nobody twice.
 */
export async function incomingCall(
  input: { callSid: string; from: string },
  deps: Deps,
  /** Set by the route once it answered without us (its deadline passed): open the case, ring nobody. */
  opts: { abandoned?: () => boolean } = {},
): Promise<VoiceStep[]> {
  const now = deps.clock.now();
  const store = deps.store;
  // Concurrent calls share one responder read (the crisis path's cache); the last list read
  // stands in when that read is late, and with none at all the store is asked (or the route's
  // outage answer takes over).
  const cache = responderCacheFor(deps);
  const [participant, responders] = await Promise.all([
    store.participants.byPhone(input.from),
    cache.readNow().then((list) => list ?? cache.responders ?? store.responders.listActive()),
  ]);
  const offerPeer = await offersPeerVoicemail(deps, store, participant, now);
  // A retried webhook gets the same call id, so the same answer; its row is written once.
  const callId = callIdFor(input.callSid);
  const caller = { id: callId, participantId: participant?.id ?? null, language: participant?.language ?? ("en" as const) };
  // Whether anyone can be rung decides the greeting now; the case and the hunt follow
  // right after the answer (the caller hears seconds of greeting before the queue).
  const anyone = planWave(0, responders, now, { childSafety: false }).responders.length > 0;
  later(deps, "open call and ring", () => openCall(deps, { ...input, callId, participant, responders, now, anyone, ring: () => !opts.abandoned?.() }));
  return greetingSteps(view(deps, caller), { offerPeerVoicemail: offerPeer, anyoneToRing: anyone });
}

/**
 * The call's id, derived from Twilio's CallSid: a retried webhook answered before the
 * first one's row was written still names the same call in its callback URLs.
 */
export function callIdFor(callSid: string): string {
  const h = createHash("sha256").update(`voice-call:${callSid}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

async function openCall(
  deps: Deps,
  c: { callId: string; callSid: string; from: string; participant: Participant | null; responders: Responder[]; now: Date; anyone: boolean; ring: () => boolean },
): Promise<void> {
  const { now, participant } = c;
  const calls = voiceStore(deps.db);
  const row = {
    id: c.callId,
    callSid: c.callSid,
    kind: "inbound" as const,
    fromPhone: c.from,
    participantId: participant?.id ?? null,
    language: participant?.language ?? ("en" as const),
    at: now,
  };
  // Ring first, then the case: the first wave needs only the parent's open case as it is
  // (its holder rings first, those who transferred it never), read without a lock. The
  // call row and its legs are written before the Calls API is asked; the case joins after.
  let early: { call: VoiceCall; placing: Promise<{ rung: string[]; failed: number }> } | null = null;
  if (c.anyone && c.ring()) {
    const open = await deps.store.cases.activeForPhone(c.from);
    const holderId = open?.status === "claimed" ? open.claimedBy : null;
    const plan = planWave(0, c.responders, now, { childSafety: open?.supervisorReview ?? false, skip: open?.skipPaging, holderId });
    if (plan.responders.length) {
      const { call, isNew } = await calls.createCall({ ...row, caseId: null, status: "greeting" });
      if (!isNew) return; // a retried webhook: the first one rings
      early = { call, placing: placeLegs(deps, call, 0, plan.responders) };
    }
  }
  const { result, effects } = await inTx(deps, async ({ store, calls, effects }) => {
    const { hotlineCase } = await openOrJoinCase(store, { via: "voice", msg: null, fromPhone: c.from }, participant, CALL_SCREEN, now);
    let call: VoiceCall;
    if (early) {
      call = (await calls.setCase(early.call.id, hotlineCase.id))!;
    } else {
      const created = await calls.createCall({ ...row, caseId: hotlineCase.id, status: c.anyone && c.ring() ? "greeting" : "missed" });
      if (!created.isNew) return null;
      call = created.call;
    }
    await store.cases.addEvent(hotlineCase.id, "call_started", now, null, { callId: call.id, knownCaller: !!participant }, `call|${call.id}|start`);
    if (call.status === "missed") {
      const reason = c.anyone ? "answered_without_store" : planWave(0, c.responders, now, { childSafety: false }).reason;
      await store.cases.addEvent(hotlineCase.id, "call_nobody_to_ring", now, null, { callId: call.id, reason }, `call|${call.id}|nobody`);
      await missedCall({ store, deps, now, effects }, call, "nobody_to_ring");
      return null;
    }
    return call;
  });
  dispatch(deps, effects);
  if (!result) return;
  if (!early) {
    // Everyone on the list was ruled out by the case (transferred away): the hunt moves on.
    await advanceHunt(deps, result.id);
    return;
  }
  const { rung, failed } = await early.placing;
  await recordWave(deps, result, 0, rung, failed, deps.clock.now());
}
/** The program's "press 2 for your peer" applies only to a parent whose peer is at work now. */
async function offersPeerVoicemail(deps: Deps, store: Store, participant: Participant | null, now: Date): Promise<boolean> {
  if (!deps.config.VOICE_PEER_VOICEMAIL || !participant?.peerId) return false;
  const peer = await store.peers.get(participant.peerId);
  return !!peer && isAvailable(peer, now);
}

// ---- the hunt ----------------------------------------------------------------------------

/** Rings `responders` from the program number, each leg with its whisper and status URLs. */
async function ringWave(deps: Deps, call: VoiceCall, wave: number, responders: Responder[]): Promise<void> {
  const now = deps.clock.now();
  const { rung, failed } = await placeLegs(deps, call, wave, responders);
  await recordWave(deps, call, wave, rung, failed, now);
}

/** One leg per responder: its row first (the whisper and status URLs name it), then the Calls API. */
async function placeLegs(deps: Deps, call: VoiceCall, wave: number, responders: Responder[]): Promise<{ rung: string[]; failed: number }> {
  const now = deps.clock.now();
  const calls = voiceStore(deps.db);
  const voice = deps.voice;
  let failed = 0;
  const rung: string[] = [];
  await Promise.all(
    responders.map(async (r) => {
      const leg = await calls.addLeg(call.id, r.id, wave, now);
      if (!leg) return;
      rung.push(r.id);
      try {
        const { sid } = await voice.createCall({
          to: r.phone,
          url: abs(deps, `/twilio/voice/whisper?call=${call.id}&leg=${leg.id}`),
          statusCallback: abs(deps, `/twilio/voice/status?leg=${leg.id}`),
          timeoutSeconds: deps.config.VOICE_RING_SECONDS,
        });
        await calls.setLegSid(leg.id, sid);
      } catch (err) {
        failed++;
        await calls.setLegStatus(leg.id, "failed", deps.clock.now(), ["requested"]);
        deps.log.error("voice: a volunteer leg could not be placed", { callId: call.id, legId: leg.id, error: describeError(err) });
      }
    }),
  );
  return { rung, failed };
}

async function recordWave(deps: Deps, call: VoiceCall, wave: number, rung: string[], failed: number, at: Date): Promise<void> {
  if (call.caseId) {
    await deps.store.cases.addEvent(call.caseId, "call_rang", at, null, { callId: call.id, wave, responderIds: rung, failed }, `call|${call.id}|wave|${wave}`);
  }
  // Legs that could not be placed will send no status: the wave may already be over.
  if (failed) await advanceHunt(deps, call.id);
}

/**
 * Moves the hunt on when its wave is over: the next wave rings, or — nobody left — the
 * caller is sent to the 988 offer and voicemail and the case's SMS paging takes over.
 */
export async function advanceHunt(deps: Deps, callId: string): Promise<void> {
  const now = deps.clock.now();
  const { result, effects } = await inTx(deps, async ({ store, calls, effects }) => {
    const call = await calls.get(callId, { lock: true });
    if (!call || !ACTIVE.includes(call.status)) return null;
    const legs = await calls.legs(callId);
    const waveLegs = legs.filter((l) => l.wave === call.wave);
    if (!isWaveOver(waveLegs, call.waveStartedAt, now, deps.config.VOICE_RING_SECONDS)) return null;
    const c = call.caseId ? await store.cases.get(call.caseId) : null;
    const next = planWave(call.wave + 1, await store.responders.listActive(), now, {
      childSafety: c?.supervisorReview ?? false,
      skip: c?.skipPaging,
      alreadyRung: legs.map((l) => l.responderId),
    });
    const stop = legsToStop(waveLegs, null);
    if (next.responders.length) {
      const moved = await calls.startWave(callId, call.wave + 1, now);
      if (!moved) return null;
      if (c) await store.cases.addEvent(c.id, "call_escalated", now, null, { callId, wave: moved.wave, reason: next.reason }, `call|${callId}|escalate|${moved.wave}`);
      return { kind: "ring" as const, call: moved, responders: next.responders, stop };
    }
    const missed = await calls.setStatus(callId, "missed", now, ACTIVE);
    if (!missed) return null;
    await missedCall({ store, deps, now, effects }, missed, "nobody_answered");
    return { kind: "missed" as const, call: missed, stop: legsToStop(legs, null) };
  });
  dispatch(deps, effects);
  if (!result) return;
  later(deps, "stop legs", () => stopLegs(deps, result.stop));
  if (result.kind === "ring") {
    later(deps, `ring wave ${result.call.wave}`, () => ringWave(deps, result.call, result.call.wave, result.responders));
  } else if (result.call.enqueuedAt) {
    // Out of the hold queue now; the hold loop's <Leave> is the fallback if this fails.
    later(deps, "caller to voicemail", () => deps.voice.redirectCall(result.call.callSid, abs(deps, `/twilio/voice/missed?call=${callId}`)));
  }
}

async function stopLegs(deps: Deps, stop: { leg: VoiceLeg; as: "canceled" | "completed" }[]): Promise<void> {
  const voice = deps.voice;
  await Promise.all(
    stop.map(async ({ leg, as }) => {
      try {
        await voice.endCall(leg.callSid!, as);
      } catch (err) {
        // Already ended at Twilio (its status callback is on its way): nothing to stop.
        deps.log.warn("voice: could not stop a leg", { legId: leg.id, error: describeError(err) });
      }
    }),
  );
}

/**
 * A call that ends without a volunteer never ends unanswered: an open case starts (or
 * keeps) its SMS paging chain; the holder of a claimed case is told to call back.
 */
async function missedCall(act: HotlineAct, call: VoiceCall, reason: string): Promise<void> {
  if (call.kind !== "inbound" || !call.caseId) return;
  const c = await act.store.cases.get(call.caseId);
  if (!c) return;
  const first = await act.store.cases.addEvent(c.id, "call_missed", act.now, null, { callId: call.id, reason }, `call|${call.id}|missed`);
  if (!first) return;
  if (c.status === "open") act.effects.escalations.push(c);
  else if (c.status === "claimed" && c.claimedBy) await textHolder(act, c, `voice-missed|${call.id}`, "missedOnHeld", {});
}

async function textHolder(act: HotlineAct, c: HotlineCase, key: string, text: VoiceSmsKey, vars: Record<string, string | number>) {
  const holder = c.claimedBy ? await act.store.responders.get(c.claimedBy) : null;
  if (holder) await textResponder(act, holder, key, voiceSms(text, holder.language, { caseId: c.shortId, ...vars }));
}

// ---- the caller's side -------------------------------------------------------------------

/** The hold loop: each pass checks the hunt (a backstop for lost status callbacks). */
export async function holdLoop(callId: string, deps: Deps): Promise<VoiceStep[]> {
  const calls = voiceStore(deps.db);
  // Not ours (or its row never got written): out of the queue, to the 988 fallback.
  if (!(await calls.get(callId))) return [{ verb: "leave" }];
  const call = (await calls.markEnqueued(callId, deps.clock.now()))!;
  if (ACTIVE.includes(call.status)) await advanceHunt(deps, callId);
  const now = (await calls.get(callId))!;
  return holdSteps(view(deps, now), !ACTIVE.includes(now.status) && now.status !== "bridged");
}

/** A key the caller pressed during the greeting or the missed-call prompt. */
export async function callerKey(callId: string, stage: "greeting" | "missed", digits: string | undefined, deps: Deps): Promise<VoiceStep[]> {
  const now = deps.clock.now();
  const calls = voiceStore(deps.db);
  const call = await calls.get(callId);
  // Nothing to write for a call we do not know; 9 still reaches 988.
  if (!call) return callerKeySteps(unknownCaller(deps), readCallerKey(digits, stage, false), deps.config.VOICE_988_NUMBER);
  const store = deps.store;
  const participant = call.participantId ? await store.participants.get(call.participantId) : null;
  const outcome = readCallerKey(digits, stage, stage === "greeting" && (await offersPeerVoicemail(deps, store, participant, now)));
  if (outcome === "dial_988" || outcome === "peer_voicemail") {
    const status: CallStatus = outcome === "dial_988" ? "to_988" : "voicemail";
    const { result, effects } = await inTx(deps, async ({ store, calls, effects }) => {
      const moved = await calls.setStatus(callId, status, now, [...ACTIVE, "missed"]);
      if (!moved) return null;
      if (moved.caseId) {
        await store.cases.addEvent(moved.caseId, outcome === "dial_988" ? "caller_chose_988" : "caller_chose_peer_voicemail", now, null, { callId }, `call|${callId}|${outcome}`);
      }
      await missedCall({ store, deps, now, effects }, moved, outcome);
      return calls.legs(callId);
    });
    dispatch(deps, effects);
    if (result) later(deps, "stop legs", () => stopLegs(deps, legsToStop(result, null)));
  }
  return callerKeySteps(view(deps, call), outcome, deps.config.VOICE_988_NUMBER);
}

/** Twilio's <Enqueue> action: the caller left the hold queue (bridged, sent on, or hung up). */
export async function queueExit(callId: string, queueResult: string, deps: Deps): Promise<VoiceStep[]> {
  const call = await voiceStore(deps.db).get(callId);
  if (!call) return noStoreSteps(deps);
  if (queueResult === "bridged" || queueResult === "redirected" || queueResult === "bridging-in-process") return HANGUP;
  if (queueResult === "hangup") {
    await callerGone(deps, call, "caller_hung_up");
    return HANGUP;
  }
  // leave, queue-full, error, system-shutdown: nobody took the call.
  return missedPrompt(callId, deps);
}

/** The 988 offer and voicemail, after the hunt found nobody (or the queue failed). */
export async function missedPrompt(callId: string, deps: Deps): Promise<VoiceStep[]> {
  const now = deps.clock.now();
  const { result: call, effects } = await inTx(deps, async ({ store, calls, effects }) => {
    const call = await calls.get(callId, { lock: true });
    if (!call) return null;
    const missed = (await calls.setStatus(callId, "missed", now, ACTIVE)) ?? call;
    await missedCall({ store, deps, now, effects }, missed, "nobody_answered");
    return missed;
  });
  dispatch(deps, effects);
  if (!call) return noStoreSteps(deps);
  return missedSteps(view(deps, call));
}

/** The caller hung up before anyone answered. */
async function callerGone(deps: Deps, call: VoiceCall, reason: string): Promise<void> {
  const now = deps.clock.now();
  const { result: legs, effects } = await inTx(deps, async ({ store, calls, effects }) => {
    const moved = await calls.setStatus(call.id, "missed", now, ACTIVE);
    if (!moved) return null;
    await missedCall({ store, deps, now, effects }, moved, reason);
    return calls.legs(call.id);
  });
  dispatch(deps, effects);
  if (legs) later(deps, "stop legs", () => stopLegs(deps, legsToStop(legs, null)));
}

/** Record's action: the voicemail is kept; it always joins the case and pages. */
export async function recorded(
  input: { callId: string; forWhom: "hotline" | "peer"; recordingSid: string; seconds: number | null },
  deps: Deps,
): Promise<VoiceStep[]> {
  const now = deps.clock.now();
  const { result: call, effects } = await inTx(deps, async ({ store, calls, effects }) => {
    const call = await calls.get(input.callId, { lock: true });
    if (!call) return null;
    if (await calls.setRecording(call.id, input.recordingSid, input.seconds, now)) {
      if (call.caseId) {
        await store.cases.addEvent(call.caseId, "voicemail_recorded", now, null, { callId: call.id, seconds: input.seconds, for: input.forWhom }, `rec|${input.recordingSid}`);
      }
      await calls.setStatus(call.id, "voicemail", now, [...ACTIVE, "missed", "to_988"]);
      await missedCall({ store, deps, now, effects }, call, "voicemail");
      if (input.forWhom === "peer") await notePeer({ store, effects }, call, input.recordingSid, null, input.seconds);
    }
    return call;
  });
  dispatch(deps, effects);
  return call ? thanksSteps(view(deps, call), input.forWhom) : HANGUP;
}

/**
 * The voicemail's transcript: screened like a text. It may arrive before the recording's
 * callback, or twice; either way the case is joined and paged once.
 */
export async function transcribed(
  input: { callId: string; forWhom: "hotline" | "peer"; recordingSid: string; text: string; completed: boolean; seconds: number | null },
  deps: Deps,
): Promise<void> {
  const now = deps.clock.now();
  const text = input.completed ? input.text : "";
  const screen = screenForCrisis(text);
  const { effects } = await inTx(deps, async ({ store, calls, effects }) => {
    const call = await calls.get(input.callId, { lock: true });
    if (!call) return;
    if (!(await calls.setTranscript(call.id, text, now))) return;
    // A call still being joined to its case (openCall) belongs to the caller's open case.
    const c = call.caseId ? await store.cases.get(call.caseId) : await store.cases.activeForPhone(call.fromPhone);
    if (c) {
      await store.cases.addEvent(c.id, "voicemail_transcribed", now, null, {
        callId: call.id,
        transcribed: input.completed,
        level: screen.level,
        categories: screen.categories,
        for: input.forWhom,
      }, `tx|${input.recordingSid}`);
    }
    await missedCall({ store, deps, now, effects }, call, "voicemail");
    // The holder reads it like a relayed text; anyone paged later gets the case's history.
    if (c && c.status === "claimed" && text) {
      await textHolder({ store, deps, now, effects }, c, `voicemail|${input.recordingSid}`, "voicemail", { seconds: input.seconds ?? "?", transcript: text.slice(0, 600) });
    }
    if (input.forWhom === "peer") await notePeer({ store, effects }, call, input.recordingSid, text, input.seconds);
  });
  dispatch(deps, effects);
}

/** A voicemail for the parent's peer goes through the notification path (boundaries apply). */
async function notePeer(
  act: { store: Store; effects: Effects },
  call: VoiceCall,
  recordingSid: string,
  transcript: string | null,
  seconds: number | null,
): Promise<void> {
  if (!call.participantId) return;
  const participant = await act.store.participants.get(call.participantId);
  if (!participant?.peerId) return;
  const summary =
    transcript === null
      ? `${participant.firstName} left you a voicemail (${seconds ?? "?"} s) on the program line; the transcript follows.`
      : `Voicemail from ${participant.firstName}: ${transcript.slice(0, 600) || "(no transcript)"}`;
  const { notification, isNew } = await act.store.notifications.createOnce({
    idempotencyKey: `peer-voicemail|${recordingSid}|${transcript === null ? "recorded" : "transcript"}`,
    peerId: participant.peerId,
    participantId: participant.id,
    kind: "peer_voicemail",
    summary,
  });
  if (isNew) act.effects.notifications.push(notification);
}

// ---- the volunteer's side ----------------------------------------------------------------

/** A volunteer answered a leg: the whisper, listening for 1. */
export async function whisper(callId: string, legId: string, attempt: number, deps: Deps): Promise<VoiceStep[]> {
  const calls = voiceStore(deps.db);
  const [call, leg] = await Promise.all([calls.get(callId), calls.leg(legId)]);
  if (!call || !leg || leg.callId !== call.id) return HANGUP;
  const responder = await deps.store.responders.get(leg.responderId);
  const language = responder?.language ?? "en";
  await calls.setLegStatus(leg.id, "answered", deps.clock.now(), ["requested"]);
  if (!ACTIVE.includes(call.status)) return takeSteps(callId, legId, language, call.answeredLegId ? "lost" : "gone", false);
  return whisperSteps(callId, legId, language, deps.config.PROGRAM_NAME, attempt);
}

/**
 * The volunteer's key on the whisper. Pressing 1 first wins the call and claims the case
 * (unless someone already holds it, e.g. by SMS ACCEPT while it rang: the case stays
 * theirs and they are told who is on the phone); every other leg is stopped.
 */
export async function whisperKey(
  input: { callId: string; legId: string; digits: string | undefined; attempt: number },
  deps: Deps,
): Promise<VoiceStep[]> {
  const now = deps.clock.now();
  const calls = voiceStore(deps.db);
  const [call, leg] = await Promise.all([calls.get(input.callId), calls.leg(input.legId)]);
  if (!call || !leg || leg.callId !== call.id) return HANGUP;
  const responder = await deps.store.responders.get(leg.responderId);
  const language = responder?.language ?? "en";
  const key = readWhisperKey(input.digits, input.attempt);
  if (key.kind === "no_key") {
    await calls.setLegStatus(leg.id, "declined", now, ["requested", "answered"]);
    return [{ verb: "say", speech: voiceText("whisperNoKey", language) }, ...HANGUP];
  }
  if (key.kind === "other_key") {
    if (key.attempt < WHISPER_ATTEMPTS && ACTIVE.includes(call.status)) return whisperSteps(call.id, leg.id, language, deps.config.PROGRAM_NAME, key.attempt);
    await calls.setLegStatus(leg.id, "declined", now, ["requested", "answered"]);
    return [{ verb: "say", speech: voiceText("whisperNoKey", language) }, ...HANGUP];
  }
  const { result, effects } = await inTx(deps, async ({ store, calls, effects }) => {
    const taken = await calls.take(call.id, leg.id, leg.responderId, now);
    const fresh = taken ?? (await calls.get(call.id))!;
    const outcome = takeOutcome(!!taken, fresh.status, fresh.answeredLegId, leg.id);
    if (!taken) return { outcome, call: fresh, legs: null };
    await calls.setLegStatus(leg.id, "bridged", now, ["requested", "answered"]);
    const act: HotlineAct = { store, deps, now, effects };
    if (call.caseId && responder) await claimForCall(act, call.caseId, responder, call.id);
    return { outcome, call: fresh, legs: await calls.legs(call.id) };
  });
  dispatch(deps, effects);
  if (result.legs) later(deps, "stop losing legs", () => stopLegs(deps, legsToStop(result.legs!, leg.id)));
  if (result.outcome === "won") deps.log.info("voice: call taken", { callId: call.id, legId: leg.id });
  return takeSteps(call.id, leg.id, language, result.outcome, !!result.call.enqueuedAt);
}

/** Pressing 1 claims the case; a case someone already holds stays theirs. */
async function claimForCall(act: HotlineAct, caseId: string, responder: Responder, callId: string): Promise<void> {
  const { store, now } = act;
  const claimed = await store.cases.claim(caseId, responder.id, now);
  const c = claimed ?? (await store.cases.get(caseId));
  if (!c) return;
  await store.cases.addEvent(c.id, "call_answered", now, responder.id, { callId, caseHolder: c.claimedBy }, `call|${callId}|answered`);
  if (claimed) {
    await store.cases.addEvent(c.id, "claimed", now, responder.id, { via: "voice", callId });
    await handOver(act, claimed, responder, `call|${callId}`, await claimedText(act, claimed, responder));
  } else if (c.claimedBy && c.claimedBy !== responder.id) {
    await textHolder(act, c, `voice-answered|${callId}`, "answeredByOther", { name: firstName(responder) });
  }
  await textResponder(act, responder, `voice-oncall|${callId}`, voiceSms("onCall", responder.language, { caseId: c.shortId }));
}

/** The winner pressed 1 during the greeting: connect once the caller reaches the queue. */
export async function bridge(callId: string, legId: string, deps: Deps): Promise<VoiceStep[]> {
  const calls = voiceStore(deps.db);
  const [call, leg] = await Promise.all([calls.get(callId), calls.leg(legId)]);
  if (!call || !leg || leg.callId !== call.id) return HANGUP;
  const responder = await deps.store.responders.get(leg.responderId);
  const language = responder?.language ?? "en";
  if (call.answeredLegId !== leg.id) return takeSteps(callId, legId, language, call.answeredLegId ? "lost" : "gone", false);
  if (call.endedAt) return takeSteps(callId, legId, language, "gone", false);
  return takeSteps(callId, legId, language, "won", !!call.enqueuedAt);
}

/** <Dial>'s action: the bridge ended; how long it lasted goes on the timeline. */
export async function dialDone(
  input: { callId: string; legId: string | null; dialStatus: string; seconds: number | null },
  deps: Deps,
): Promise<VoiceStep[]> {
  const call = await voiceStore(deps.db).get(input.callId);
  if (call?.caseId) {
    await deps.store.cases.addEvent(
      call.caseId,
      "call_bridge_ended",
      deps.clock.now(),
      call.answeredBy,
      { callId: call.id, dialStatus: input.dialStatus, seconds: input.seconds },
      `dial|${call.id}|${input.legId ?? "callback"}`,
    );
  }
  return HANGUP;
}

// ---- status callbacks --------------------------------------------------------------------

/**
 * Twilio's status callback for a volunteer leg (`legId` set) or for the parent's call
 * (by CallSid). Idempotent: a repeated or late final status changes nothing; an unknown
 * CallSid writes nothing.
 */
export async function callStatus(
  input: { legId: string | null; callSid: string; callStatus: string; durationSeconds: number | null },
  deps: Deps,
): Promise<"unknown" | "ignored" | "recorded"> {
  const now = deps.clock.now();
  const calls = voiceStore(deps.db);
  const final = legStatusFromTwilio(input.callStatus);
  if (input.legId) {
    const leg = await calls.leg(input.legId);
    if (!leg || (leg.callSid !== null && leg.callSid !== input.callSid)) return "unknown";
    if (!final) return "ignored";
    if (leg.callSid === null) await calls.setLegSid(leg.id, input.callSid);
    const from: LegStatus[] = leg.status === "bridged" ? ["bridged"] : ["requested", "answered", "declined"];
    const moved = await calls.setLegStatus(leg.id, final, now, from);
    if (!moved) return "ignored";
    const call = await calls.get(leg.callId);
    if (call?.caseId) {
      await deps.store.cases.addEvent(call.caseId, "call_leg_ended", now, leg.responderId, {
        callId: call.id,
        wave: leg.wave,
        status: final,
        ...(leg.status === "bridged" ? { seconds: input.durationSeconds } : {}),
      }, `leg|${leg.id}|end`);
    }
    if (leg.status !== "bridged") await advanceHunt(deps, leg.callId);
    return "recorded";
  }
  const call = await calls.bySid(input.callSid);
  if (!call) return "unknown";
  if (!final) return "ignored";
  const wasActive = ACTIVE.includes(call.status);
  const { result, effects } = await inTx(deps, async ({ store, calls, effects }) => {
    const ended = await calls.end(call.id, now, input.durationSeconds);
    if (!ended) return null;
    const act: HotlineAct = { store, deps, now, effects };
    const c = ended.caseId ? await store.cases.get(ended.caseId) : null;
    if (c) {
      await store.cases.addEvent(c.id, call.kind === "callback" ? "callback_ended" : "call_ended", now, ended.answeredBy, {
        callId: call.id,
        seconds: input.durationSeconds,
        outcome: wasActive ? "missed" : call.status,
      }, `call|${call.id}|end`);
    }
    if (wasActive) await missedCall(act, ended, "caller_hung_up");
    const volunteerId = call.kind === "callback" ? ended.answeredBy : ended.bridgedAt ? ended.answeredBy : null;
    const volunteer = volunteerId ? await store.responders.get(volunteerId) : null;
    if (c && volunteer) {
      const minutes = Math.max(1, Math.round((input.durationSeconds ?? 0) / 60));
      await textResponder(act, volunteer, `voice-ended|${call.id}`, voiceSms("callEnded", volunteer.language, { caseId: c.shortId, minutes }));
    }
    return calls.legs(call.id);
  });
  dispatch(deps, effects);
  // Once the caller is gone every leg still up stops, the winner's included.
  if (result) later(deps, "stop legs", () => stopLegs(deps, legsToStop(result, null)));
  return result ? "recorded" : "ignored";
}
