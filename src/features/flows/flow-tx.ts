import type { OutboundMessage } from "../../domain/model";
import type { Store } from "../../adapters/postgres";
import type { Deps } from "../../ports/deps";
import { routineSmsJob, type Effects } from "../../jobs/effects";

/** What flow code works with inside one transaction: repositories, ports, the instant, the outbox. */
export interface FlowTx {
  store: Store;
  deps: Deps;
  now: Date;
  effects: Effects;
}

/** Gap between texts produced by one event, so they arrive in the order written. */
export const SEND_SPACING_MS = 2500;

/** Queues a stored text to go out `delayMs` after commit (the same job enqueueSms would add, held back). */
export function sendAfter(effects: Effects, message: OutboundMessage, delayMs: number): void {
  (effects.jobs ??= []).push(routineSmsJob(message, delayMs));
}
