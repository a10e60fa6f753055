import type { AppointmentKind, AppointmentStatus } from "../../domain/appointments/model";
import type { CheckinStatus, ParticipantStatus } from "../../domain/model";
import type { ReportFigures } from "../../domain/reports/figures";
import type { ReportNotes } from "../../domain/reports/narrative";
import type { Queryable } from "./db";

export interface MonthlyReport {
  id: string;
  participantId: string;
  month: string;
  timeZone: string;
  peerId: string | null;
  figures: ReportFigures;
  notes: ReportNotes;
  draftedAt: Date;
  editedAt: Date | null;
  editedBy: string | null;
}

/** A parent the drafting job reports on. */
export interface DraftCandidate {
  id: string;
  firstName: string;
  timeZone: string;
  peerId: string | null;
  peerName: string | null;
  status: ParticipantStatus;
  createdAt: Date;
}

/** One parent's month, as the fact queries take it: instants and local dates in the parent's zone. */
export interface FactWindow {
  participantId: string;
  zone: string;
  from: Date;
  to: Date;
  firstDate: string;
  lastDate: string;
}

/** Rows for one parent's month, before the domain turns them into figures. */
export interface RawMonthRows {
  checkins: { localDate: string; status: CheckinStatus }[];
  appointments: { kind: AppointmentKind; status: AppointmentStatus }[];
  recoveryCapital: { finishedAt: Date; total: number }[];
  pointsEarned: number;
  pointsTotal: number;
  contactDates: string[];
  returnToUseDates: string[];
  phases: string[];
}

/** How far back the recovery-capital trend looks (the plot shows the last 12 checks). */
const TREND_LOOKBACK_MS = 400 * 86_400_000;

export function reportsStore(q: Queryable) {
  /** unnest() arrays for a batch: one query per kind of fact, whatever the batch size. */
  const windowArrays = (ws: FactWindow[]) => [
    ws.map((w) => w.participantId),
    ws.map((w) => w.from),
    ws.map((w) => w.to),
    ws.map((w) => w.firstDate),
    ws.map((w) => w.lastDate),
    ws.map((w) => w.zone),
  ];
  const WINDOWS = "unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[], $4::text[], $5::text[], $6::text[]) as w(pid, t_from, t_to, d_first, d_last, zone)";

  return {
    /** Active parents, keyset-paged by id (the drafting job's batches). */
    async listActive(afterId: string | null, limit: number): Promise<DraftCandidate[]> {
      const { rows } = await q.query<{ id: string; first_name: string; time_zone: string; peer_id: string | null; peer_name: string | null; status: ParticipantStatus; created_at: Date }>(
        `select p.id, p.first_name, p.time_zone, p.peer_id, pe.name as peer_name, p.status, p.created_at
           from participants p left join peers pe on pe.id = p.peer_id
          where p.status = 'active' and ($1::uuid is null or p.id > $1::uuid)
          order by p.id limit $2`,
        [afterId, limit],
      );
      return rows.map((r) => ({ id: r.id, firstName: r.first_name, timeZone: r.time_zone, peerId: r.peer_id, peerName: r.peer_name, status: r.status, createdAt: r.created_at }));
    },

    /** Which of these parents already have a report for their month (re-runs skip them). */
    async existing(pairs: { participantId: string; month: string }[]): Promise<Set<string>> {
      if (pairs.length === 0) return new Set();
      const { rows } = await q.query<{ participant_id: string; month: string }>(
        `select r.participant_id, r.month from monthly_reports r
           join unnest($1::uuid[], $2::text[]) as x(pid, month) on r.participant_id = x.pid and r.month = x.month`,
        [pairs.map((p) => p.participantId), pairs.map((p) => p.month)],
      );
      return new Set(rows.map((r) => `${r.participant_id}|${r.month}`));
    },

    /** Every fact a month's figures need, for a batch of parents, in seven queries. */
    async monthRows(windows: FactWindow[]): Promise<Map<string, RawMonthRows>> {
      const out = new Map<string, RawMonthRows>();
      if (windows.length === 0) return out;
      for (const w of windows) {
        out.set(w.participantId, { checkins: [], appointments: [], recoveryCapital: [], pointsEarned: 0, pointsTotal: 0, contactDates: [], returnToUseDates: [], phases: [] });
      }
      const params = windowArrays(windows);
      const get = (pid: string) => out.get(pid)!;

      const [checkins, appts, rc, points, contacts, phases] = await Promise.all([
        q.query<{ pid: string; local_date: string; status: CheckinStatus }>(
          `select w.pid, c.local_date, c.status from ${WINDOWS}
             join checkins c on c.participant_id = w.pid and c.local_date between w.d_first and w.d_last`,
          params,
        ),
        q.query<{ pid: string; kind: AppointmentKind; status: AppointmentStatus }>(
          `select w.pid, a.kind, a.status from ${WINDOWS}
             join appointments a on a.participant_id = w.pid and a.local_date between w.d_first and w.d_last`,
          params,
        ),
        q.query<{ pid: string; finished_at: Date; total: number }>(
          `select w.pid, r.finished_at, r.total from ${WINDOWS}
             join recovery_capital_checks r on r.participant_id = w.pid and r.status = 'complete' and r.total is not null
              and r.finished_at < w.t_to and r.finished_at >= w.t_to - make_interval(secs => $7)
            order by r.finished_at, r.id`,
          [...params, TREND_LOOKBACK_MS / 1000],
        ),
        q.query<{ pid: string; earned: number | string; total: number | string }>(
          `select w.pid, coalesce(sum(l.points) filter (where l.created_at >= w.t_from), 0) as earned, coalesce(sum(l.points), 0) as total
             from ${WINDOWS} join points_ledger l on l.participant_id = w.pid and l.created_at < w.t_to
            group by w.pid`,
          params,
        ),
        // Local dates are taken in SQL: one row per parent per day texted, not per text.
        q.query<{ pid: string; d: string; rtu: boolean }>(
          `select w.pid, to_char(m.received_at at time zone w.zone, 'YYYY-MM-DD') as d,
                  bool_or(coalesce(m.crisis_categories @> '["return_to_use"]'::jsonb, false)) as rtu
             from ${WINDOWS} join inbound_messages m on m.participant_id = w.pid and m.received_at >= w.t_from and m.received_at < w.t_to
            group by w.pid, d`,
          params,
        ),
        q.query<{ pid: string; name: string }>(
          `select w.pid, ph.name from ${WINDOWS}
             join participant_phases ph on ph.participant_id = w.pid and ph.start_date <= w.d_last and ph.end_date >= w.d_first
            order by ph.start_date`,
          params,
        ),
      ]);
      for (const r of checkins.rows) get(r.pid).checkins.push({ localDate: r.local_date, status: r.status });
      for (const r of appts.rows) get(r.pid).appointments.push({ kind: r.kind, status: r.status });
      for (const r of rc.rows) get(r.pid).recoveryCapital.push({ finishedAt: r.finished_at, total: Number(r.total) });
      for (const r of points.rows) Object.assign(get(r.pid), { pointsEarned: Number(r.earned), pointsTotal: Number(r.total) });
      for (const r of contacts.rows) {
        get(r.pid).contactDates.push(r.d);
        if (r.rtu) get(r.pid).returnToUseDates.push(r.d);
      }
      for (const r of phases.rows) get(r.pid).phases.push(r.name);
      return out;
    },

    /** Many drafts in one statement; one per (parent, month): a re-run inserts nothing new. */
    async createDraftsOnce(drafts: Omit<MonthlyReport, "id" | "editedAt" | "editedBy" | "draftedAt">[]): Promise<number> {
      if (drafts.length === 0) return 0;
      const { rowCount } = await q.query(
        `insert into monthly_reports (participant_id, month, time_zone, peer_id, figures, notes, drafted_at)
         select pid, month, zone, peer, figures, notes, $7 from unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::jsonb[], $6::jsonb[])
           as x(pid, month, zone, peer, figures, notes)
         on conflict (participant_id, month) do nothing`,
        [
          drafts.map((d) => d.participantId),
          drafts.map((d) => d.month),
          drafts.map((d) => d.timeZone),
          drafts.map((d) => d.peerId),
          drafts.map((d) => JSON.stringify(d.figures)),
          drafts.map((d) => JSON.stringify(d.notes)),
          q.clock.now(),
        ],
      );
      return rowCount;
    },

    async get(id: string, opts: { lock?: boolean } = {}): Promise<MonthlyReport | null> {
      const { rows } = await q.query<Row>(`select * from monthly_reports where id = $1${opts.lock ? " for update" : ""}`, [id]);
      return rows[0] ? toReport(rows[0]) : null;
    },
    async find(participantId: string, month: string): Promise<MonthlyReport | null> {
      const { rows } = await q.query<Row>("select * from monthly_reports where participant_id = $1 and month = $2", [participantId, month]);
      return rows[0] ? toReport(rows[0]) : null;
    },
    async listForParticipant(participantId: string): Promise<MonthlyReport[]> {
      const { rows } = await q.query<Row>("select * from monthly_reports where participant_id = $1 order by month desc", [participantId]);
      return rows.map(toReport);
    },
    /** Reports of a month, optionally only some parents' (a peer's caseload). */
    async listForMonth(month: string, participantIds?: string[]): Promise<MonthlyReport[]> {
      const { rows } = participantIds
        ? await q.query<Row>("select * from monthly_reports where month = $1 and participant_id = any($2::uuid[]) order by participant_id", [month, participantIds])
        : await q.query<Row>("select * from monthly_reports where month = $1 order by participant_id", [month]);
      return rows.map(toReport);
    },
    async countForMonth(month: string): Promise<number> {
      const { rows } = await q.query<{ n: number }>("select count(*)::int as n from monthly_reports where month = $1", [month]);
      return Number(rows[0]?.n ?? 0);
    },
    /** New figures for a draft (outcomes recorded after the 1st); the peer's notes stay. */
    async updateFigures(id: string, figures: ReportFigures, by: string): Promise<MonthlyReport | null> {
      const { rows } = await q.query<Row>(
        "update monthly_reports set figures = $2, edited_at = $3, edited_by = $4 where id = $1 returning *",
        [id, JSON.stringify(figures), q.clock.now(), by],
      );
      return rows[0] ? toReport(rows[0]) : null;
    },
    async updateNotes(id: string, notes: ReportNotes, by: string): Promise<MonthlyReport | null> {
      const { rows } = await q.query<Row>(
        "update monthly_reports set notes = $2, edited_at = $3, edited_by = $4 where id = $1 returning *",
        [id, JSON.stringify(notes), q.clock.now(), by],
      );
      return rows[0] ? toReport(rows[0]) : null;
    },
  };
}

interface Row {
  id: string;
  participant_id: string;
  month: string;
  time_zone: string;
  peer_id: string | null;
  figures: ReportFigures;
  notes: ReportNotes;
  drafted_at: Date;
  edited_at: Date | null;
  edited_by: string | null;
}

const toReport = (r: Row): MonthlyReport => ({
  id: r.id,
  participantId: r.participant_id,
  month: r.month,
  timeZone: r.time_zone,
  peerId: r.peer_id,
  figures: r.figures,
  notes: r.notes,
  draftedAt: r.drafted_at,
  editedAt: r.edited_at,
  editedBy: r.edited_by,
});
