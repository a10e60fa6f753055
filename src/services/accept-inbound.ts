import { screenForCrisis, type CrisisScreen } from "../domain/crisis";
import type { InboundMessage, Participant } from "../domain/model";
import { describeError } from "../log";
import { jobId, RETRY_TRANSIENT } from "../queues";
import { inTransaction, storeFor } from "../store";
import type { Deps } from "./deps";
import { dispatchEffects, noEffects } from "./effects";
import { notifyPeerOfCase, openOrJoinCase, safetyReply } from "./hotline";

export interface InboundText {
  messageSid: string;
  from: string;
  to: string;
  body: string;
}

export interface Accepted {
  message: InboundMessage | null;
  /** false when Twilio re-delivered a MessageSid we already stored. */
  isNew: boolean;
  /** Text for the webhook's own TwiML reply (the crisis safety message), or null. */
  immediateReply: string | null;
}

/**
 * The webhook's whole job, kept short so Twilio gets its answer fast:
 * 1. screen the text for crisis — before STOP/HELP/YES or any flow ever sees it;
 * 2. store it once per MessageSid (with, for an imminent crisis, its hotline case);
 * 3. queue the rest of its processing.
 * An imminent crisis gets its safety reply in this same response, whatever else fails.
 */
export async function acceptInbound(text: InboundText, deps: Deps): Promise<Accepted> {
  const store = storeFor(deps.db);
  // Volunteers' own texts (ACCEPT, DONE, case notes) are hotline work, not a crisis of theirs.
  const responder = await store.responders.byPhone(text.from);
  const screen: CrisisScreen | null = responder ? null : screenForCrisis(text.body);
  const participant = await store.participants.byPhone(text.from);
  if (screen?.level === "imminent") return acceptCrisis(text, participant, screen, deps);

  const { message, isNew } = await store.inbound.insertOnce({
    messageSid: text.messageSid,
    fromPhone: text.from,
    toPhone: text.to,
    body: text.body,
    participantId: participant?.id ?? null,
    crisisLevel: screen?.level === "concern" ? "concern" : null,
    crisisCategories: screen?.level === "concern" ? screen.categories : null,
  });
  await queueProcessing(message, deps);
  return { message, isNew, immediateReply: null };
}

async function acceptCrisis(text: InboundText, participant: Participant | null, screen: CrisisScreen, deps: Deps): Promise<Accepted> {
  const immediateReply = safetyReply(deps, participant);
  try {
    const now = deps.clock.now();
    const effects = noEffects();
    const { message, isNew } = await inTransaction(deps.db, async (tx) => {
      const stored = await tx.inbound.insertOnce({
        messageSid: text.messageSid,
        fromPhone: text.from,
        toPhone: text.to,
        body: text.body,
        participantId: participant?.id ?? null,
        crisisLevel: "imminent",
        crisisCategories: screen.categories,
      });
      if (stored.isNew) {
        const opened = await openOrJoinCase(tx, stored.message, participant, screen, now);
        if (opened.isNew) {
          effects.escalations.push(opened.hotlineCase);
          await notifyPeerOfCase(
            { store: tx, effects },
            opened.hotlineCase,
            "hotline_case_opened",
            `A crisis text went to the volunteer hotline (case ${opened.hotlineCase.shortId}).`,
          );
        }
      }
      return stored;
    });
    deps.log.warn("crisis text received", { inboundId: message.id, categories: screen.categories.join(",") });
    try {
      await dispatchEffects(deps, effects);
    } catch (err) {
      deps.log.error("crisis paging enqueue failed; the sweeper will restart it", { inboundId: message.id, error: describeError(err) });
    }
    await queueProcessing(message, deps);
    return { message, isNew, immediateReply };
  } catch (err) {
    // Storage failed: the parent still gets the safety reply in this response.
    deps.log.error("crisis text could not be stored", { error: describeError(err) });
    return { message: null, isNew: false, immediateReply };
  }
}

async function queueProcessing(message: InboundMessage, deps: Pick<Deps, "queues" | "log">) {
  if (message.processedAt) return;
  try {
    await deps.queues.inbound.add("process", { inboundId: message.id }, { ...RETRY_TRANSIENT, jobId: jobId.inbound(message.id) });
  } catch (err) {
    deps.log.error("inbound enqueue failed; the sweeper will retry", { inboundId: message.id, error: describeError(err) });
  }
}
