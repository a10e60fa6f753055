import { jobId, RETRY_TRANSIENT } from "../queues";
import { storeFor } from "../store";
import type { Deps } from "./deps";
import type { InboundMessage } from "../domain/model";
import { describeError } from "../log";

export interface InboundText {
  messageSid: string;
  from: string;
  to: string;
  body: string;
}

export interface Accepted {
  message: InboundMessage;
  /** false when Twilio re-delivered a MessageSid we already stored. */
  isNew: boolean;
  /** Text for the webhook's own TwiML reply (used by the crisis path), or null. */
  immediateReply: string | null;
}

/**
 * The webhook's whole job, kept short so Twilio gets its answer fast: store the text
 * (once per MessageSid) and queue its processing. If the queue is unreachable the text
 * is still stored and the sweeper queues it, so we still acknowledge.
 */
export async function acceptInbound(text: InboundText, deps: Pick<Deps, "db" | "queues" | "log">): Promise<Accepted> {
  const store = storeFor(deps.db);
  const participant = await store.participants.byPhone(text.from);
  const { message, isNew } = await store.inbound.insertOnce({
    messageSid: text.messageSid,
    fromPhone: text.from,
    toPhone: text.to,
    body: text.body,
    participantId: participant?.id ?? null,
  });
  if (!message.processedAt) {
    try {
      await deps.queues.inbound.add("process", { inboundId: message.id }, { ...RETRY_TRANSIENT, jobId: jobId.inbound(message.id) });
    } catch (err) {
      deps.log.error("inbound enqueue failed; the sweeper will retry", { inboundId: message.id, error: describeError(err) });
    }
  }
  return { message, isNew, immediateReply: null };
}
