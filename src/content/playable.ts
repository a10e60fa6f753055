import type { Flow } from "../domain/flows/schema";
import type { FlowCatalog } from "./catalog";
import { checkinAsFlow } from "./checkin-as-flow";

/**
 * Every flow the simulator can play, by id: the engine flows plus the check-in files
 * (played as their equivalent engine flow). Tests iterate this list, so a new flow file
 * without a transcript test fails the suite.
 */
export function playableFlows(catalog: FlowCatalog): Record<string, Flow> {
  const flows: Record<string, Flow> = { ...catalog.engine };
  for (const checkin of Object.values(catalog.checkins)) flows[checkin.id] = checkinAsFlow(checkin, catalog.program);
  return flows;
}
