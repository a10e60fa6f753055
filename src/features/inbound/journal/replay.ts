import { resolve } from "node:path";
import type { CrisisCategory } from "../../../domain/crisis/types";
import { describeError } from "../../../ports/log";
import type { Deps } from "../../../ports/deps";
import { dispatchEffects, enqueueInbound } from "../../../jobs/effects";
import { pageFromJournal } from "./direct-page";
import { openJournal, type Journal, type JournalRecord } from "./journal";
import { storeCrisisText } from "./store-crisis";

type InboundRecord = Extract<JournalRecord, { kind: "inbound" }>;
type PageRecord = Extract<JournalRecord, { kind: "page_sent" }>;

/**
 * The journal of the process that answers webhooks: what Postgres could not take is
 * appended here (fsynced before the webhook answers) and replayed into Postgres by a retry
 * loop in the same process, idempotent on MessageSid. One process owns one DATA_DIR.
 */
interface JournalState {
  journal: Promise<Journal>;
  timer: NodeJS.Timeout | null;
  replaying: Promise<ReplayResult> | null;
  /** MessageSids whose direct pages are still going out: replayed once they are recorded. */
  paging: Set<string>;
  /** Pages still in flight, so a test or a shutdown can wait for them. */
  pages: Set<Promise<unknown>>;
}

const states = new Map<string, JournalState>();

export interface ReplayResult {
  replayed: number;
  remaining: number;
}

export function journalPath(deps: Pick<Deps, "config">): string {
  return resolve(deps.config.DATA_DIR, "journal", "inbound.jsonl");
}

function stateFor(deps: Pick<Deps, "config">): JournalState {
  const path = journalPath(deps);
  let s = states.get(path);
  if (!s) {
    s = { journal: openJournal(path, deps.config.JOURNAL_MAX_BYTES), timer: null, replaying: null, paging: new Set(), pages: new Set() };
    states.set(path, s);
  }
  return s;
}

export function journalFor(deps: Pick<Deps, "config">): Promise<Journal> {
  return stateFor(deps).journal;
}

/**
 * Keeps a text Postgres could not take. For an imminent crisis it also pages (without
 * the store, in the background) naming `shortId`, the id the replayed case will carry.
 * Resolves once the text is on disk; throws only if the journal itself failed (full, disk).
 */
export async function keepInJournal(deps: Deps, record: InboundRecord): Promise<void> {
  const state = stateFor(deps);
  const journal = await state.journal;
  let notKept: unknown = null;
  await journal.append(record).catch((err: unknown) => {
    notKept = err;
  });
  // Paged even when the text could not be kept (disk full): a volunteer must still hear of it.
  if (record.crisis?.level === "imminent" && record.shortId) {
    state.paging.add(record.messageSid);
    const paging = pageFromJournal(deps, journal, {
      messageSid: record.messageSid,
      shortId: record.shortId,
      childSafety: record.crisis.categories.includes("child_danger"),
    })
      .catch((err: unknown) => deps.log.error("direct paging failed", { error: describeError(err) }))
      .finally(() => {
        state.paging.delete(record.messageSid);
        state.pages.delete(paging);
      });
    state.pages.add(paging);
  }
  if (notKept) throw notKept;
  scheduleReplay(deps);
}

const resumed = new WeakSet<object>();

/**
 * Once per app, on its first webhook: texts journaled before a restart are replayed
 * without waiting for a new outage (a web-only process runs no sweeps).
 */
export function resumeReplayIfPending(deps: Deps): void {
  if (resumed.has(deps)) return;
  resumed.add(deps);
  void stateFor(deps).journal.then(
    (j) => {
      if (j.size() > 0) scheduleReplay(deps);
    },
    () => undefined,
  );
}

/** Waits for direct pages in flight (tests, shutdown). */
export async function settleDirectPages(deps: Pick<Deps, "config">): Promise<void> {
  const state = stateFor(deps);
  while (state.pages.size) await Promise.all([...state.pages]);
}

/** Starts the retry loop if it is not running (cheap; called on every journal append and by the sweeper). */
export function scheduleReplay(deps: Deps): void {
  const state = stateFor(deps);
  if (state.timer) return;
  state.timer = setTimeout(() => {
    void replayJournal(deps).then(
      (r) => {
        state.timer = null;
        if (r.remaining > 0) scheduleReplay(deps);
      },
      () => {
        state.timer = null;
        scheduleReplay(deps);
      },
    );
  }, deps.config.JOURNAL_REPLAY_EVERY_MS);
  // A pending retry must not keep a finished process (or test) alive.
  state.timer.unref();
}

/** Stops the retry loop (shutdown and tests); what is left stays on disk for the next start. */
export function stopReplay(deps: Pick<Deps, "config">): void {
  const state = states.get(journalPath(deps));
  if (state?.timer) clearTimeout(state.timer);
  if (state) state.timer = null;
}

/** Replays everything it can, in order, stopping at the first failure (Postgres still down). */
export function replayJournal(deps: Deps): Promise<ReplayResult> {
  const state = stateFor(deps);
  state.replaying ??= replayOnce(deps, state).finally(() => {
    state.replaying = null;
  });
  return state.replaying;
}

async function replayOnce(deps: Deps, state: JournalState): Promise<ReplayResult> {
  const journal = await state.journal;
  if (journal.size() === 0) return { replayed: 0, remaining: 0 };
  const bySid = new Map<string, { text?: InboundRecord; pages: PageRecord[] }>();
  for (const r of await journal.read()) {
    const entry = bySid.get(r.messageSid) ?? { pages: [] };
    if (r.kind === "inbound") entry.text ??= r;
    else entry.pages.push(r);
    bySid.set(r.messageSid, entry);
  }
  const done = new Set<string>();
  for (const [sid, { text, pages }] of bySid) {
    if (state.paging.has(sid)) continue; // its pages are not all recorded yet
    if (!text) {
      done.add(sid); // pages of a text already replayed (a page outlived its text's replay)
      continue;
    }
    try {
      await replayText(deps, text, pages);
      done.add(sid);
    } catch (err) {
      deps.log.warn("journal replay stopped; will retry", { error: describeError(err) });
      break;
    }
  }
  await journal.remove(done);
  const replayed = [...done].filter((sid) => bySid.get(sid)?.text).length;
  if (replayed) deps.log.warn("replayed journaled texts into the store", { replayed });
  return { replayed, remaining: bySid.size - done.size };
}

async function replayText(deps: Deps, text: InboundRecord, pages: PageRecord[]): Promise<void> {
  const store = deps.store;
  const now = deps.clock.now();
  if (text.crisis?.level !== "imminent") {
    const [stored] = await store.inbound.insertManyOnce([
      {
        messageSid: text.messageSid,
        fromPhone: text.from,
        toPhone: text.to,
        body: text.body,
        crisisLevel: text.crisis ? text.crisis.level : null,
        crisisCategories: text.crisis?.categories ?? null,
      },
    ]);
    if (stored && !stored.message.processedAt) await enqueueInbound(deps, [stored.message.id]).catch(() => undefined); // the sweeper retries
    return;
  }
  const screen = { level: "imminent" as const, categories: text.crisis.categories as CrisisCategory[], ruleIds: [] };
  const stored = await storeCrisisText(deps.db, text, "look_up", screen, now, { shortId: text.shortId ?? undefined });
  const c = stored.hotlineCase;
  // Stored already: the webhook gave up on a slow transaction that committed later, so
  // nobody dispatched its chain. Starting it again is a no-op if it runs (job id).
  if (c && !stored.isNew && c.status === "open") stored.effects.escalations.push(c);
  if (c && stored.isNew) {
    await store.cases.addEvent(c.id, "replayed_from_journal", now, null, { inboundId: stored.message.id, receivedAt: text.receivedAt });
  }
  // Pages that named this case's id are recorded as step 0's pages (same keys), so the
  // chain does not send them again; pages naming another id (the text reached Postgres
  // after all, under a case opened then) are left out, and step 0 pages with the right id.
  if (c && c.shortId === text.shortId) {
    for (const p of pages) {
      const { message, isNew } = await store.outbound.createOnce({
        idempotencyKey: `page|${c.id}|${c.escalationRound}|0|${p.responderId}`,
        toPhone: p.toPhone,
        body: p.body,
        kind: "hotline_page",
        priority: "crisis",
        participantId: null,
        notAfter: null,
      });
      if (isNew) await store.outbound.transition(message.id, ["queued"], "sent", { providerSid: p.providerSid, sentAt: new Date(p.sentAt) });
    }
    if (pages.length) {
      await store.cases.addEvent(
        c.id,
        "paged",
        new Date(pages[0]!.sentAt),
        null,
        { step: 0, round: c.escalationRound, reason: "direct_while_store_down", responderIds: pages.map((p) => p.responderId), via: "journal" },
        `page|${c.id}|${c.escalationRound}|0`,
      );
    }
  }
  try {
    await dispatchEffects(deps, stored.effects);
    if (!stored.message.processedAt) await enqueueInbound(deps, [stored.message.id]);
  } catch (err) {
    // Rows are in Postgres now; the sweeper starts the chain and the processing.
    deps.log.error("replayed crisis text: enqueue failed; the sweeper will restart it", { error: describeError(err) });
  }
}
