import { screenForCrisis, type CrisisScreen } from "../../domain/crisis";
import type { InboundMessage, Participant } from "../../domain/model";
import { describeError } from "../../ports/log";
import { newShortId } from "../../domain/hotline/commands";
import { orFallback, withDeadline } from "./journal/deadline";
import { pageFromStore } from "./journal/direct-page";
import { keepInJournal, resumeReplayIfPending } from "./journal/replay";
import { responderCacheFor } from "./journal/responder-cache";
import { storeCrisisText, type StoredCrisis } from "./journal/store-crisis";
import type { NewInboundByPhone } from "../../adapters/postgres/inbound";
import type { Deps } from "../../ports/deps";
import { dispatchEffects, enqueueInbound, enqueueInboundBatch } from "../../jobs/effects";
import { urgentGateFor } from "../../jobs/urgent-gate";
import { crisisSafetyReply } from "../hotline/hotline";
import { askBack, thirdPartyReply, webhookFollowUp } from "./ask-back";
import { ASK_BACK_UNRECORDED_TEXT } from "../../domain/crisis/ask-back";

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
export function acceptInbound(text: InboundText, deps: Deps, writer: InboundWriter = directWriter(deps)): Promise<Accepted> {
  const screen = screenForCrisis(text.body);
  // A text that screens imminent is crisis work from here: its lookups too, not only its
  // transaction, run before any routine job this process would start meanwhile.
  return screen.level === "imminent" ? urgentGateFor(deps).urgent(() => acceptScreened(text, screen, deps, writer)) : acceptScreened(text, screen, deps, writer);
}

async function acceptScreened(text: InboundText, firstScreen: CrisisScreen, deps: Deps, writer: InboundWriter): Promise<Accepted> {
  const store = deps.store;
  const budget = deadlines(deps);
  const responders = responderCacheFor(deps);
  responders.refreshIfStale();
  resumeReplayIfPending(deps);
  let screen: CrisisScreen | null = firstScreen;
  // An answer to an open crisis question is a crisis; a bare AYUDA from an enrolled parent
  // is their HELP (answered by the worker, with the safety line and a volunteer check).
  // Bounded like every lookup here: a hung Postgres must not hold the answer (null = screen as usual).
  const followUp = (await orFallback(webhookFollowUp(text, screen, deps), 2 * budget.lookup, "crisis follow-up", null)).value;
  if (followUp?.kind === "crisis") return acceptCrisis(text, followUp.participant, followUp.screen, deps);
  if (followUp?.kind === "routine") screen = null;
  if (screen && screen.level !== "none") {
    // Both lookups at once, each bounded: with Postgres down or slow the safety reply
    // must still leave within a second (unknown sender → the bilingual safety text).
    const participant =
      screen.level === "imminent" ? orFallback(store.participants.byPhone(text.from), budget.lookup, "participant lookup", null) : null;
    // Volunteers' own texts (ACCEPT, DONE, case notes) are hotline work, not a crisis of
    // theirs. Only a flagged text can be affected by that, so only then is the lookup paid.
    const responder = await orFallback(store.responders.byPhone(text.from), budget.lookup, "responder lookup", undefined);
    const isResponder = responder.live ? !!responder.value : !!responders.responders?.some((r) => r.phone === text.from);
    if (isResponder) screen = null;
    if (screen?.level === "imminent") {
      const who = (await participant!).value;
      const accepted = await acceptCrisis(text, who, screen, deps);
      return { ...accepted, immediateReply: thirdPartyReply(screen, who) ?? accepted.immediateReply };
    }
  }

  // A possible crisis is stored as such and asked about (services/ask-back.ts); a concern
  // reaches the peer from the worker.
  const concern = screen?.level === "concern" || screen?.level === "possible" ? screen : null;
  const row = {
    messageSid: text.messageSid,
    fromPhone: text.from,
    toPhone: text.to,
    body: text.body,
    crisisLevel: concern ? (concern.level as "possible" | "concern") : null,
    crisisCategories: concern ? concern.categories : null,
  };
  let question: string | null = null;
  try {
    // The question is recorded before the text is stored, because storing queues the text's
    // processing, and a worker that finds no question for a possible text tells the peer
    // at once (process-inbound.ts): recorded after, a fast worker doubled the concern.
    if (screen?.level === "possible") {
      const who = await orFallback(store.participants.byPhone(text.from), budget.lookup, "participant lookup", null);
      question = await askBack(text, who.value, deps);
    }
    const { message, isNew } = await withDeadline(writer.store(row), budget.routineStore, "inbound insert");
    return { message, isNew, immediateReply: question };
  } catch (err) {
    // Postgres down or too slow: keep the text on local disk and answer; the journal
    // replays it (idempotent on MessageSid) once Postgres is back.
    deps.log.error("inbound text could not be stored; journaled", { error: describeError(err) });
    await keepInJournal(deps, journalRecord(text, concern ? { level: concern.level as "possible" | "concern", categories: concern.categories } : null, null, deps));
    if (screen?.level === "possible") return { message: null, isNew: false, immediateReply: question ?? ASK_BACK_UNRECORDED_TEXT.both };
    return { message: null, isNew: false, immediateReply: null };
  }
}

/**
 * Time limits on the webhook path, from CRISIS_LOOKUP_TIMEOUT_MS (t): lookups t (run
 * together), the crisis transaction 2t, handing the case to the queue t/2 — 875 ms at the
 * default, under the one second a parent in crisis waits for the safety reply.
 */
function deadlines(deps: Pick<Deps, "config">) {
  const t = deps.config.CRISIS_LOOKUP_TIMEOUT_MS;
  return { lookup: t, crisisStore: 2 * t, enqueue: Math.max(1, Math.floor(t / 2)), routineStore: Math.max(5000, 4 * t) };
}

function journalRecord(
  text: InboundText,
  crisis: { level: "imminent" | "possible" | "concern"; categories: string[] } | null,
  shortId: string | null,
  deps: Pick<Deps, "clock">,
) {
  return {
    v: 1 as const,
    kind: "inbound" as const,
    messageSid: text.messageSid,
    from: text.from,
    to: text.to,
    body: text.body,
    crisis,
    shortId,
    receivedAt: deps.clock.now().toISOString(),
  };
}

function directWriter(deps: Pick<Deps, "store" | "queues" | "log">): InboundWriter {
  return {
    async store(m) {
      const [stored] = await deps.store.inbound.insertManyOnce([m]);
      await queueProcessing(stored!.message, deps);
      return stored!;
    },
  };
}

/**
 * Group commit for the webhook: texts that arrive while earlier writes are in flight are
 * stored with one multi-row insert and handed to the workers as ONE job for the batch
 * (`processInboundBatch`), not one BullMQ job per text: that per-text job was most of the
 * webhook's cost (issue 13). Each caller's promise resolves once its own row is committed
 * — so every 200 still means "stored" — and the batch's job is already on its way to Redis
 * by then. Waiting for Redis too would add a second round trip to every answer for no
 * safety: the row is the record (the outbox pattern), each row is processed in its own
 * transaction that marks it, and the sweeper re-queues any stored text left unprocessed,
 * as it already did when an enqueue failed. Enqueues still in flight are bounded; past the
 * bound, answers wait for Redis (backpressure, not an unbounded backlog in memory).
 * Nothing waits on a timer: a lone text is written at once; batches only form under load,
 * when they save the most.
 */
export function createInboundBatcher(
  deps: Pick<Deps, "store" | "queues" | "log">,
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
    const p = enqueueInboundBatch(deps, ids)
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
      results = await deps.store.inbound.insertManyOnce(batch.map((w) => w.m));
    } catch (err) {
      for (const w of batch) w.reject(err);
      return;
    }
    // Only rows new in this batch: a re-delivered text that is still unprocessed is already
    // in the batch job that stored it (or, if that add failed, the sweeper's).
    const ids = results.filter((r) => r.isNew).map((r) => r.message.id);
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

/**
 * How long after the crisis webhook routine work stays held for the hop to the escalation
 * job (through Redis; it started within ~170 ms p99 at 200 texts/s, BENCHMARKS.md). The
 * step itself is crisis work in flight, so the hold only has to bridge the hop.
 */
const CRISIS_HOP_HOLD_MS = 200;

/**
 * Crisis work: while it runs (and for the hop to the escalation job) routine jobs of this
 * process do not start and the embedded store starts no routine transaction, so the case's
 * transaction and its first page never queue behind routine work (src/jobs/urgent-gate.ts).
 */
function acceptCrisis(text: InboundText, participant: Participant | null, screen: CrisisScreen, deps: Deps): Promise<Accepted> {
  return urgentGateFor(deps).urgent(() => storeAndPage(text, participant, screen, deps), CRISIS_HOP_HOLD_MS);
}

async function storeAndPage(text: InboundText, participant: Participant | null, screen: CrisisScreen, deps: Deps): Promise<Accepted> {
  // Looked up while the text is stored: a volunteer is promised only if one is on shift.
  const reply = crisisSafetyReply(deps, participant);
  const budget = deadlines(deps);
  let stored: StoredCrisis;
  try {
    stored = await withDeadline(storeCrisisText(deps.db, text, participant, screen, deps.clock.now()), budget.crisisStore, "crisis insert");
  } catch (err) {
    // Postgres down or too slow: the parent still gets the safety reply in this response;
    // the text goes to the local journal (on disk before we answer), volunteers are paged
    // from the last responder list we read, and the case opens when Postgres is back.
    deps.log.error("crisis text could not be stored; journaled and paging directly", { error: describeError(err) });
    try {
      await keepInJournal(deps, journalRecord(text, { level: "imminent", categories: screen.categories }, newShortId(), deps));
    } catch (journalErr) {
      deps.log.error("crisis text could not be journaled either", { error: describeError(journalErr) });
    }
    return { message: null, isNew: false, immediateReply: await reply };
  }
  const { message, isNew, effects } = stored;
  deps.log.warn("crisis text received", { inboundId: message.id, categories: screen.categories.join(",") });
  try {
    await withDeadline(dispatchEffects(deps, effects), budget.enqueue, "crisis paging enqueue");
  } catch (err) {
    // Redis down or slow: page now through the SMS port. The rows carry the chain's own
    // idempotency keys, so when the sweeper restarts the chain nothing is sent twice.
    deps.log.error("crisis paging enqueue failed; paging directly, the sweeper will restart the chain", {
      inboundId: message.id,
      error: describeError(err),
    });
    for (const c of effects.escalations) {
      const full = stored.hotlineCase && stored.hotlineCase.id === c.id ? stored.hotlineCase : null;
      if (full) trackDirectPage(pageFromStore(deps, full), deps);
    }
  }
  // Not awaited: the row is the record, and the sweeper queues it if this add fails.
  void queueProcessing(message, deps);
  return { message, isNew, immediateReply: await reply };
}

const directPages = new Set<Promise<unknown>>();

function trackDirectPage(p: Promise<unknown>, deps: Pick<Deps, "log">) {
  const tracked = p
    .catch((err: unknown) => deps.log.error("direct paging failed; the sweeper will restart the chain", { error: describeError(err) }))
    .finally(() => directPages.delete(tracked));
  directPages.add(tracked);
}

/** Waits for pages sent around a failed queue (tests, shutdown). */
export async function settleStorePages(): Promise<void> {
  while (directPages.size) await Promise.all([...directPages]);
}

async function queueProcessing(message: InboundMessage, deps: Pick<Deps, "queues" | "log">) {
  if (message.processedAt) return;
  try {
    await enqueueInbound(deps, [message.id]);
  } catch (err) {
    deps.log.error("inbound enqueue failed; the sweeper will retry", { inboundId: message.id, error: describeError(err) });
  }
}
