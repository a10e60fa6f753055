import type { Language } from "../model";

/**
 * TwiML as data: what the caller or volunteer hears next, decided by pure rules and
 * rendered by the twilio SDK's VoiceResponse at the edge (src/features/voice/voice-twiml.ts).
 * The call simulator prints the same steps as text. URLs are paths under PUBLIC_URL.
 */
export interface Speech {
  text: string;
  language: Language;
}

export type VoiceStep =
  | { verb: "say"; speech: Speech }
  /** Speaks while listening for one key; with no key the next step runs. */
  | { verb: "gather"; action: string; timeoutSeconds: number; speech: Speech[] }
  /** Holds the caller in a per-call queue; waitUrl is the hold loop, action runs on leaving. */
  | { verb: "enqueue"; queue: string; waitUrl: string; action: string }
  /** Several numbers ring at once; the first to answer is connected. */
  | { verb: "dial_number"; numbers: string[]; callerId?: string; action?: string; timeoutSeconds?: number }
  | { verb: "dial_queue"; queue: string; action?: string }
  | { verb: "record"; action: string; transcribeCallback: string; maxLengthSeconds: number }
  | { verb: "pause"; seconds: number }
  | { verb: "redirect"; url: string }
  | { verb: "leave" }
  | { verb: "hangup" };

/** The steps as lines a person can read (the simulator, test failure messages). */
export function describeSteps(steps: readonly VoiceStep[]): string[] {
  return steps.map((s) => {
    switch (s.verb) {
      case "say":
        return `say(${s.speech.language}): ${s.speech.text}`;
      case "gather":
        return `gather 1 key (${s.timeoutSeconds}s) → ${s.action}: ${s.speech.map((p) => `[${p.language}] ${p.text}`).join(" ")}`;
      case "enqueue":
        return `enqueue ${s.queue} (hold loop ${s.waitUrl}, then ${s.action})`;
      case "dial_number":
        return `dial ${s.numbers.join(", ")}${s.callerId ? ` from ${s.callerId}` : ""}`;
      case "dial_queue":
        return `dial queue ${s.queue} (bridge to the caller)`;
      case "record":
        return `record up to ${s.maxLengthSeconds}s → ${s.action} (transcript → ${s.transcribeCallback})`;
      case "pause":
        return `pause ${s.seconds}s`;
      case "redirect":
        return `redirect → ${s.url}`;
      case "leave":
        return "leave the queue";
      case "hangup":
        return "hang up";
    }
  });
}
