import { randomBytes } from "node:crypto";
import { expect } from "vitest";
import { voiceIdle } from "../../src/features/voice/voice";
import { PROGRAM_NUMBER, PUBLIC_URL, waitFor, type Harness } from "../support/harness";
import type { PlacedCall } from "../support/fake-twilio";

/** Twilio's callbacks of a call, played through the real app, signed as Twilio signs them. */

export const newCallSid = () => `CA${randomBytes(16).toString("hex")}`;
export const newRecordingSid = () => `RE${randomBytes(16).toString("hex")}`;

/** Path + query of one of our absolute URLs (Twilio calls exactly it). */
export function pathOf(url: string): string {
  expect(url.startsWith(PUBLIC_URL)).toBe(true);
  return url.slice(PUBLIC_URL.length);
}

export async function post(h: Harness, pathOrUrl: string, params: Record<string, string>) {
  const path = pathOrUrl.startsWith("http") ? pathOf(pathOrUrl) : pathOrUrl;
  const res = await h.postSigned(path, { AccountSid: h.deps.config.TWILIO_ACCOUNT_SID ?? "", ...params });
  const text = await res.text();
  return { status: res.status, twiml: text };
}

/** Twilio's incoming-call webhook; returns the TwiML and the call's own id (from its URLs). */
export async function incoming(h: Harness, from: string, callSid = newCallSid()) {
  const r = await post(h, "/twilio/voice", { CallSid: callSid, From: from, To: PROGRAM_NUMBER, CallStatus: "ringing", Direction: "inbound" });
  expect(r.status).toBe(200);
  const callId = r.twiml.match(/call=([0-9a-f-]{36})/)?.[1] ?? null;
  return { ...r, callSid, callId };
}

/**
 * Waits until the call's row is written and joined to its case, as it is long before a real
 * caller's voicemail can be recorded (the greeting and the hold come first).
 */
export async function opened(h: Harness, callId: string | null) {
  await waitFor(async () => {
    const r = await h.db.query<{ case_id: string | null }>("select case_id from voice_calls where id = $1", [callId]);
    return r.rows[0]?.case_id ?? null;
  }, 30_000, "call joined to its case");
}

/** Every absolute URL in a TwiML answer, unescaped, by verb attribute or body. */
export function urlIn(twiml: string, attr: "action" | "waitUrl" | "transcribeCallback"): string {
  const m = twiml.match(new RegExp(`${attr}="([^"]+)"`));
  if (!m) throw new Error(`no ${attr} in ${twiml}`);
  return m[1]!.replaceAll("&amp;", "&");
}

export function redirectIn(twiml: string): string {
  const m = twiml.match(/<Redirect[^>]*>([^<]+)<\/Redirect>/);
  if (!m) throw new Error(`no Redirect in ${twiml}`);
  return m[1]!.replaceAll("&amp;", "&");
}

/** The caller reaches the hold queue (Twilio's first fetch of the wait URL). */
export async function enqueue(h: Harness, callSid: string, greetingTwiml: string) {
  const r = await post(h, urlIn(greetingTwiml, "waitUrl"), { CallSid: callSid, QueueSid: `QU${"0".repeat(32)}`, QueueTime: "0", QueuePosition: "1" });
  expect(r.status).toBe(200);
  return r;
}

/** A volunteer answers a leg: the whisper. */
export async function answerLeg(h: Harness, leg: PlacedCall) {
  return post(h, leg.url, { CallSid: leg.sid, CallStatus: "in-progress", To: leg.to, From: leg.from, Direction: "outbound-api" });
}

/** The volunteer's key on the whisper (undefined: the gather timed out without a key). */
export async function pressOnWhisper(h: Harness, leg: PlacedCall, whisperTwiml: string, digits?: string) {
  return post(h, urlIn(whisperTwiml, "action"), { CallSid: leg.sid, ...(digits === undefined ? {} : { Digits: digits }) });
}

/** A leg's final status, as Twilio reports it to its statusCallback. */
export async function legStatus(h: Harness, leg: PlacedCall, status: string, duration?: number) {
  return post(h, leg.statusCallback!, { CallSid: leg.sid, CallStatus: status, ...(duration === undefined ? {} : { CallDuration: String(duration) }) });
}

/** The parent's call status (the number's status callback, configured in the console). */
export async function parentStatus(h: Harness, callSid: string, status: string, duration?: number) {
  return post(h, "/twilio/voice/status", { CallSid: callSid, CallStatus: status, ...(duration === undefined ? {} : { CallDuration: String(duration) }) });
}

/** Waits for the Calls API requests already started (ringing, cancelling, redirecting). */
export const idle = (h: Harness) => voiceIdle(h.deps);

export async function voiceRows(h: Harness) {
  const calls = await h.db.query<{ n: string }>("select count(*)::text as n from voice_calls");
  const legs = await h.db.query<{ n: string }>("select count(*)::text as n from voice_legs");
  return { calls: Number(calls.rows[0]!.n), legs: Number(legs.rows[0]!.n) };
}
