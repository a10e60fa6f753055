// Supervisor workload statistics: pure, fed by the store's counts and case timelines.
export { recentWeeks, weekIndexOf, isoWeekday, type Week } from "./weeks";
export { percentile } from "./percentile";
export { volunteerWorkload, WORKLOAD_EVENT_TYPES, type CaseEventFact, type VolunteerLoad } from "./volunteers";
export { peerWorkload, chartScale, type PeerWeekCount, type PeerWeekRow, type PeerWorkload } from "./peers";
