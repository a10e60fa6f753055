import { describeError } from "../../ports/log";
import type { Deps } from "../../ports/deps";

// ---- work after the answer: Calls API requests run once the webhook has answered ----

const pendingByDb = new WeakMap<object, Set<Promise<unknown>>>();

/** Runs `fn` in the background, tracked per app; a failure is logged (ids only). */
export function later(deps: Pick<Deps, "db" | "store" | "transaction" | "log">, what: string, fn: () => Promise<unknown>): void {
  let pending = pendingByDb.get(deps.db);
  if (!pending) pendingByDb.set(deps.db, (pending = new Set()));
  const p: Promise<unknown> = Promise.resolve()
    .then(fn)
    .catch((err) => deps.log.error("voice: background step failed", { what, error: describeError(err) }))
    .finally(() => pending!.delete(p));
  pending.add(p);
}

/** Resolves once every background step started so far (and those they started) is done. */
export async function voiceIdle(deps: Pick<Deps, "db" | "store" | "transaction">): Promise<void> {
  const pending = pendingByDb.get(deps.db);
  while (pending && pending.size) await Promise.all([...pending]);
}
