import type { ResponderTier } from "../../../domain/hotline/model";
import {
  peerWorkload,
  recentWeeks,
  volunteerWorkload,
  WORKLOAD_EVENT_TYPES,
  type PeerWorkload,
  type VolunteerLoad,
  type Week,
} from "../../../domain/workload";
import type { Deps } from "../../../ports/deps";

export interface VolunteerRow extends VolunteerLoad {
  name: string;
  tier: ResponderTier | null;
  active: boolean;
}

export interface WorkloadView {
  weeks: Week[];
  peers: PeerWorkload[];
  /** Every responder, busiest first (paged or claimed most), then by name. */
  volunteers: VolunteerRow[];
  /** Per week, all peers together (the summary chart). */
  totals: { week: Week; held: number; interrupted: number; unacknowledged: number }[];
  zone: string;
}

/** A claim this long after `from` may answer a page sent before it: read that much earlier. */
const PAGE_LOOKBACK_MS = 24 * 3600_000;

/**
 * The supervisor workload page's facts for the last `weekCount` weeks (supervisors' zone):
 * notes per peer and week from the store's grouped counts, pages and claims per responder
 * from the case timelines. Ids, names and counts only.
 */
export async function loadWorkload(deps: Pick<Deps, "store" | "clock" | "config">, weekCount: number): Promise<WorkloadView> {
  const zone = deps.config.SUPERVISOR_TIME_ZONE;
  const now = deps.clock.now();
  const weeks = recentWeeks(now, zone, weekCount);
  const from = weeks[0]!.from;
  const end = weeks.at(-1)!.to;
  const store = deps.store;
  const [peers, counts, responders, events] = await Promise.all([
    store.peers.list(),
    store.boundaries.weeklyCounts(
      weeks.map((w) => w.from),
      end,
    ),
    store.responders.list(),
    store.cases.eventsBetween(WORKLOAD_EVENT_TYPES, new Date(from.getTime() - PAGE_LOOKBACK_MS), end),
  ]);
  const peerRows = peerWorkload(
    [...peers].sort((a, b) => a.name.localeCompare(b.name)),
    weeks,
    counts,
  );
  const loads = volunteerWorkload(events, from);
  const byId = new Map(responders.map((r) => [r.id, r]));
  const volunteers: VolunteerRow[] = [];
  for (const r of responders) {
    const l = loads.get(r.id) ?? { responderId: r.id, pages: 0, casesPaged: 0, claims: 0, claimTimesMs: [], p50Ms: null, p90Ms: null };
    volunteers.push({ ...l, name: r.name, tier: r.tier, active: r.active });
  }
  // Someone paged who is no longer a responder row (cannot happen with foreign keys, but the ids come from JSON).
  for (const l of loads.values()) if (!byId.has(l.responderId)) volunteers.push({ ...l, name: "a former responder", tier: null, active: false });
  volunteers.sort((a, b) => b.pages + b.claims - (a.pages + a.claims) || a.name.localeCompare(b.name));
  const totals = weeks.map((week, i) => ({
    week,
    held: peerRows.reduce((n, p) => n + p.weeks[i]!.held, 0),
    interrupted: peerRows.reduce((n, p) => n + p.weeks[i]!.interrupted, 0),
    unacknowledged: peerRows.reduce((n, p) => n + p.weeks[i]!.unacknowledged, 0),
  }));
  return { weeks, peers: peerRows, volunteers, totals, zone };
}
