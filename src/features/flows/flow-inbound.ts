import type { InboundMessage, Participant } from "../../domain/model";
import { classifyKeyword, parsePauseCommand } from "../../domain/text/keywords";
import { handleFlowReply, stopActiveRun, type FlowTx } from "./flow-engine";
import { pauseIn } from "../pause/pause";
import { renderFor, textVars } from "../texts";

/**
 * A parent's text, after the crisis screen and before check-in replies and notes:
 * STOP cancels the active run and then opts out as always; HELP and START are left to
 * the keyword handling; PAUSE/PAUSA is handled here; then an active run waiting on an
 * ask gets the reply (YES too: for an opted-in parent it only answers a question).
 * Returns null to let the usual handling run.
 */
export async function routeToFlowsOrPause(tx: FlowTx, msg: InboundMessage, participant: Participant): Promise<string | null> {
  if (msg.crisisLevel === "imminent") return null;
  const keyword = classifyKeyword(msg.body);
  if (keyword === "stop") {
    await stopActiveRun(tx, participant, "cancel");
    return null;
  }
  if (keyword === "help" || keyword === "start" || participant.consent !== "opted_in") return null;

  const pause = parsePauseCommand(msg.body);
  if (pause?.kind === "pause") {
    return (await pauseIn(tx, participant, pause.days, null, "sms", msg.id)) ? "paused" : null;
  }
  if (pause?.kind === "pause_invalid") {
    const peer = participant.peerId ? await tx.store.peers.get(participant.peerId) : null;
    const { message, isNew } = await tx.store.outbound.createOnce({
      idempotencyKey: `pause_help|${msg.id}`,
      toPhone: participant.phone,
      body: renderFor(tx.deps.flows.program.pauseInvalid, participant.language, textVars(tx.deps, participant, peer)),
      kind: "pause_help",
      priority: "reply",
      participantId: participant.id,
      notAfter: null,
    });
    if (isNew) tx.effects.sms.push(message);
    return "pause_invalid";
  }
  return handleFlowReply(tx, msg, participant);
}
