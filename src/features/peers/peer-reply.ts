import { z } from "zod";
import type { Deps } from "../../ports/deps";
import { enqueueSms } from "../../jobs/effects";
import { textVars } from "../texts";

/** What a peer may send in one reply: SMS-sized, never empty. */
export const peerReplyText = z
  .string()
  .trim()
  .min(1, "write a message")
  .max(1000, "keep it under 1000 characters");

export type PeerReplyOutcome = "queued" | "duplicate" | "opted_out" | "not_opted_in" | "not_your_parent";

/**
 * A peer's reply from Slack (modal or thread) as an SMS from the program number. The
 * idempotency key comes from Slack's own ids (view id, message ts), so a Slack retry or a
 * double submit finds the first text instead of sending a second. The peer's phone
 * number is never involved.
 */
export async function sendPeerReply(
  input: { peerId: string; participantId: string; text: string; sourceKey: string },
  deps: Pick<Deps, "db" | "store" | "transaction" | "queues" | "log" | "config">,
): Promise<PeerReplyOutcome> {
  const text = peerReplyText.parse(input.text);
  const result = await deps.transaction(async (store) => {
    const [participant, peer] = await Promise.all([store.participants.get(input.participantId), store.peers.get(input.peerId)]);
    if (!participant || !peer || participant.peerId !== peer.id) return { outcome: "not_your_parent" as const };
    // Checked here as well as at send time so the peer hears why nothing went out.
    if (participant.consent === "opted_out" || (await store.optOuts.has(participant.phone))) return { outcome: "opted_out" as const };
    if (participant.consent !== "opted_in") return { outcome: "not_opted_in" as const };
    const { message, isNew } = await store.outbound.createOnce({
      idempotencyKey: `peer-reply|${input.sourceKey}`,
      toPhone: participant.phone,
      body: `${textVars(deps, participant, peer).peerName}: ${text}`,
      kind: "peer_reply",
      priority: "reply",
      participantId: participant.id,
      notAfter: null,
    });
    return { outcome: isNew ? ("queued" as const) : ("duplicate" as const), message };
  });
  if (result.outcome === "queued") await enqueueSms(deps, [result.message]);
  deps.log.info("peer reply", { peerId: input.peerId, participantId: input.participantId, outcome: result.outcome });
  return result.outcome;
}
