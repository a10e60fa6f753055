import type { CrisisCategory, CrisisScreen } from "../../domain/crisis";
import type { HotlineCase } from "../../domain/hotline/model";
import type { Deps } from "../../ports/deps";
import { dispatchEffects, noEffects } from "../../jobs/effects";
import { openOrJoinCase } from "../hotline/hotline";

export type HandoffOutcome =
  | { outcome: "opened"; hotlineCase: HotlineCase }
  | { outcome: "joined"; hotlineCase: HotlineCase }
  | { outcome: "not_found" | "not_your_parent" };

/**
 * "Hand to hotline" from a note: the parent gets a hotline case and the volunteers on
 * shift are paged by SMS now, exactly as if the parent had texted in crisis. The
 * parent's text behind the note (when there is one) goes on the case, so the volunteer
 * who claims it reads it; a case already open for the parent is joined, not doubled.
 */
export async function handNoteToHotline(
  input: { notificationId: string; peerId: string },
  deps: Pick<Deps, "db" | "store" | "transaction" | "queues" | "clock" | "log">,
): Promise<HandoffOutcome> {
  const now = deps.clock.now();
  const result = await deps.transaction(async (store): Promise<{ r: HandoffOutcome; effects: ReturnType<typeof noEffects> }> => {
    const effects = noEffects();
    const note = await store.notifications.get(input.notificationId);
    if (!note?.participantId) return { r: { outcome: "not_found" }, effects };
    const participant = await store.participants.get(note.participantId);
    if (!participant) return { r: { outcome: "not_found" }, effects };
    if (participant.peerId !== input.peerId) return { r: { outcome: "not_your_parent" }, effects };

    const msg = note.inboundMessageId ? await store.inbound.get(note.inboundMessageId) : null;
    // Notes with no text behind them (a low score, a missed streak) open the same kind of case.
    const categories = (msg?.crisisCategories ?? []) as CrisisCategory[];
    const screen: CrisisScreen = { level: "imminent", categories, ruleIds: ["peer.handoff"] };
    const opened = await openOrJoinCase(store, { via: "peer_handoff", msg, fromPhone: participant.phone }, participant, screen, now);
    await store.cases.addEvent(opened.hotlineCase.id, "handed_over_by_peer", now, null, {
      peerId: input.peerId,
      notificationId: note.id,
    });
    if (opened.isNew) effects.escalations.push(opened.hotlineCase);
    return { r: { outcome: opened.isNew ? "opened" : "joined", hotlineCase: opened.hotlineCase }, effects };
  });
  await dispatchEffects(deps, result.effects);
  deps.log.info("note handed to hotline", {
    notificationId: input.notificationId,
    peerId: input.peerId,
    outcome: result.r.outcome,
    caseId: "hotlineCase" in result.r ? result.r.hotlineCase.id : null,
  });
  return result.r;
}
