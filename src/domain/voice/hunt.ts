import { whomToPage, type PageReason } from "../hotline/escalation";
import type { Responder } from "../hotline/model";

/**
 * The volunteer hunt for one call, as pure rules: who is rung in which wave, when a wave
 * is over, and who wins the call. Wave 0 rings the same people an SMS page would at step 0
 * (on-shift primaries, else backups; the supervisor tier when no volunteer is on shift);
 * wave 1 rings the rest of the escalation chain (everyone else on shift and the on-call
 * supervisors). There is no wave 2: after it the caller is offered 988 and voicemail, and
 * the case's SMS paging chain takes over.
 */

export const LAST_WAVE = 1;

export type LegStatus =
  | "requested"
  | "answered"
  | "bridged"
  | "declined"
  | "no_answer"
  | "busy"
  | "failed"
  | "canceled"
  | "completed";

/** A leg in one of these can no longer be won: the wave waits only for the others. */
const OVER: ReadonlySet<LegStatus> = new Set(["declined", "no_answer", "busy", "failed", "canceled", "completed"]);

export function isLegOver(status: LegStatus): boolean {
  return OVER.has(status);
}

/** Twilio's final CallStatus of an outbound leg, as our leg status (null: not final). */
export function legStatusFromTwilio(callStatus: string): LegStatus | null {
  switch (callStatus) {
    case "no-answer":
      return "no_answer";
    case "busy":
      return "busy";
    case "failed":
      return "failed";
    case "canceled":
      return "canceled";
    case "completed":
      return "completed";
    default:
      return null;
  }
}

export interface WavePlan {
  responders: Responder[];
  reason: PageReason | "holder_first" | "rest_of_chain";
}

/**
 * Who to ring in `wave`. `alreadyRung` are the responders of earlier waves (not rung twice
 * for one call); `holderId` is whoever holds the parent's open case: they know the parent,
 * so they are rung in the first wave whatever their tier, if active.
 */
export function planWave(
  wave: number,
  responders: Responder[],
  now: Date,
  opts: { childSafety: boolean; skip?: readonly string[]; alreadyRung?: readonly string[]; holderId?: string | null },
): WavePlan {
  if (wave > LAST_WAVE) return { responders: [], reason: "no_responders_configured" };
  const rung = new Set(opts.alreadyRung ?? []);
  const paged = whomToPage(wave, responders, now, { childSafety: opts.childSafety, skip: opts.skip });
  let picked = paged.responders.filter((r) => !rung.has(r.id));
  if (wave === 0 && opts.holderId) {
    const holder = responders.find((r) => r.id === opts.holderId && r.active);
    if (holder && !picked.some((r) => r.id === holder.id)) picked = [holder, ...picked];
  }
  return { responders: picked, reason: wave === 0 ? paged.reason : "rest_of_chain" };
}

/**
 * Whether the current wave is over: every leg has ended without a winner, or it has rung
 * for `ringSeconds` plus a grace (a lost status callback must not hold a caller forever).
 * A wave with no legs at all is over at once.
 */
export function isWaveOver(
  legs: readonly { status: LegStatus }[],
  waveStartedAt: Date | null,
  now: Date,
  ringSeconds: number,
  graceSeconds = 10,
): boolean {
  if (legs.some((l) => l.status === "bridged")) return false;
  if (legs.every((l) => isLegOver(l.status))) return true;
  if (!waveStartedAt) return true;
  return now.getTime() - waveStartedAt.getTime() >= (ringSeconds + graceSeconds) * 1000;
}

export type CallStatus = "greeting" | "hunting" | "bridged" | "missed" | "to_988" | "voicemail" | "ended";

/** What a volunteer's key press on the whisper means. */
export type WhisperKey = { kind: "take" } | { kind: "other_key"; attempt: number } | { kind: "no_key" };

export function readWhisperKey(digits: string | undefined, attempt: number): WhisperKey {
  if (digits === undefined || digits === "") return { kind: "no_key" };
  return digits.startsWith("1") ? { kind: "take" } : { kind: "other_key", attempt: attempt + 1 };
}

/** After an unexpected key the whisper is played again, at most this many times in all. */
export const WHISPER_ATTEMPTS = 3;

/**
 * The outcome of pressing 1, given what the atomic claim said: the first press wins the
 * call; a later one hears that someone else took it; a caller who is gone (hung up, chose
 * 988, went to voicemail) is nobody's to take.
 */
export type TakeOutcome = "won" | "lost" | "gone";

export function takeOutcome(claimed: boolean, status: CallStatus, answeredLegId: string | null, legId: string): TakeOutcome {
  if (claimed) return "won";
  // A retried gather callback from the winner is still the winner.
  if (answeredLegId === legId) return "won";
  if (answeredLegId) return "lost";
  return status === "greeting" || status === "hunting" ? "lost" : "gone";
}

/**
 * Which legs to stop once a volunteer won: a leg still ringing is canceled, one that was
 * answered (hearing the whisper) is completed (Twilio's two ways to end a call).
 */
export function legsToStop<T extends { id: string; status: LegStatus; callSid: string | null }>(
  legs: readonly T[],
  winnerLegId: string | null,
): { leg: T; as: "canceled" | "completed" }[] {
  return legs
    .filter((l) => l.id !== winnerLegId && l.callSid && !isLegOver(l.status))
    .map((leg) => ({ leg, as: leg.status === "requested" ? ("canceled" as const) : ("completed" as const) }));
}
