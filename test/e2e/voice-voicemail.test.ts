import { afterEach, describe, expect, it } from "vitest";
import { quiet } from "../support/settle";
import { createHarness, enrol, PROGRAM_NUMBER, waitFor, type Harness } from "../support/harness";
import { accept, addResponder, E2E_TIMEOUT, eventTypes, textsTo, WAIT } from "./hotline-helpers";
import { answerLeg, idle, incoming, opened, newCallSid, newRecordingSid, parentStatus, post, pressOnWhisper, urlIn, voiceRows } from "./voice-helpers";

/**
 * Voicemail, bad input and the call-back: every callback a test input, in and out of
 * order, twice, unsigned.
 */
describe("voice hotline: voicemail, bad input, call-back", { timeout: E2E_TIMEOUT }, () => {
  let h: Harness;
  afterEach(async () => {
    await idle(h);
    await quiet(h, { timeoutMs: WAIT }).catch(() => undefined);
    await h.close();
  });

  async function start(env: Record<string, string> = {}) {
    h = await createHarness({ sms: "twilio", env: { HOTLINE_ESCALATE_AFTER_SECONDS: "600", HOTLINE_REPEAT_EVERY_SECONDS: "600", ...env } });
    h.startWorkers();
  }

  it("no volunteers configured: straight to the 988 offer and voicemail, nobody rung, the case opened and the admins alerted", async () => {
    await start();
    const call = await incoming(h, "+15555592100");
    expect(call.twiml).toMatch(/could not reach a volunteer/);
    expect(call.twiml).toMatch(/9 1 1/);
    expect(call.twiml).toMatch(/press 9/);
    expect(call.twiml).toMatch(/<Record /);
    expect(call.twiml).not.toMatch(/<Enqueue/);
    await idle(h);
    expect(h.fakeTwilio!.calls).toHaveLength(0);
    const c = (await h.store.cases.list()).find((x) => x.fromPhone === "+15555592100")!;
    await waitFor(async () => (await eventTypes(h, c.id)).includes("nobody_on_shift"), WAIT, "admins alerted");
    expect(await eventTypes(h, c.id)).toEqual(expect.arrayContaining(["call_started", "call_nobody_to_ring", "call_missed"]));
    expect(h.logLines.join("\n")).not.toContain("5555592100");
  });

  it("voicemail: transcription before the recording callback, each twice — screened, on the timeline once, the case paged by SMS", async () => {
    await start();
    const v = await addResponder(h, { name: "Vic Primary", phone: "+15555592201", tier: "primary", shifts: [] });
    const sup = await addResponder(h, { name: "Sue Super", phone: "+15555592202", tier: "supervisor", shifts: [] });
    const { phone } = await enrol(h, { phone: "+15555592200" });
    const call = await incoming(h, phone);
    // Nobody on shift: the supervisors ring (the SMS chain's step 0 rule).
    await h.fakeTwilio!.waitForCalls(1);
    await idle(h);
    expect(h.fakeTwilio!.calls.map((l) => l.to)).toEqual([sup.phone]);
    await post(h, h.fakeTwilio!.calls[0]!.statusCallback!, { CallSid: h.fakeTwilio!.calls[0]!.sid, CallStatus: "no-answer" });
    await idle(h);
    const missed = await post(h, `/twilio/voice/missed?call=${call.callId}`, { CallSid: call.callSid });
    const rec = newRecordingSid();
    const transcribe = urlIn(missed.twiml, "transcribeCallback");
    const recordAction = missed.twiml.match(/<Record action="([^"]+)"/)![1]!.replaceAll("&amp;", "&");
    const words = { RecordingSid: rec, CallSid: call.callSid, TranscriptionStatus: "completed", TranscriptionText: "i have the pills counted out and i want to die tonight", RecordingDuration: "21" };
    for (let i = 0; i < 2; i++) expect((await post(h, transcribe, words)).status).toBe(200);
    for (let i = 0; i < 2; i++) {
      const thanks = await post(h, recordAction, { RecordingSid: rec, CallSid: call.callSid, RecordingDuration: "21", RecordingUrl: "https://api.twilio.com/x" });
      expect(thanks.twiml).toMatch(/A volunteer will contact you/);
    }
    const c = (await h.store.cases.list()).find((x) => x.fromPhone === phone)!;
    const events = await h.store.cases.events(c.id);
    expect(events.filter((e) => e.type === "voicemail_transcribed")).toHaveLength(1);
    expect(events.filter((e) => e.type === "voicemail_recorded")).toHaveLength(1);
    expect(events.filter((e) => e.type === "call_missed")).toHaveLength(1);
    expect(events.find((e) => e.type === "voicemail_transcribed")!.detail).toMatchObject({ level: "imminent", categories: expect.arrayContaining(["suicide_self_harm"]) });
    expect(JSON.stringify(events)).not.toContain("pills"); // the words stay in voice_calls, not on the timeline
    await waitFor(() => textsTo(h, sup.phone).find((t) => t.includes(c.shortId)), WAIT, "supervisor paged by SMS");
    expect(h.logLines.join("\n")).not.toContain("pills");
    // Only the on-shift rule's people were involved: the off-shift primary was never paged.
    await accept(h, sup, c.shortId);
    expect(textsTo(h, v.phone)).toHaveLength(0);
  });

  it("the holder of a claimed case gets the voicemail's words; the caller hanging up before anyone answers tells them to call back", async () => {
    await start();
    const a = await addResponder(h, { name: "Ada Primary", phone: "+15555592301", tier: "primary" });
    const { phone } = await enrol(h, { phone: "+15555592300" });
    await h.postSms(phone, "i want to kill myself");
    const c = await waitFor(async () => (await h.store.cases.list()).find((x) => x.fromPhone === phone), WAIT, "case");
    await accept(h, a, c.shortId);
    const call = await incoming(h, phone);
    await h.fakeTwilio!.waitForCalls(1);
    await idle(h);
    expect(h.fakeTwilio!.calls[0]!.to).toBe(a.phone); // the holder rings first
    const exit = await post(h, `/twilio/voice/queue-exit?call=${call.callId}`, { CallSid: call.callSid, QueueResult: "hangup" });
    expect(exit.twiml).toMatch(/<Hangup\/>/);
    await idle(h);
    expect(h.fakeTwilio!.callUpdates).toEqual([expect.objectContaining({ status: "canceled" })]);
    await waitFor(() => textsTo(h, a.phone).find((t) => /called the hotline and nobody answered. CALL/.test(t)), WAIT, "holder told");
    await parentStatus(h, call.callSid, "completed", 9);
    const events = await h.store.cases.events(c.id);
    expect(events.find((e) => e.type === "call_ended")!.detail).toMatchObject({ seconds: 9 });

    const second = await incoming(h, phone);
    await opened(h, second.callId);
    const rec = newRecordingSid();
    await post(h, `/twilio/voice/transcription?call=${second.callId}&for=hotline`, { RecordingSid: rec, TranscriptionStatus: "completed", TranscriptionText: "please call me back", RecordingDuration: "4" });
    await waitFor(() => textsTo(h, a.phone).find((t) => t === `[${c.shortId}] Voicemail (4 s): please call me back`), WAIT, "transcript to the holder");
  });

  it("bad signatures are refused (403) on every voice route; an unknown CallSid or call id gets harmless TwiML and nothing is written", async () => {
    await start();
    await addResponder(h, { name: "Ada Primary", phone: "+15555592401", tier: "primary" });
    const params = { CallSid: newCallSid(), From: "+15555592400", To: PROGRAM_NUMBER };
    for (const path of ["/twilio/voice", "/twilio/voice/status", "/twilio/voice/wait?call=00000000-0000-4000-8000-000000000000"]) {
      expect((await h.postSigned(path, params, "bm90IHRoZSBzaWduYXR1cmUgYXQgYWxsIQ==")).status).toBe(403);
      const unsigned = await h.app.request(path, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(params).toString() });
      expect(unsigned.status).toBe(403);
    }
    // Signed for another URL (a replay against a different route) is refused too.
    const twilio = (await import("twilio")).default;
    const sig = twilio.getExpectedTwilioSignature("test-twilio-auth-token", "https://buddyline.example.org/twilio/sms", params);
    expect((await h.postSigned("/twilio/voice", params, sig)).status).toBe(403);
    expect(await voiceRows(h)).toEqual({ calls: 0, legs: 0 });

    const unknown = await post(h, "/twilio/voice/status", { CallSid: newCallSid(), CallStatus: "completed", CallDuration: "5" });
    expect(unknown.status).toBe(200);
    expect(unknown.twiml).toMatch(/<Response\/>/);
    const ghost = "00000000-0000-4000-8000-000000000000";
    for (const path of [`/twilio/voice/wait?call=${ghost}`, `/twilio/voice/whisper?call=${ghost}&leg=${ghost}`, `/twilio/voice/status?leg=${ghost}`, `/twilio/voice/whisper-key?call=not-a-uuid&leg=x`]) {
      const r = await post(h, path, { CallSid: newCallSid(), CallStatus: "completed", Digits: "1" });
      expect(r.status, path).toBe(200);
      expect(r.twiml).not.toMatch(/<Dial|<Enqueue|<Record/);
    }
    expect(await voiceRows(h)).toEqual({ calls: 0, legs: 0 });
    expect(await h.store.cases.list()).toHaveLength(0);
    // A signed request missing a field is a 400 naming it, not a 500.
    const bad = await post(h, "/twilio/voice", { From: "+15555592400" });
    expect(bad.status).toBe(400);
    expect(bad.twiml).toContain("CallSid");
  });

  it("a duplicate incoming webhook (Twilio retry) rings nobody twice and writes one call; the hunt's Calls API failing still ends in the 988 offer and paging", async () => {
    await start();
    const a = await addResponder(h, { name: "Ada Primary", phone: "+15555592501", tier: "primary" });
    h.fakeTwilio!.scriptCalls({ kind: "error", status: 500, code: 20500 });
    const sid = newCallSid();
    const first = await incoming(h, "+15555592500", sid);
    const again = await incoming(h, "+15555592500", sid);
    expect(again.callId).toBe(first.callId);
    await idle(h);
    expect(await voiceRows(h)).toEqual({ calls: 1, legs: 1 });
    // The only leg failed, and there is nobody else: the caller is sent to the 988 offer.
    const hold = await post(h, `/twilio/voice/wait?call=${first.callId}`, { CallSid: sid });
    expect(hold.twiml).toMatch(/<Leave\/>/);
    const exit = await post(h, `/twilio/voice/queue-exit?call=${first.callId}`, { CallSid: sid, QueueResult: "leave" });
    expect(exit.twiml).toMatch(/could not reach a volunteer/);
    const c = (await h.store.cases.list()).find((x) => x.fromPhone === "+15555592500")!;
    expect((await eventTypes(h, c.id)).filter((t) => t === "call_started")).toHaveLength(1);
    await waitFor(() => textsTo(h, a.phone).find((t) => t.includes(`ACCEPT ${c.shortId}`)), WAIT, "SMS page");
  });

  it("CALL <id>: Twilio rings the volunteer from the program number, then dials the parent from it; not the holder → told so", async () => {
    await start();
    const a = await addResponder(h, { name: "Ada Primary", phone: "+15555592601", tier: "primary" });
    const b = await addResponder(h, { name: "Ben Primary", phone: "+15555592602", tier: "primary" });
    const { phone } = await enrol(h, { phone: "+15555592600" });
    await h.postSms(phone, "i want to kill myself");
    const c = await waitFor(async () => (await h.store.cases.list()).find((x) => x.fromPhone === phone), WAIT, "case");
    await accept(h, a, c.shortId);
    await h.postSms(b.phone, `CALL ${c.shortId}`);
    await waitFor(() => textsTo(h, b.phone).find((t) => t.includes("not yours to call back")), WAIT, "not yours");
    await h.postSms(a.phone, `call ${c.shortId.toLowerCase()}`);
    await h.fakeTwilio!.waitForCalls(1);
    const leg = h.fakeTwilio!.calls[0]!;
    expect(leg.to).toBe(a.phone);
    expect(leg.from).toBe(PROGRAM_NUMBER);
    const answered = await post(h, leg.url, { CallSid: leg.sid, CallStatus: "in-progress" });
    expect(answered.twiml).toContain(`<Dial callerId="${PROGRAM_NUMBER}"`);
    expect(answered.twiml).toContain(`<Number>${phone}</Number>`);
    await post(h, leg.statusCallback!, { CallSid: leg.sid, CallStatus: "completed", CallDuration: "125" });
    await waitFor(() => textsTo(h, a.phone).find((t) => t.includes("call ended after 2 min")), WAIT, "ended text");
    expect(await eventTypes(h, c.id)).toEqual(expect.arrayContaining(["callback_requested", "callback_connected", "callback_ended"]));
    // "call mama" is a message for the parent, not a command (no case MAMA).
    await h.postSms(a.phone, "call mama");
    await waitFor(() => h.fakeTwilio!.sentTo(phone).find((s) => s.body === "call mama"), WAIT, "relayed");
  });

  it("press 2 for the peer (program setting, peer at work): the voicemail goes to the peer as notes (off by default: the hunt test checks it is not offered)", async () => {
    await start({ VOICE_PEER_VOICEMAIL: "true" });
    await addResponder(h, { name: "Ada Primary", phone: "+15555592701", tier: "primary" });
    const { phone, peerId, participantId } = await enrol(h, { phone: "+15555592700", language: "es" });
    const call = await incoming(h, phone);
    await opened(h, call.callId);
    expect(call.twiml).toMatch(/marca 2/);
    expect(call.twiml).toContain('language="es-US"');
    const key = await post(h, urlIn(call.twiml, "action"), { CallSid: call.callSid, Digits: "2" });
    expect(key.twiml).toMatch(/mensaje para tu consejero/);
    const rec = newRecordingSid();
    const action = key.twiml.match(/<Record action="([^"]+)"/)![1]!.replaceAll("&amp;", "&");
    expect(action).toContain("for=peer");
    await post(h, action, { RecordingSid: rec, RecordingDuration: "12" });
    await post(h, urlIn(key.twiml, "transcribeCallback"), { RecordingSid: rec, TranscriptionStatus: "completed", TranscriptionText: "mañana no puedo ir a la cita" });
    const notes = await waitFor(async () => {
      const list = await h.store.notifications.list({ participantId });
      return list.length === 2 ? list : null;
    }, WAIT, "peer notes");
    expect(notes.every((n) => n.peerId === peerId && n.kind === "peer_voicemail")).toBe(true);
    expect(notes.map((n) => n.summary).join("\n")).toContain("mañana no puedo ir a la cita");
  });
});
