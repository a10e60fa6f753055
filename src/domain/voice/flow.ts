import type { Language } from "../model";
import type { VoiceStep } from "./steps";
import { speechFor, voiceText } from "./texts";

/**
 * The TwiML step decisions of a call, one function per moment. Paths carry the call's id
 * (ours, not Twilio's) so each callback finds its call without trusting the caller.
 */

export interface CallerView {
  callId: string;
  /** "both" for an unknown caller: English, then Spanish. */
  language: Language | "both";
  program: string;
}

export const VOICEMAIL_MAX_SECONDS = 180;

export function queueName(callId: string): string {
  return `call-${callId}`;
}

const q = (callId: string, extra = "") => `?call=${callId}${extra}`;

/** One language for the prompts that follow a choice (the greeting was bilingual). */
function single(language: Language | "both"): Language {
  return language === "both" ? "en" : language;
}

/**
 * The first thing a caller hears: 911 for immediate danger, 9 for 988 and (when the
 * program offers it, in the peer's working hours) 2 for the peer's voicemail, then straight
 * into the hunt with no menu to get through. With nobody to ring: the 988 offer and voicemail.
 */
export function greetingSteps(v: CallerView, opts: { offerPeerVoicemail: boolean; anyoneToRing: boolean }): VoiceStep[] {
  if (!opts.anyoneToRing) return missedSteps(v);
  const vars = { program: v.program };
  const speech = [
    ...speechFor("greeting", v.language, vars),
    ...(opts.offerPeerVoicemail ? speechFor("peerOption", v.language) : []),
  ];
  return [{ verb: "gather", action: `/twilio/voice/key${q(v.callId, "&stage=greeting")}`, timeoutSeconds: 1, speech }, ...enqueueSteps(v)];
}

export function enqueueSteps(v: Pick<CallerView, "callId">): VoiceStep[] {
  return [
    {
      verb: "enqueue",
      queue: queueName(v.callId),
      waitUrl: `/twilio/voice/wait${q(v.callId)}`,
      action: `/twilio/voice/queue-exit${q(v.callId)}`,
    },
  ];
}

/** The hold loop Twilio fetches again each time it ends; `leave` sends the caller on. */
export function holdSteps(v: CallerView, leave: boolean): VoiceStep[] {
  if (leave) return [{ verb: "leave" }];
  return [...speechFor("hold", v.language).map((speech) => ({ verb: "say" as const, speech })), { verb: "pause", seconds: 6 }];
}

/** Nobody answered (or nobody to ring): 911 named, 988 one key away, else voicemail. */
export function missedSteps(v: CallerView): VoiceStep[] {
  return [
    { verb: "gather", action: `/twilio/voice/key${q(v.callId, "&stage=missed")}`, timeoutSeconds: 3, speech: speechFor("missed", v.language) },
    ...recordSteps(v, "hotline"),
  ];
}

export function recordSteps(v: CallerView, forWhom: "hotline" | "peer"): VoiceStep[] {
  const lang = single(v.language);
  const intro: VoiceStep[] = forWhom === "peer" ? [{ verb: "say", speech: voiceText("peerVoicemail", lang) }] : [];
  return [
    ...intro,
    {
      verb: "record",
      action: `/twilio/voice/recorded${q(v.callId, `&for=${forWhom}`)}`,
      transcribeCallback: `/twilio/voice/transcription${q(v.callId, `&for=${forWhom}`)}`,
      maxLengthSeconds: VOICEMAIL_MAX_SECONDS,
    },
    // Record ends the call's TwiML through its action; this runs only if Twilio skipped it.
    { verb: "say", speech: voiceText(forWhom === "peer" ? "peerThanks" : "thanks", lang) },
    { verb: "hangup" },
  ];
}

export function thanksSteps(v: CallerView, forWhom: "hotline" | "peer"): VoiceStep[] {
  return [{ verb: "say", speech: voiceText(forWhom === "peer" ? "peerThanks" : "thanks", single(v.language)) }, { verb: "hangup" }];
}

export type CallerKeyOutcome = "dial_988" | "peer_voicemail" | "back_to_hunt" | "voicemail";

/** A caller's key during the greeting or the missed-call prompt. */
export function readCallerKey(digits: string | undefined, stage: "greeting" | "missed", offerPeerVoicemail: boolean): CallerKeyOutcome {
  const d = (digits ?? "").slice(0, 1);
  if (d === "9") return "dial_988";
  if (stage === "greeting") return d === "2" && offerPeerVoicemail ? "peer_voicemail" : "back_to_hunt";
  return "voicemail";
}

export function callerKeySteps(v: CallerView, outcome: CallerKeyOutcome, number988: string): VoiceStep[] {
  const lang = single(v.language);
  switch (outcome) {
    case "dial_988":
      return [{ verb: "say", speech: voiceText("connecting988", lang) }, { verb: "dial_number", numbers: [number988] }];
    case "peer_voicemail":
      return recordSteps(v, "peer");
    case "back_to_hunt":
      return enqueueSteps(v);
    case "voicemail":
      return recordSteps(v, "hotline");
  }
}

/** What the volunteer hears on answering a leg: the whisper, listening for 1. */
export function whisperSteps(callId: string, legId: string, language: Language, program: string, attempt = 0): VoiceStep[] {
  return [
    {
      verb: "gather",
      action: `/twilio/voice/whisper-key${q(callId, `&leg=${legId}&attempt=${attempt}`)}`,
      timeoutSeconds: 6,
      speech: [voiceText("whisper", language, { program })],
    },
    { verb: "say", speech: voiceText("whisperNoKey", language) },
    { verb: "hangup" },
  ];
}

/** After the volunteer's key: bridged, told someone else took it, or told the caller is gone. */
export function takeSteps(
  callId: string,
  legId: string,
  language: Language,
  outcome: "won" | "lost" | "gone",
  callerEnqueued: boolean,
): VoiceStep[] {
  if (outcome === "lost") return [{ verb: "say", speech: voiceText("whisperLost", language) }, { verb: "hangup" }];
  if (outcome === "gone") return [{ verb: "say", speech: voiceText("whisperGone", language) }, { verb: "hangup" }];
  if (!callerEnqueued) {
    // Pressed 1 while the caller still hears the greeting: wait for them to reach the queue.
    return [
      { verb: "say", speech: voiceText("whisperStillGreeting", language) },
      { verb: "pause", seconds: 2 },
      { verb: "redirect", url: `/twilio/voice/bridge${q(callId, `&leg=${legId}`)}` },
    ];
  }
  return [
    { verb: "say", speech: voiceText("whisperConnecting", language) },
    { verb: "dial_queue", queue: queueName(callId), action: `/twilio/voice/dial-done${q(callId, `&leg=${legId}`)}` },
  ];
}

/** A volunteer's call-back (CALL <id>): once they answer, Twilio dials the parent from the program number. */
export function callbackSteps(callId: string, parentPhone: string, programNumber: string, caseShortId: string, language: Language): VoiceStep[] {
  return [
    { verb: "say", speech: voiceText("callbackIntro", language, { caseId: caseShortId }) },
    { verb: "dial_number", numbers: [parentPhone], callerId: programNumber, action: `/twilio/voice/dial-done${q(callId)}`, timeoutSeconds: 30 },
  ];
}

export const HANGUP: VoiceStep[] = [{ verb: "hangup" }];

/**
 * The store is unreachable: no hunt, no voicemail can be kept. The caller still hears 911
 * and 988, every volunteer this process last knew to be on shift rings at once (the first
 * to pick up is connected, without a whisper), and with no answer the call goes to 988.
 */
export function outageSteps(v: CallerView, volunteerPhones: string[], programNumber: string, number988: string, ringSeconds: number): VoiceStep[] {
  const lang = single(v.language);
  const greeting: VoiceStep[] = speechFor("outageGreeting", v.language, { program: v.program }).map((speech) => ({ verb: "say" as const, speech }));
  const ring: VoiceStep[] = volunteerPhones.length
    ? [{ verb: "dial_number", numbers: volunteerPhones.slice(0, 10), callerId: programNumber, timeoutSeconds: ringSeconds }]
    : [];
  return [...greeting, ...ring, { verb: "say", speech: voiceText("connecting988", lang) }, { verb: "dial_number", numbers: [number988] }];
}
