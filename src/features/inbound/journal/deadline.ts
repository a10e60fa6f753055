/** A store or queue call that did not answer in time; the caller's fallback takes over. */
export class DeadlineError extends Error {
  constructor(what: string, ms: number) {
    super(`${what} did not answer within ${ms} ms`);
    this.name = "DeadlineError";
  }
}

/**
 * `p`, or a DeadlineError after `ms`. The abandoned call keeps running (a write may still
 * commit later: every write behind this is idempotent on its business key) and its
 * eventual rejection is swallowed so it cannot surface as an unhandled rejection.
 */
export function withDeadline<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  p.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError(what, ms)), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/** The value, or `fallback` when the call failed or was late. */
export async function orFallback<T>(p: Promise<T>, ms: number, what: string, fallback: T): Promise<{ value: T; live: boolean }> {
  try {
    return { value: await withDeadline(p, ms, what), live: true };
  } catch {
    return { value: fallback, live: false };
  }
}
