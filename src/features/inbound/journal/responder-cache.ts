import type { Responder } from "../../../domain/hotline/model";
import type { Deps } from "../../../ports/deps";
import { withDeadline } from "./deadline";

/** How old the copy may get before a webhook refreshes it (in the background). */
const REFRESH_AFTER_MS = 30_000;

/**
 * The last active-responder list Postgres gave this process. While Postgres is down it
 * is who gets paged for a crisis text, and how a volunteer's own text is recognised.
 */
export interface ResponderCache {
  /** The last successful read, or null if there never was one. */
  readonly responders: Responder[] | null;
  /** Starts a background refresh when the copy is stale; never waits, never throws. */
  refreshIfStale(): void;
  /** Reads now (bounded by the lookup deadline); keeps the copy on success. */
  readNow(): Promise<Responder[] | null>;
}

const caches = new WeakMap<object, ResponderCache>();

/** One cache per running app (keyed by its database handle). */
export function responderCacheFor(deps: Pick<Deps, "db" | "store" | "transaction" | "clock" | "config">): ResponderCache {
  let cache = caches.get(deps.db);
  if (!cache) {
    cache = createResponderCache(deps);
    caches.set(deps.db, cache);
  }
  return cache;
}

function createResponderCache(deps: Pick<Deps, "db" | "store" | "transaction" | "clock" | "config">): ResponderCache {
  let responders: Responder[] | null = null;
  let readAt = -Infinity;
  let inFlight: Promise<Responder[] | null> | null = null;
  const readNow = () => {
    inFlight ??= withDeadline(deps.store.responders.listActive(), deps.config.CRISIS_LOOKUP_TIMEOUT_MS, "responder list")
      .then(
        (list) => {
          responders = list;
          readAt = deps.clock.now().getTime();
          return list;
        },
        () => null,
      )
      .finally(() => {
        inFlight = null;
      });
    return inFlight;
  };
  return {
    get responders() {
      return responders;
    },
    refreshIfStale() {
      if (deps.clock.now().getTime() - readAt >= REFRESH_AFTER_MS) void readNow();
    },
    readNow,
  };
}
