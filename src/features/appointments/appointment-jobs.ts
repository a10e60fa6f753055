import { scheduleIn, type JobDefinition, type PayloadOf } from "../../jobs/define";
import type { Deps } from "../../ports/deps";

/**
 * Adds a delayed job, or moves one still waiting for another time. A job already running
 * or done is left alone: its processor re-checks the appointment's revision.
 */
export async function addOrMove<D extends JobDefinition>(deps: Pick<Deps, "clock" | "queues">, def: D, data: PayloadOf<D>, at: Date): Promise<void> {
  await scheduleIn(deps.queues, def, data, at.getTime() - deps.clock.now().getTime());
}
