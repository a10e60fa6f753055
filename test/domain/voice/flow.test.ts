import { describe, expect, it } from "vitest";
import {
  callbackSteps,
  callerKeySteps,
  greetingSteps,
  holdSteps,
  missedSteps,
  outageSteps,
  readCallerKey,
  takeSteps,
  whisperSteps,
} from "../../../src/domain/voice/flow";
import { describeSteps, type VoiceStep } from "../../../src/domain/voice/steps";
import { parseCallBack } from "../../../src/domain/voice/texts";

const ID = "11111111-2222-4333-8444-555555555555";
const text = (steps: VoiceStep[]) => describeSteps(steps).join("\n");

describe("what the caller hears", () => {
  it("greeting: 911 and 988 first, then straight into the queue — no menu to navigate", () => {
    const steps = greetingSteps({ callId: ID, language: "en", program: "Buddyline" }, { offerPeerVoicemail: false, anyoneToRing: true });
    expect(steps.map((s) => s.verb)).toEqual(["gather", "enqueue"]);
    expect(text(steps)).toMatch(/9 1 1.*press 9/);
    expect(text(steps)).not.toMatch(/press 2/);
  });

  it("unknown caller: English then Spanish; the peer option only when offered", () => {
    const steps = greetingSteps({ callId: ID, language: "both", program: "Buddyline" }, { offerPeerVoicemail: true, anyoneToRing: true });
    const gather = steps[0] as Extract<VoiceStep, { verb: "gather" }>;
    expect(gather.speech.map((s) => s.language)).toEqual(["en", "es", "en", "es"]);
    expect(text(steps)).toMatch(/press 2/);
  });

  it("nobody to ring: the missed-call prompt (988 key, then voicemail)", () => {
    const steps = greetingSteps({ callId: ID, language: "es", program: "Buddyline" }, { offerPeerVoicemail: false, anyoneToRing: false });
    expect(steps).toEqual(missedSteps({ callId: ID, language: "es", program: "Buddyline" }));
    expect(steps.map((s) => s.verb)).toEqual(["gather", "record", "say", "hangup"]);
    expect(text(steps)).toMatch(/marca 9/);
  });

  it("keys: 9 dials 988 at any stage; 2 only when the peer option is offered; anything else back to the hunt or to voicemail", () => {
    expect(readCallerKey("9", "greeting", false)).toBe("dial_988");
    expect(readCallerKey("9", "missed", false)).toBe("dial_988");
    expect(readCallerKey("2", "greeting", true)).toBe("peer_voicemail");
    expect(readCallerKey("2", "greeting", false)).toBe("back_to_hunt");
    expect(readCallerKey("5", "missed", true)).toBe("voicemail");
    const dial = callerKeySteps({ callId: ID, language: "en", program: "B" }, "dial_988", "+18002738255");
    expect(dial.at(-1)).toEqual({ verb: "dial_number", numbers: ["+18002738255"] });
  });

  it("hold loop: speech and a pause, or leave", () => {
    expect(holdSteps({ callId: ID, language: "en", program: "B" }, true)).toEqual([{ verb: "leave" }]);
    expect(holdSteps({ callId: ID, language: "both", program: "B" }, false).map((s) => s.verb)).toEqual(["say", "say", "pause"]);
  });

  it("outage: greeting, the known volunteers at once from the program number, then 988 — nothing that needs the store", () => {
    const steps = outageSteps({ callId: "outage", language: "both", program: "B" }, ["+15550001", "+15550002"], "+15550000", "+18002738255", 25);
    expect(steps.filter((s) => s.verb === "dial_number")).toEqual([
      { verb: "dial_number", numbers: ["+15550001", "+15550002"], callerId: "+15550000", timeoutSeconds: 25 },
      { verb: "dial_number", numbers: ["+18002738255"] },
    ]);
    expect(JSON.stringify(steps)).not.toMatch(/twilio\/voice/);
    // No key can be read without the store: the greeting promises none.
    expect(text(steps)).not.toMatch(/press 9/);
    expect(text(steps)).toMatch(/9 1 1/);
  });
});

describe("what the volunteer hears", () => {
  it("the whisper listens for 1 and says goodbye without a key", () => {
    const steps = whisperSteps(ID, ID, "es", "Buddyline");
    expect(text(steps)).toMatch(/Marca 1 para tomarla/);
    expect(steps.map((s) => s.verb)).toEqual(["gather", "say", "hangup"]);
  });

  it("won → bridged to the caller's queue; won during the greeting → wait and retry; lost → told and hung up", () => {
    expect(takeSteps(ID, ID, "en", "won", true).at(-1)).toMatchObject({ verb: "dial_queue", queue: `call-${ID}` });
    expect(takeSteps(ID, ID, "en", "won", false).at(-1)).toMatchObject({ verb: "redirect" });
    expect(text(takeSteps(ID, ID, "en", "lost", true))).toMatch(/Someone else took this call[\s\S]*hang up/);
    expect(text(takeSteps(ID, ID, "en", "gone", true))).toMatch(/no longer waiting/);
  });

  it("call-back: the parent is dialled from the program number", () => {
    const steps = callbackSteps(ID, "+15551234567", "+15550000", "K7Q2A", "en");
    expect(steps.at(-1)).toMatchObject({ verb: "dial_number", numbers: ["+15551234567"], callerId: "+15550000" });
  });

  it("CALL <id> is read only with a case-id shape; other texts are messages", () => {
    expect(parseCallBack("CALL K7Q2A")).toEqual({ shortId: "K7Q2A" });
    expect(parseCallBack(" llamar #k7q2a ")).toEqual({ shortId: "K7Q2A" });
    expect(parseCallBack("call me later please")).toBeNull();
    expect(parseCallBack("CALL")).toBeNull();
  });
});
