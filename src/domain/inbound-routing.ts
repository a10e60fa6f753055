import type { Consent } from "./model";
import type { Keyword } from "./text/keywords";
import type { ParsedReply } from "./text/checkin-reply";

/**
 * What to do with a parent's text once the crisis screen has let it through. Pure, so
 * every rule ordering question ("is STOP honoured mid check-in?") is a unit test.
 * Order: carrier keywords first (STOP/START/HELP), then enrolment, then check-ins, then notes.
 */
export type InboundAction =
  | { type: "opt_out" }
  | { type: "opt_in_again" }
  | { type: "already_opted_in" }
  | { type: "help" }
  | { type: "confirm_enrolment" }
  | { type: "remind_pending" }
  | { type: "checkin_answer"; score: number }
  /** Text that is not a score while a check-in is open: it answers the check-in and goes to the peer. */
  | { type: "checkin_note" }
  | { type: "note_for_peer" }
  /** An opted-out parent wrote: the peer sees it, we never text back. */
  | { type: "note_no_reply" };

export function decideInboundAction(input: {
  consent: Consent;
  keyword: Keyword | null;
  hasOpenCheckin: boolean;
  reply: ParsedReply;
}): InboundAction {
  const { consent, keyword } = input;
  if (keyword === "stop") return { type: "opt_out" };
  if (keyword === "help") return { type: "help" };
  if (keyword === "start") {
    if (consent === "opted_out") return { type: "opt_in_again" };
    if (consent === "pending") return { type: "confirm_enrolment" };
    return { type: "already_opted_in" };
  }
  if (consent === "opted_out") return { type: "note_no_reply" };
  if (consent === "pending") return keyword === "yes" ? { type: "confirm_enrolment" } : { type: "remind_pending" };
  if (input.hasOpenCheckin) {
    return input.reply.kind === "score" ? { type: "checkin_answer", score: input.reply.score } : { type: "checkin_note" };
  }
  return { type: "note_for_peer" };
}

/** Keyword replies for numbers we do not know: STOP is honoured silently, everything else gets one generic line. */
export function decideUnknownSenderAction(keyword: Keyword | null): "record_opt_out" | "generic_reply" {
  return keyword === "stop" ? "record_opt_out" : "generic_reply";
}
