import { parseFlow, type Flow } from "../domain/flows/schema";
import type { CheckinFlow, ProgramMessages } from "./catalog";

/**
 * Check-in files keep their own, simpler format: the check-in planner, due/close jobs and
 * reply parsing read them directly and are not engine runs. So that the simulator can
 * play them (and every shipped flow has transcript tests), this builds the engine flow
 * that behaves like production: the same prompt, the same score parser, the low-score
 * note and thanks, a non-score reply forwarded to the peer with the "got it" text, and
 * no text at all when the reply window closes (recorded as missed).
 */
export function checkinAsFlow(checkin: CheckinFlow, program: ProgramMessages): Flow {
  return parseFlow(
    {
      kind: "flow",
      id: checkin.id,
      description: `${checkin.trigger} check-in (played from ${checkin.id}.json)`,
      steps: [
        {
          id: "prompt",
          type: "ask",
          text: checkin.texts.prompt,
          answers: [{ builtin: "checkin-score" }],
          record: "score",
          timeout: `${checkin.replyWindowMinutes}m`,
          onTimeout: "missed",
          // Production never re-asks: a non-score reply answers the check-in as a note.
          reask: false,
          fallback: { next: "note" },
        },
        { id: "check", type: "branch", cases: [{ when: { var: "score", op: "lte", value: checkin.lowScoreAtOrBelow }, next: "low" }], else: "thanks" },
        { id: "low", type: "notify_peer", summary: "Check-in score {score}/5" },
        { id: "thanks-low", type: "send", text: checkin.texts.thanksLow, next: "done" },
        { id: "thanks", type: "send", text: checkin.texts.thanks, next: "done" },
        { id: "note", type: "send", text: program.messageForwarded, next: "done" },
        { id: "missed", type: "end", status: "timed_out" },
        { id: "done", type: "end" },
      ],
    },
    `${checkin.id}.json`,
  );
}
