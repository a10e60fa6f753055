import { screenForCrisis, type CrisisScreen } from "../domain/crisis";
import type { InboundMessage, Participant } from "../domain/model";
import { describeError } from "../log";
import { inTransaction, storeFor } from "../store";
import type { NewInboundByPhone } from "../store/inbound";
import type { Deps } from "./deps";
import { dispatchEffects, enqueueInbound, noEffects } from "./effects";
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

/** Stores routine (non-imminent) texts; the webhook shares one batching writer across requests. */
export interface InboundWriter {
  store(m: NewInboundByPhone): Promise<{ message: InboundMessage; isNew: boolean }>;
}

/**
 * The webhook's whole job, kept short so Twilio gets its answer fast:
 * 1. screen the text for crisis — before STOP/HELP/YES or any flow ever sees it;
 * 2. store it once per MessageSid (with, for an imminent crisis, its hotline case);
 * 3. queue the rest of its processing.
 * An imminent crisis gets its safety reply in this same response, whatever else fails.
 * Routine texts go through `writer` (by default one insert and one enqueue per text).
 */
export async function acceptInbound(text: InboundText, deps: Deps, writer: InboundWriter = directWriter(deps)): Promise<Accepted> {
  const store = storeFor(deps.db);
  let screen: CrisisScreen | null = screenForCrisis(text.body);
  // Volunteers' own texts (ACCEPT, DONE, case notes) are hotline work, not a crisis of
  // theirs. Only a flagged text can be affected by that, so only then is the lookup paid.
  if (screen.level !== "none" && (await store.responders.byPhone(text.from))) screen = null;
  if (screen?.level === "imminent") return acceptCrisis(text, await store.participants.byPhone(text.from), screen, deps);

  const concern = screen?.level === "concern" ? screen : null;
  const { message, isNew } = await writer.store({
    messageSid: text.messageSid,
    fromPhone: text.from,
    toPhone: text.to,
    body: text.body,
    crisisLevel: concern ? "concern" : null,
    crisisCategories: concern ? concern.categories : null,
  });
  return { message, isNew, immediateReply: null };
}

function directWriter(deps: Pick<Deps, "db" | "queues" | "log">): InboundWriter {
  return {
    async store(m) {
      const [stored] = await storeFor(deps.db).inbound.insertManyOnce([m]);
      await queueProcessing(stored!.message, deps);
      return stored!;
    },
  };
}

/**
 * Group commit for the webhook: texts that arrive while earlier writes are in flight are
 * stored with one multi-row insert and handed to BullMQ with one addBulk. Each caller's
 * promise resolves once its own row is committed — so every 200 still means "stored" —
 * and that batch's addBulk is already on its way to Redis by then. Waiting for Redis too
 * would add a second round trip to every answer for no safety: the row is the record (the
 * outbox pattern), the job id is its business key, and the sweeper re-queues any stored
 * text whose job never arrived, as it already did when an enqueue failed. Enqueues still
 * in flight are bounded; past the bound, answers wait for Redis (backpressure, not an
 * unbounded backlog in memory). Nothing waits on a timer: a lone text is written at once;
 * batches only form under load, when they save the most.
 */
export function createInboundBatcher(
  deps: Pick<Deps, "db" | "queues" | "log">,
  opts: { maxInFlight?: number; maxBatch?: number; maxEnqueuesInFlight?: number } = {},
): InboundWriter {
  const maxInFlight = opts.maxInFlight ?? 2;
  const maxBatch = opts.maxBatch ?? 500;
  const maxEnqueues = opts.maxEnqueuesInFlight ?? 4;
  type Waiter = { m: NewInboundByPhone; resolve(r: { message: InboundMessage; isNew: boolean }): void; reject(e: unknown): void };
  let pending: Waiter[] = [];
  let inFlight = 0;
  let scheduled = false;
  const enqueues = new Set<Promise<void>>();

  const schedule = () => {
    if (scheduled || inFlight >= maxInFlight || pending.length === 0) return;
    scheduled = true;
    // After this turn's I/O callbacks, so requests parsed in the same turn share a batch.
    setImmediate(() => {
      scheduled = false;
      if (inFlight >= maxInFlight || pending.length === 0) return;
      const batch = pending.slice(0, maxBatch);
      pending = pending.slice(batch.length);
      inFlight++;
      void flush(batch).finally(() => {
        inFlight--;
        schedule();
      });
      schedule();
    });
  };

  const enqueue = (ids: string[]): Promise<void> => {
    const p = enqueueInbound(deps, ids)
      .then(
        () => undefined,
        (err: unknown) => {
          deps.log.error("inbound enqueue failed; the sweeper will retry", { inboundIds: ids.join(","), error: describeError(err) });
        },
      )
      .finally(() => enqueues.delete(p));
    enqueues.add(p);
    return p;
  };

  const flush = async (batch: Waiter[]) => {
    let results: { message: InboundMessage; isNew: boolean }[];
    try {
      results = await storeFor(deps.db).inbound.insertManyOnce(batch.map((w) => w.m));
    } catch (err) {
      for (const w of batch) w.reject(err);
      return;
    }
    const ids = [...new Set(results.filter((r) => !r.message.processedAt).map((r) => r.message.id))];
    if (ids.length) {
      const queued = enqueue(ids);
      if (enqueues.size > maxEnqueues) await queued;
    }
    batch.forEach((w, i) => w.resolve(results[i]!));
  };

  return {
    store(m) {
      return new Promise((resolve, reject) => {
        pending.push({ m, resolve, reject });
        schedule();
      });
    },
  };
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
        const opened = await openOrJoinCase(tx, { via: "sms", msg: stored.message }, participant, screen, now);
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
    await enqueueInbound(deps, [message.id]);
  } catch (err) {
    deps.log.error("inbound enqueue failed; the sweeper will retry", { inboundId: message.id, error: describeError(err) });
  }
}
