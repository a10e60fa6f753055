import twilio from "twilio";
import type { Speech, VoiceStep } from "../../domain/voice/steps";

const { VoiceResponse } = twilio.twiml;

const VOICE_LANGUAGE = { en: "en-US", es: "es-US" } as const;

/**
 * Renders the domain's steps with the twilio SDK's VoiceResponse. Paths become absolute
 * under PUBLIC_URL (Twilio signs the URL it calls, so it must be the public one).
 */
export function renderTwiml(steps: readonly VoiceStep[], publicUrl: string): string {
  const base = publicUrl.replace(/\/$/, "");
  const abs = (path: string) => base + path;
  const r = new VoiceResponse();
  const say = (node: { say(attrs: { language: "en-US" | "es-US" }, text: string): unknown }, s: Speech) =>
    node.say({ language: VOICE_LANGUAGE[s.language] }, s.text);
  for (const step of steps) {
    switch (step.verb) {
      case "say":
        say(r, step.speech);
        break;
      case "gather": {
        const g = r.gather({ numDigits: 1, timeout: step.timeoutSeconds, action: abs(step.action), method: "POST", actionOnEmptyResult: false });
        for (const s of step.speech) say(g, s);
        break;
      }
      case "enqueue":
        r.enqueue({ waitUrl: abs(step.waitUrl), waitUrlMethod: "POST", action: abs(step.action), method: "POST" }, step.queue);
        break;
      case "dial_number": {
        const d = r.dial({
          ...(step.callerId ? { callerId: step.callerId } : {}),
          ...(step.action ? { action: abs(step.action), method: "POST" } : {}),
          ...(step.timeoutSeconds ? { timeout: step.timeoutSeconds } : {}),
        });
        for (const n of step.numbers) d.number(n);
        break;
      }
      case "dial_queue":
        r.dial(step.action ? { action: abs(step.action), method: "POST" } : {}).queue(step.queue);
        break;
      case "record":
        r.record({
          action: abs(step.action),
          method: "POST",
          maxLength: step.maxLengthSeconds,
          playBeep: true,
          transcribe: true,
          transcribeCallback: abs(step.transcribeCallback),
        });
        break;
      case "pause":
        r.pause({ length: step.seconds });
        break;
      case "redirect":
        r.redirect({ method: "POST" }, abs(step.url));
        break;
      case "leave":
        r.leave();
        break;
      case "hangup":
        r.hangup();
        break;
    }
  }
  return r.toString();
}
