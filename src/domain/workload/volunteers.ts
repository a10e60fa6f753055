import { percentile } from "./percentile";

/** The case-timeline facts the volunteer statistics read (ids and times only). */
export interface CaseEventFact {
  caseId: string;
  at: Date;
  type: string;
  responderId: string | null;
  detail: Record<string, unknown>;
}

export interface VolunteerLoad {
  responderId: string;
  /** Page texts and phone rings naming them (each escalation step counts once). */
  pages: number;
  /** Distinct cases they were paged for. */
  casesPaged: number;
  /** Cases they claimed (ACCEPT by text, or pressing 1 on a hotline call). */
  claims: number;
  /** First page of the round to their claim, in ms, for the claims that followed a page to them. */
  claimTimesMs: number[];
  p50Ms: number | null;
  p90Ms: number | null;
}

/** Events that put someone in front of a case: SMS pages (first and escalation steps) and voice rings. */
export const PAGE_EVENTS = new Set(["paged", "escalated", "call_rang"]);
/** Events after which a case is back in the queue: a new round, so "first paged" starts over. */
export const ROUND_EVENTS = new Set(["reopened", "released", "transferred"]);
export const CLAIM_EVENT = "claimed";
/** Every type the statistics read, for the store query. */
export const WORKLOAD_EVENT_TYPES = [...PAGE_EVENTS, ...ROUND_EVENTS, CLAIM_EVENT];

function pagedIds(detail: Record<string, unknown>): string[] {
  const ids = detail.responderIds;
  return Array.isArray(ids) ? ids.filter((x): x is string => typeof x === "string") : [];
}

/**
 * Pages, claims and time-to-claim per responder, counting only events at or after `from`
 * (earlier events are read so a claim just after `from` still finds its page).
 *
 * Time-to-claim is measured from the FIRST page naming the claimer in the case's current
 * round (a round starts when the case opens and again after each re-open, release or
 * transfer) to their claim: how long the case waited on them once they knew. A claim with
 * no page to them in that round (a supervisor who saw the queue, a volunteer who answered
 * someone else's page) counts as a claim with no time.
 */
export function volunteerWorkload(events: readonly CaseEventFact[], from: Date): Map<string, VolunteerLoad> {
  const byCase = new Map<string, CaseEventFact[]>();
  for (const e of events) {
    const list = byCase.get(e.caseId);
    if (list) list.push(e);
    else byCase.set(e.caseId, [e]);
  }
  const out = new Map<string, VolunteerLoad>();
  const load = (id: string) => {
    let l = out.get(id);
    if (!l) out.set(id, (l = { responderId: id, pages: 0, casesPaged: 0, claims: 0, claimTimesMs: [], p50Ms: null, p90Ms: null }));
    return l;
  };
  const since = from.getTime();
  for (const caseEvents of byCase.values()) {
    caseEvents.sort((a, b) => a.at.getTime() - b.at.getTime());
    let firstPaged = new Map<string, number>();
    const pagedHere = new Set<string>();
    for (const e of caseEvents) {
      const t = e.at.getTime();
      const counted = t >= since;
      if (PAGE_EVENTS.has(e.type)) {
        for (const id of pagedIds(e.detail)) {
          if (!firstPaged.has(id)) firstPaged.set(id, t);
          if (!counted) continue;
          load(id).pages += 1;
          pagedHere.add(id);
        }
      } else if (ROUND_EVENTS.has(e.type)) {
        firstPaged = new Map();
      } else if (e.type === CLAIM_EVENT && e.responderId) {
        const pagedAt = firstPaged.get(e.responderId);
        if (counted) {
          const l = load(e.responderId);
          l.claims += 1;
          if (pagedAt !== undefined) l.claimTimesMs.push(t - pagedAt);
        }
        firstPaged = new Map();
      }
    }
    for (const id of pagedHere) load(id).casesPaged += 1;
  }
  for (const l of out.values()) {
    l.p50Ms = percentile(l.claimTimesMs, 50);
    l.p90Ms = percentile(l.claimTimesMs, 90);
  }
  return out;
}
