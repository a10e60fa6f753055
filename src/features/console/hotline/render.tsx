import { formatLocal } from "../../../domain/time";
import type { Deps } from "../../../ports/deps";
import type { QueueView } from "./queue-data";
import { QueueTables } from "./queue-view";

/** "2:03 PM" in the supervisors' zone: when the fragment was rendered. */
export function asOf(deps: Pick<Deps, "config">, at: Date): string {
  return formatLocal(at, deps.config.SUPERVISOR_TIME_ZONE, "en", "time");
}

/** The queue fragment as one HTML string (the SSE `queue` event's data). */
export async function renderQueueFragment(deps: Pick<Deps, "config">, queue: QueueView): Promise<string> {
  const el = <QueueTables queue={queue} asOf={asOf(deps, queue.at)} />;
  return (await el.toString()).toString();
}
