import { scheduleIn, type JobDefinition, type PayloadOf } from "../../jobs/define";
import type { Deps } from "../../ports/deps";
import { describeError } from "../../ports/log";

/**
 * Adds a delayed job, or moves one still waiting for another time. A job already running
 * or done is left alone: its processor re-checks the appointment's revision.
 */
export async function addOrMove<D extends JobDefinition>(deps: Pick<Deps, "clock" | "queues">, def: D, data: PayloadOf<D>, at: Date): Promise<void> {
  await scheduleIn(deps.queues, def, data, at.getTime() - deps.clock.now().getTime());
}

/**
 * A RangeError is a stored value the time functions reject (a date from before admin
 * dates were bounded): logged and skipped so one row does not stop the others. Anything
 * else (Redis or Postgres failing) is rethrown, so the caller's retry (the hourly re-plan,
 * the empty-Redis repair) still sees the failure.
 */
export function onlyBadData(deps: Pick<Deps, "log">, what: string, ids: Record<string, string>) {
  return (err: unknown) => {
    if (!(err instanceof RangeError)) throw err;
    deps.log.warn(what, { ...ids, error: describeError(err) });
  };
}
