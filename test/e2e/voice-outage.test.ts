import { describe, expect, it } from "vitest";
import { responderCacheFor } from "../../src/features/inbound/journal/responder-cache";
import { createHarness, PROGRAM_NUMBER } from "../support/harness";
import { addResponder, E2E_TIMEOUT } from "./hotline-helpers";
import { incoming, newCallSid, post } from "./voice-helpers";

/**
 * The store is gone while a parent calls: no 500 (dead air), but the greeting with 911
 * and 988, the volunteers this process last knew to be on shift rung at once from the
 * program number, and 988 if nobody picks up.
 */
describe("voice hotline: Postgres unreachable", { timeout: E2E_TIMEOUT }, () => {
  it("incoming call → outage TwiML: greeting, known volunteers dialled together, then 988; callbacks never 500", async () => {
    const h = await createHarness({ sms: "twilio" });
    try {
      const a = await addResponder(h, { name: "Ada Primary", phone: "+15555593001", tier: "primary" });
      const b = await addResponder(h, { name: "Ben Primary", phone: "+15555593002", tier: "primary" });
      await addResponder(h, { name: "Kim Backup", phone: "+15555593003", tier: "backup" });
      await responderCacheFor(h.deps).readNow(); // what a running process already holds
      await h.db.close();

      const call = await incoming(h, "+15555593100");
      expect(call.twiml).toMatch(/call 9 1 1/);
      expect(call.twiml).toContain(`<Dial callerId="${PROGRAM_NUMBER}" timeout="25"><Number>${a.phone}</Number><Number>${b.phone}</Number></Dial>`);
      expect(call.twiml).toMatch(/<Number>\+18002738255<\/Number>/);
      expect(call.twiml.indexOf(b.phone)).toBeLessThan(call.twiml.indexOf("+18002738255"));

      const ghost = "00000000-0000-4000-8000-000000000000";
      for (const path of [`/twilio/voice/wait?call=${ghost}`, `/twilio/voice/queue-exit?call=${ghost}`, `/twilio/voice/whisper?call=${ghost}&leg=${ghost}`, "/twilio/voice/status"]) {
        const r = await post(h, path, { CallSid: newCallSid(), CallStatus: "completed", QueueResult: "leave" });
        expect(r.status, path).toBe(200);
      }
      const exit = await post(h, `/twilio/voice/queue-exit?call=${ghost}`, { CallSid: newCallSid(), QueueResult: "leave" });
      expect(exit.twiml).toMatch(/\+18002738255/); // the missed-call prompt's fallback still reaches 988
      expect(h.logLines.join("\n")).not.toContain("5555593100");
    } finally {
      h.db.drop = async () => undefined;
      await h.close();
    }
  });
});
