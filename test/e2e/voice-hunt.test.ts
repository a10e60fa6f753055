import { afterEach, describe, expect, it } from "vitest";
import { quiet } from "../support/settle";
import { createHarness, enrol, PROGRAM_NUMBER, waitFor, type Harness } from "../support/harness";
import { accept, addResponder, E2E_TIMEOUT, eventTypes, textsTo, WAIT } from "./hotline-helpers";
import { answerLeg, enqueue, idle, incoming, legStatus, parentStatus, post, pressOnWhisper, urlIn } from "./voice-helpers";

/**
 * A parent calls the program number: greeting, hunt, whisper, press 1, bridge — every
 * callback played through the real app, the legs placed by the real twilio SDK against
 * the fake Twilio.
 */
describe("voice hotline: the hunt", { timeout: E2E_TIMEOUT }, () => {
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

  async function team() {
    const a = await addResponder(h, { name: "Ada Primary", phone: "+15555591001", tier: "primary" });
    const b = await addResponder(h, { name: "Ben Primary", phone: "+15555591002", tier: "primary" });
    const k = await addResponder(h, { name: "Kim Backup", phone: "+15555591003", tier: "backup" });
    const s = await addResponder(h, { name: "Sue Super", phone: "+15555591004", tier: "supervisor" });
    return { a, b, k, s };
  }

  it("greets in the parent's language naming 911 and 988, rings the on-shift primaries from the program number, first 1 wins and the other leg is cancelled", async () => {
    await start();
    const { a, b, k } = await team();
    const { phone } = await enrol(h, { phone: "+15555591100" });
    const call = await incoming(h, phone);
    expect(call.twiml).toContain('language="en-US"');
    expect(call.twiml).not.toContain('language="es-US"');
    expect(call.twiml).toMatch(/call 9 1 1/);
    expect(call.twiml).toMatch(/9 8 8 crisis line now, press 9/);
    expect(call.twiml).toMatch(/<Enqueue[^>]*waitUrl=/);
    expect(call.twiml).not.toMatch(/press 2/); // the peer option is off by default

    await h.fakeTwilio!.waitForCalls(2);
    await idle(h);
    const legs = h.fakeTwilio!.calls;
    expect(legs.map((l) => l.to).sort()).toEqual([a.phone, b.phone]);
    expect(legs.every((l) => l.from === PROGRAM_NUMBER && l.timeout === "25")).toBe(true);
    expect(h.fakeTwilio!.callsTo(k.phone)).toHaveLength(0);

    await enqueue(h, call.callSid, call.twiml);
    const legA = h.fakeTwilio!.callsTo(a.phone)[0]!;
    const legB = h.fakeTwilio!.callsTo(b.phone)[0]!;
    const whisperA = await answerLeg(h, legA);
    expect(whisperA.twiml).toMatch(/crisis call from a parent\. Press 1 to take it/);
    expect(whisperA.twiml).not.toContain(phone); // the volunteer never hears or sees the parent's number
    const whisperB = await answerLeg(h, legB);

    const won = await pressOnWhisper(h, legA, whisperA.twiml, "1");
    expect(won.twiml).toMatch(/<Dial[^>]*><Queue>call-[0-9a-f-]{36}<\/Queue><\/Dial>/);
    await idle(h);
    // B had answered (hearing the whisper): its leg is completed, not left ringing.
    expect(h.fakeTwilio!.callUpdates).toEqual([expect.objectContaining({ sid: legB.sid, status: "completed" })]);

    const lost = await pressOnWhisper(h, legB, whisperB.twiml, "1");
    expect(lost.twiml).toMatch(/Someone else took this call/);
    expect(lost.twiml).toMatch(/<Hangup\/>/);

    const c = (await h.store.cases.list()).find((x) => x.fromPhone === phone)!;
    expect(c.status).toBe("claimed");
    expect(c.claimedBy).toBe(a.id);
    const types = await eventTypes(h, c.id);
    expect(types).toEqual(expect.arrayContaining(["received", "call_started", "call_rang", "call_answered", "claimed"]));
    const texts = await waitFor(() => (textsTo(h, a.phone).length >= 2 ? textsTo(h, a.phone) : null), WAIT, "hand-over texts");
    expect(texts.join("\n")).toContain(`Case ${c.shortId} is yours`);
    expect(texts.join("\n")).toMatch(/on the phone with the parent/);
    expect(textsTo(h, b.phone)).toHaveLength(0);
  });

  it("a leg still ringing when someone wins is canceled; the loser who answers later hears it is taken", async () => {
    await start();
    const { a, b } = await team();
    const call = await incoming(h, "+15555591200");
    await h.fakeTwilio!.waitForCalls(2);
    await idle(h);
    await enqueue(h, call.callSid, call.twiml);
    const legA = h.fakeTwilio!.callsTo(a.phone)[0]!;
    const legB = h.fakeTwilio!.callsTo(b.phone)[0]!;
    const whisperA = await answerLeg(h, legA);
    await pressOnWhisper(h, legA, whisperA.twiml, "1");
    await idle(h);
    expect(h.fakeTwilio!.callUpdates).toEqual([expect.objectContaining({ sid: legB.sid, status: "canceled" })]);
    const late = await answerLeg(h, legB);
    expect(late.twiml).toMatch(/Someone else took this call/);
  });

  it("unknown caller: bilingual greeting; whisper timeout and a wrong key do not take the call", async () => {
    await start();
    const { a } = await team();
    const call = await incoming(h, "+15555591300");
    expect(call.twiml).toContain('language="en-US"');
    expect(call.twiml).toContain('language="es-US"');
    expect(call.twiml).toMatch(/llama al 9 1 1/);
    await h.fakeTwilio!.waitForCalls(2);
    await idle(h);
    const legA = h.fakeTwilio!.callsTo(a.phone)[0]!;
    const whisper = await answerLeg(h, legA);
    const wrong = await pressOnWhisper(h, legA, whisper.twiml, "7");
    expect(wrong.twiml).toMatch(/Press 1 to take it/);
    expect(urlIn(wrong.twiml, "action")).toContain("attempt=1");
    const timeout = await pressOnWhisper(h, legA, wrong.twiml);
    expect(timeout.twiml).toMatch(/No key pressed/);
    expect(timeout.twiml).toMatch(/<Hangup\/>/);
    const row = await h.db.query<{ status: string }>("select status from voice_legs where call_sid = $1", [legA.sid]);
    expect(row.rows[0]!.status).toBe("declined");
    const c = (await h.store.cases.list()).find((x) => x.fromPhone === "+15555591300")!;
    expect(c.status).toBe("open");
  });

  it("nobody answers the primaries (no-answer, busy) → backups and supervisors ring; nobody again → the caller leaves the queue for 988 and voicemail, and SMS paging starts", async () => {
    await start();
    const { a, b, k, s } = await team();
    const call = await incoming(h, "+15555591400");
    await h.fakeTwilio!.waitForCalls(2);
    await idle(h);
    await enqueue(h, call.callSid, call.twiml);
    await legStatus(h, h.fakeTwilio!.callsTo(a.phone)[0]!, "no-answer");
    expect(h.fakeTwilio!.calls).toHaveLength(2); // wave 0 still has a leg ringing
    await legStatus(h, h.fakeTwilio!.callsTo(b.phone)[0]!, "busy");
    await h.fakeTwilio!.waitForCalls(4);
    await idle(h);
    expect(h.fakeTwilio!.calls.slice(2).map((l) => l.to).sort()).toEqual([k.phone, s.phone].sort());

    await legStatus(h, h.fakeTwilio!.callsTo(k.phone)[0]!, "no-answer");
    await legStatus(h, h.fakeTwilio!.callsTo(s.phone)[0]!, "no-answer");
    await idle(h);
    const redirect = h.fakeTwilio!.callUpdates.find((u) => u.sid === call.callSid)!;
    expect(redirect.url).toMatch(/\/twilio\/voice\/missed\?call=/);
    const missed = await post(h, redirect.url!, { CallSid: call.callSid });
    expect(missed.twiml).toMatch(/could not reach a volunteer/);
    expect(missed.twiml).toMatch(/<Gather[^>]*>.*press 9/);
    expect(missed.twiml).toMatch(/<Record[^>]*transcribe="true"/);
    // The hold loop is the fallback: it sends the caller out of the queue too.
    const hold = await enqueue(h, call.callSid, call.twiml);
    expect(hold.twiml).toMatch(/<Leave\/>/);

    const c = (await h.store.cases.list()).find((x) => x.fromPhone === "+15555591400")!;
    const types = await eventTypes(h, c.id);
    expect(types).toEqual(expect.arrayContaining(["call_escalated", "call_leg_ended", "call_missed"]));
    // A missed call never ends unanswered: the case's SMS paging chain runs.
    await waitFor(() => textsTo(h, a.phone).find((t) => t.includes(`ACCEPT ${c.shortId}`)), WAIT, "SMS page");
  });

  it("an SMS ACCEPT while the call rings wins the case, not the call: the one who presses 1 is bridged, the holder is told", async () => {
    await start();
    const { a, b } = await team();
    const call = await incoming(h, "+15555591500");
    await h.fakeTwilio!.waitForCalls(2);
    await idle(h);
    await enqueue(h, call.callSid, call.twiml);
    const c = (await h.store.cases.list()).find((x) => x.fromPhone === "+15555591500")!;
    await accept(h, b, c.shortId);
    const legA = h.fakeTwilio!.callsTo(a.phone)[0]!;
    const whisper = await answerLeg(h, legA);
    const won = await pressOnWhisper(h, legA, whisper.twiml, "1");
    expect(won.twiml).toMatch(/<Queue>/);
    const after = (await h.store.cases.get(c.id))!;
    expect(after.claimedBy).toBe(b.id);
    await waitFor(() => textsTo(h, b.phone).find((t) => /Ada answered the parent's call/.test(t)), WAIT, "holder told");
    // And the other way round: ACCEPT after the call is bridged loses (the case is held).
    const d = await addResponder(h, { name: "Dan Late", phone: "+15555591005", tier: "primary" });
    await h.postSms(d.phone, `ACCEPT ${c.shortId}`);
    await waitFor(() => textsTo(h, d.phone).length > 0, WAIT, "reply to the late ACCEPT");
    expect((await h.store.cases.get(c.id))!.claimedBy).toBe(b.id);
  });

  it("the call ends: dial action and the parent's status put the duration on the timeline and the volunteer is texted; duplicates change nothing", async () => {
    await start();
    const { a } = await team();
    const call = await incoming(h, "+15555591600");
    await h.fakeTwilio!.waitForCalls(2);
    await idle(h);
    await enqueue(h, call.callSid, call.twiml);
    const legA = h.fakeTwilio!.callsTo(a.phone)[0]!;
    const whisper = await answerLeg(h, legA);
    const won = await pressOnWhisper(h, legA, whisper.twiml, "1");
    const dialDone = await post(h, urlIn(won.twiml, "action"), { CallSid: legA.sid, DialCallStatus: "completed", DialCallDuration: "312" });
    expect(dialDone.twiml).toMatch(/<Hangup\/>/);
    const exit = await post(h, urlIn(call.twiml, "action").replace(/\/key\?.*$/, "/queue-exit?call=" + call.callId), { CallSid: call.callSid, QueueResult: "bridged" });
    expect(exit.twiml).toMatch(/<Hangup\/>/);
    for (let i = 0; i < 2; i++) {
      expect((await parentStatus(h, call.callSid, "completed", 330)).status).toBe(200);
      expect((await legStatus(h, legA, "completed", 320)).status).toBe(200);
    }
    const c = (await h.store.cases.list()).find((x) => x.fromPhone === "+15555591600")!;
    const events = await h.store.cases.events(c.id);
    expect(events.filter((e) => e.type === "call_ended")).toHaveLength(1);
    expect(events.find((e) => e.type === "call_ended")!.detail).toMatchObject({ seconds: 330, outcome: "bridged" });
    expect(events.find((e) => e.type === "call_bridge_ended")!.detail).toMatchObject({ seconds: 312 });
    expect(events.filter((e) => e.type === "call_leg_ended")).toHaveLength(1);
    await waitFor(() => textsTo(h, a.phone).find((t) => t.includes("call ended after 6 min")), WAIT, "call-ended text");
    const api = await h.admin("GET", `/hotline/cases/${c.id}`);
    const body = (await api.json()) as { timeline: { type: string }[] };
    expect(body.timeline.map((e) => e.type)).toEqual(expect.arrayContaining(["call_started", "call_rang", "call_answered", "call_ended"]));
    expect(JSON.stringify(body)).not.toContain("Someone"); // ids and counts only
  });

  it("the caller presses 9: 988 is dialled, the hunt stops and the case is paged by SMS", async () => {
    await start();
    const { a, b } = await team();
    const call = await incoming(h, "+15555591700");
    await h.fakeTwilio!.waitForCalls(2);
    await idle(h);
    const key = await post(h, urlIn(call.twiml, "action"), { CallSid: call.callSid, Digits: "9" });
    expect(key.twiml).toMatch(/<Dial><Number>\+18002738255<\/Number><\/Dial>/);
    await idle(h);
    expect(h.fakeTwilio!.callUpdates.map((u) => u.status).sort()).toEqual(["canceled", "canceled"]);
    const legA = h.fakeTwilio!.callsTo(a.phone)[0]!;
    const whisper = await answerLeg(h, legA);
    expect(whisper.twiml).toMatch(/no longer waiting/);
    const c = (await h.store.cases.list()).find((x) => x.fromPhone === "+15555591700")!;
    expect(await eventTypes(h, c.id)).toContain("caller_chose_988");
    await waitFor(() => textsTo(h, b.phone).find((t) => t.includes(`ACCEPT ${c.shortId}`)), WAIT, "SMS page");
  });

  it("out of order: the caller hangs up (status first, queue exit after) while legs ring — legs stopped, one miss, paging; a late 1 hears the caller is gone", async () => {
    await start();
    const { a, b } = await team();
    const call = await incoming(h, "+15555591800");
    await h.fakeTwilio!.waitForCalls(2);
    await idle(h);
    await enqueue(h, call.callSid, call.twiml);
    const legA = h.fakeTwilio!.callsTo(a.phone)[0]!;
    const whisper = await answerLeg(h, legA);
    expect((await parentStatus(h, call.callSid, "completed", 14)).status).toBe(200);
    const exit = await post(h, `/twilio/voice/queue-exit?call=${call.callId}`, { CallSid: call.callSid, QueueResult: "hangup" });
    expect(exit.twiml).toMatch(/<Hangup\/>/);
    await idle(h);
    expect(h.fakeTwilio!.callUpdates.map((u) => [u.sid, u.status]).sort()).toEqual(
      [[legA.sid, "completed"], [h.fakeTwilio!.callsTo(b.phone)[0]!.sid, "canceled"]].sort(),
    );
    const late = await pressOnWhisper(h, legA, whisper.twiml, "1");
    expect(late.twiml).toMatch(/no longer waiting/);
    const c = (await h.store.cases.list()).find((x) => x.fromPhone === "+15555591800")!;
    const events = await h.store.cases.events(c.id);
    expect(events.filter((e) => e.type === "call_missed")).toHaveLength(1);
    expect(events.find((e) => e.type === "call_ended")!.detail).toMatchObject({ seconds: 14, outcome: "missed" });
    expect(c.status).toBe("open");
    await waitFor(() => textsTo(h, b.phone).find((t) => t.includes(`ACCEPT ${c.shortId}`)), WAIT, "SMS page");
  });
});
