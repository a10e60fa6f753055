import type { CheckinStatus, OutboundStatus } from "../../domain/model";
import type { Queryable } from "./db";

/**
 * Read-only queries for the web console's pages (features/console). Each one answers for
 * many parents at once, so a supervisor's caseload of 1,500 parents is a handful of
 * queries, not thousands.
 */
export interface CaseloadFacts {
  participantId: string;
  /** Newest first, at most 40: the last answer, the 14-day sparkline and the missed streak. */
  checkins: { localDate: string; kind: string; status: CheckinStatus; score: number | null; dueAt: Date }[];
  nextAppointment: { startsAt: Date; kind: string } | null;
  openCases: number;
  /** Appointments in the past still marked scheduled: the peer has an outcome to record. */
  outcomesToRecord: number;
  rescheduleRequests: number;
}

export interface TimelineItem {
  direction: "in" | "out";
  id: string;
  at: Date;
  body: string;
  kind: string;
  /** Outbound delivery status; inbound texts have their processing outcome instead. */
  status: OutboundStatus | string | null;
}

export function consoleReadsStore(q: Queryable) {
  return {
    async caseloadFacts(participantIds: string[], now: Date): Promise<Map<string, CaseloadFacts>> {
      const out = new Map<string, CaseloadFacts>();
      for (const id of participantIds) {
        out.set(id, { participantId: id, checkins: [], nextAppointment: null, openCases: 0, outcomesToRecord: 0, rescheduleRequests: 0 });
      }
      if (participantIds.length === 0) return out;
      const [checkins, appts, cases] = await Promise.all([
        q.query<{ participant_id: string; local_date: string; kind: string; status: CheckinStatus; score: number | null; due_at: Date }>(
          `select c.participant_id, c.local_date, c.kind, c.status, c.score, c.due_at
             from unnest($1::uuid[]) as p(id)
             cross join lateral (
               select participant_id, local_date, kind, status, score, due_at from checkins
                where participant_id = p.id and due_at <= $2 and status <> 'skipped'
                order by due_at desc limit 40
             ) c`,
          [participantIds, now],
        ),
        q.query<{ participant_id: string; next_at: Date | null; next_kind: string | null; to_record: number; reschedule: number }>(
          `select participant_id,
                  min(starts_at) filter (where status = 'scheduled' and starts_at > $2) as next_at,
                  (array_agg(kind order by starts_at) filter (where status = 'scheduled' and starts_at > $2))[1] as next_kind,
                  count(*) filter (where status = 'scheduled' and starts_at <= $2)::int as to_record,
                  count(*) filter (where status = 'scheduled' and confirmation = 'reschedule_requested')::int as reschedule
             from appointments where participant_id = any($1::uuid[]) group by participant_id`,
          [participantIds, now],
        ),
        q.query<{ participant_id: string; n: number }>(
          `select participant_id, count(*)::int as n from hotline_cases
            where participant_id = any($1::uuid[]) and status <> 'closed' group by participant_id`,
          [participantIds],
        ),
      ]);
      for (const r of checkins.rows) {
        out.get(r.participant_id)?.checkins.push({ localDate: r.local_date, kind: r.kind, status: r.status, score: r.score, dueAt: r.due_at });
      }
      for (const r of appts.rows) {
        const f = out.get(r.participant_id);
        if (!f) continue;
        f.nextAppointment = r.next_at && r.next_kind ? { startsAt: r.next_at, kind: r.next_kind } : null;
        f.outcomesToRecord = r.to_record;
        f.rescheduleRequests = r.reschedule;
      }
      for (const r of cases.rows) {
        const f = out.get(r.participant_id);
        if (f) f.openCases = r.n;
      }
      return out;
    },

    /**
     * The supervisors' overview, one row per peer: active parents, how many of them missed
     * their last two check-ins, open hotline cases, appointment outcomes to record.
     */
    async peerOverview(now: Date): Promise<Map<string, { active: number; missedTwice: number; openCases: number; outcomesToRecord: number }>> {
      const { rows } = await q.query<{ peer_id: string; active: number; missed_twice: number; open_cases: number; to_record: number }>(
        `select p.peer_id, count(*)::int as active,
                count(*) filter (where m.missed = 2)::int as missed_twice,
                coalesce(sum(hc.n), 0)::int as open_cases,
                coalesce(sum(ap.n), 0)::int as to_record
           from participants p
           cross join lateral (
             select count(*) filter (where status = 'missed') as missed from (
               select status from checkins where participant_id = p.id and due_at <= $1 and status in ('answered', 'missed')
                order by due_at desc limit 2) last2
           ) m
           left join lateral (select count(*) as n from hotline_cases where participant_id = p.id and status <> 'closed') hc on true
           left join lateral (select count(*) as n from appointments where participant_id = p.id and status = 'scheduled' and starts_at <= $1) ap on true
          where p.peer_id is not null and p.status <> 'discharged'
          group by p.peer_id`,
        [now],
      );
      return new Map(rows.map((r) => [r.peer_id, { active: r.active, missedTwice: r.missed_twice, openCases: r.open_cases, outcomesToRecord: r.to_record }]));
    },

    /** Active parents per peer (the 10–15 guideline counts active parents). */
    async activeCountsByPeer(): Promise<Map<string, number>> {
      const { rows } = await q.query<{ peer_id: string; n: number }>(
        "select peer_id, count(*)::int as n from participants where peer_id is not null and status <> 'discharged' group by peer_id",
      );
      return new Map(rows.map((r) => [r.peer_id, r.n]));
    },

    async peerLanguages(): Promise<Map<string, string[]>> {
      const { rows } = await q.query<{ id: string; languages: string[] }>("select id, languages from peers");
      return new Map(rows.map((r) => [r.id, r.languages]));
    },

    async setPeerLanguages(peerId: string, languages: string[]): Promise<void> {
      await q.query("update peers set languages = $1 where id = $2", [JSON.stringify(languages), peerId]);
    },

    /**
     * Texts in and out, newest first. `before` is the previous page's last item
     * (time, then id, so two texts in the same millisecond are neither lost nor repeated).
     */
    async timeline(participantId: string, limit: number, before?: { at: Date; id: string }): Promise<TimelineItem[]> {
      const { rows } = await q.query<{ direction: "in" | "out"; id: string; at: Date; body: string; kind: string; status: string | null }>(
        `select * from (
           select 'in' as direction, id::text as id, received_at as at, body, 'text' as kind, outcome as status
             from inbound_messages where participant_id = $1
           union all
           select 'out', id::text, created_at, body, kind, status from outbound_messages where participant_id = $1
         ) t
         where ($2::timestamptz is null or (t.at, t.id) < ($2::timestamptz, $3::text))
         order by t.at desc, t.id desc limit $4`,
        [participantId, before?.at ?? null, before?.id ?? "", limit],
      );
      return rows;
    },

    async checkinsBetween(participantId: string, from: Date, to: Date) {
      const { rows } = await q.query<{ local_date: string; kind: string; status: CheckinStatus; score: number | null; due_at: Date }>(
        `select local_date, kind, status, score, due_at from checkins
          where participant_id = $1 and due_at >= $2 and due_at <= $3 order by due_at`,
        [participantId, from, to],
      );
      return rows.map((r) => ({ localDate: r.local_date, kind: r.kind, status: r.status, score: r.score, dueAt: r.due_at }));
    },

    /**
     * Hotline cases a responder was paged for (first page, escalation or a ringing phone) or holds: what a
     * volunteer may open, and the parents of those cases.
     */
    async casesPagedTo(responderId: string): Promise<{ caseId: string; participantId: string | null }[]> {
      const { rows } = await q.query<{ id: string; participant_id: string | null }>(
        `select c.id, c.participant_id from hotline_cases c
          where c.claimed_by = $1
             or exists (select 1 from case_events e where e.case_id = c.id
                          and (e.responder_id = $1 or (e.type in ('paged', 'escalated', 'call_rang') and e.detail->'responderIds' ? $2)))`,
        [responderId, responderId],
      );
      return rows.map((r) => ({ caseId: r.id, participantId: r.participant_id }));
    },
  };
}
