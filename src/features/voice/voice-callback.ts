import { callbackSteps, HANGUP } from "../../domain/voice/flow";
import type { VoiceStep } from "../../domain/voice/steps";
import { voiceSms } from "../../domain/voice/texts";
import type { HotlineCase, Responder } from "../../domain/hotline/model";
import { describeError } from "../../ports/log";
import type { Deps } from "../../ports/deps";
import { dispatchEffects, noEffects } from "../../jobs/effects";
import { lifecycleText, textResponder, type HotlineAct } from "../hotline/hotline-messages";
import { later } from "./voice-port";
import { voiceStore } from "./voice-store";

/**
 * `CALL K7Q2A` from the volunteer holding the case: Twilio rings the volunteer from the
 * program number, then (once they answer) dials the parent from it too, so neither sees
 * the other's number. Returns null when no case has that id, so the text is handled as
 * usual (a message for the parent: "call mama" is not a command).
 */
export async function requestCallBack(act: HotlineAct, responder: Responder, shortId: string, inboundId: string): Promise<string | null> {
  const { store, deps, now } = act;
  const c = await store.cases.byShortId(shortId);
  if (!c) return null;
  const tell = (key: string, body: string) => textResponder(act, responder, `callback|${key}|${inboundId}`, body);
  if (c.status === "closed") {
    await tell("closed", lifecycleText(act, responder, "caseClosed", { caseId: c.shortId }));
    return "callback_closed";
  }
  if (c.claimedBy !== responder.id) {
    await tell("not-yours", voiceSms("callbackNotYours", responder.language, { caseId: c.shortId }));
    return "callback_not_yours";
  }
  const first = await store.cases.addEvent(c.id, "callback_requested", now, responder.id, { inboundId }, `callback|${inboundId}`);
  if (!first) return "callback_already_requested";
  await tell("ringing", voiceSms("callbackRinging", responder.language, { caseId: c.shortId }));
  // Placed once the text's transaction has committed (the call row must not wait on it).
  later(deps, "place call-back", () => placeCallBack(deps, c, responder, inboundId));
  return "callback_requested";
}

async function placeCallBack(deps: Deps, c: HotlineCase, responder: Responder, inboundId: string): Promise<void> {
  const now = deps.clock.now();
  const calls = voiceStore(deps.db);
  const { call, isNew } = await calls.createCall({
    callSid: `pending-${inboundId}`,
    kind: "callback",
    fromPhone: c.fromPhone,
    participantId: c.participantId,
    caseId: c.id,
    language: c.language,
    status: "greeting",
    at: now,
    answeredBy: responder.id,
  });
  if (!isNew) return;
  const base = deps.config.PUBLIC_URL.replace(/\/$/, "");
  try {
    const { sid } = await deps.voice.createCall({
      to: responder.phone,
      url: `${base}/twilio/voice/callback?call=${call.id}`,
      statusCallback: `${base}/twilio/voice/status`,
      timeoutSeconds: 30,
    });
    await calls.setCallSid(call.id, sid);
  } catch (err) {
    deps.log.error("voice: call-back could not be placed", { callId: call.id, error: describeError(err) });
    const store = deps.store;
    const effects = noEffects();
    await store.cases.addEvent(c.id, "callback_failed", now, responder.id, { callId: call.id });
    await textResponder({ store, deps, now, effects }, responder, `callback|failed|${inboundId}`, voiceSms("callbackFailed", responder.language, { caseId: c.shortId }));
    await dispatchEffects(deps, effects);
  }
}

/** The volunteer answered the call-back leg: dial the parent from the program number. */
export async function callbackAnswered(callId: string, deps: Deps): Promise<VoiceStep[]> {
  const calls = voiceStore(deps.db);
  const call = await calls.get(callId);
  if (!call || call.kind !== "callback" || !call.caseId || !call.answeredBy) return HANGUP;
  const store = deps.store;
  const [c, volunteer] = await Promise.all([store.cases.get(call.caseId), store.responders.get(call.answeredBy)]);
  if (!c || !volunteer || c.status === "closed") return HANGUP;
  const now = deps.clock.now();
  if (await calls.setStatus(call.id, "bridged", now, ["greeting"])) {
    await store.cases.addEvent(c.id, "callback_connected", now, volunteer.id, { callId: call.id }, `callback|${call.id}|answered`);
  }
  return callbackSteps(call.id, call.fromPhone, deps.voice.from, c.shortId, volunteer.language);
}
