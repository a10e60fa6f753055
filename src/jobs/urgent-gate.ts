/**
 * Crisis work first, within one process (issue 13). With `npm start` (role all) the webhook,
 * the crisis path and every routine worker share one event loop and one store: on the
 * embedded PGlite every query and transaction waits in ONE first-come queue, so a page's
 * queries waited behind every routine transaction the workers had started (p99 in seconds
 * at 200 texts/s). The gate bounds how many routine jobs run at once in this process and
 * starts none while crisis work (the crisis webhook, an escalation step, an urgent send) is
 * in flight, and it tells the store while that is so (the embedded store's thread then
 * starts no routine transaction). Routine work is delayed, never dropped: it waits in its
 * queue, and a routine job waits at most MAX_ROUTINE_WAIT_MS for crisis work to clear, so
 * a hung crisis call cannot stall everything else.
 */

import { runWithPriority } from "../ports/work-priority";

/** Routine jobs running at once per process: enough to keep up with routine traffic, few enough that a crisis query waits behind at most this many transactions. */
export const ROUTINE_SLOTS = 3;
const MAX_ROUTINE_WAIT_MS = 1000;

export interface UrgentGate {
  /** Runs crisis work; no routine job starts while it runs (or for `holdMs` after, to cover the hop to the next step). */
  urgent<T>(work: () => Promise<T>, holdMs?: number): Promise<T>;
  /**
   * Runs routine work once its lane has a free slot and no crisis work is in flight (or
   * MAX_ROUTINE_WAIT_MS passed). Lanes (one per queue) have their own slots, so a slow
   * lane (a Slack call) does not take the slots of another.
   */
  routine<T>(lane: string, work: () => Promise<T>): Promise<T>;
  /**
   * Inside crisis work, a wait on the network (the Twilio call of a page): routine work may
   * run meanwhile. A page takes 100–300 ms at Twilio; holding routine work back for it
   * would starve routine traffic whenever crisis texts arrive a few per second.
   */
  networkWait<T>(work: () => Promise<T>): Promise<T>;
  stats(): { urgentInFlight: number; routineRunning: number; routineWaiting: number };
}

export interface UrgentGateOptions {
  slots?: number;
  maxWaitMs?: number;
  now?: () => number;
  /**
   * Told when crisis work starts being in flight (or inside its hold) and when it stops:
   * the embedded store's thread starts no routine transaction meanwhile (Db.urgentActive).
   */
  onActiveChange?: (active: boolean) => void;
}

export function createUrgentGate(opts: UrgentGateOptions = {}): UrgentGate {
  const slots = opts.slots ?? ROUTINE_SLOTS;
  const maxWait = opts.maxWaitMs ?? MAX_ROUTINE_WAIT_MS;
  // Monotonic process time: this only orders work inside the process, nothing is compared to a stored instant.
  const now = opts.now ?? (() => performance.now());
  let urgentInFlight = 0;
  let holdUntil = 0;
  const lanes = new Map<string, { running: number; waiting: { since: number; start(): void }[] }>();
  let timer: NodeJS.Timeout | null = null;
  let announced = false;

  // The one place that decides, after every change and when a hold or a wait runs out:
  // whether crisis work is in flight or held for (onActiveChange hears each change), and
  // which waiting routine jobs may start.
  const pump = () => {
    if (timer) {
      clearTimeout(timer);
      timer = null;
    }
    const t = now();
    const held = urgentInFlight > 0 || t < holdUntil;
    if (opts.onActiveChange && held !== announced) {
      announced = held;
      opts.onActiveChange(held);
    }
    // Held by a hold alone: look again when it ends, to tell the store. Urgent work ending pumps by itself.
    let wakeAt = opts.onActiveChange && held && urgentInFlight === 0 ? holdUntil : Infinity;
    for (const lane of lanes.values()) {
      while (lane.waiting.length && lane.running < slots) {
        const head = lane.waiting[0]!;
        if (held && t - head.since < maxWait) {
          wakeAt = Math.min(wakeAt, urgentInFlight > 0 ? Infinity : holdUntil, head.since + maxWait);
          break;
        }
        lane.waiting.shift();
        lane.running++;
        head.start();
      }
    }
    if (wakeAt !== Infinity) {
      timer = setTimeout(pump, Math.max(1, Math.ceil(wakeAt - now())));
      timer.unref?.();
    }
  };

  return {
    async urgent(work, holdMs = 0) {
      urgentInFlight++;
      pump();
      try {
        return await runWithPriority("urgent", work);
      } finally {
        urgentInFlight--;
        if (holdMs > 0) holdUntil = Math.max(holdUntil, now() + holdMs);
        pump();
      }
    },
    async networkWait(work) {
      urgentInFlight--;
      pump();
      try {
        return await work();
      } finally {
        urgentInFlight++;
        pump();
      }
    },
    async routine(name, work) {
      let lane = lanes.get(name);
      if (!lane) lanes.set(name, (lane = { running: 0, waiting: [] }));
      const l = lane;
      await new Promise<void>((start) => {
        l.waiting.push({ since: now(), start });
        pump();
      });
      try {
        return await runWithPriority("background", work);
      } finally {
        l.running--;
        pump();
      }
    },
    stats: () => {
      let routineRunning = 0;
      let routineWaiting = 0;
      for (const l of lanes.values()) {
        routineRunning += l.running;
        routineWaiting += l.waiting.length;
      }
      return { urgentInFlight, routineRunning, routineWaiting };
    },
  };
}

const gates = new WeakMap<object, UrgentGate>();

/**
 * The gate of one running service (keyed by its deps: tests build several in one process).
 * It tells the service's store while crisis work is in flight (the embedded store's thread
 * then starts no routine transaction; Postgres has no such hook).
 */
export function urgentGateFor(deps: { db: { urgentActive?(active: boolean): void } }): UrgentGate {
  let g = gates.get(deps);
  if (!g) gates.set(deps, (g = createUrgentGate({ onActiveChange: deps.db.urgentActive?.bind(deps.db) })));
  return g;
}
