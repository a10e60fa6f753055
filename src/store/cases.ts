import type { CaseEvent, CaseStatus, HotlineCase } from "../domain/hotline/model";
import type { Queryable } from "./db";

export type NewCase = Pick<
  HotlineCase,
  "shortId" | "participantId" | "fromPhone" | "language" | "level" | "severity" | "categories" | "supervisorReview"
>;

export function casesStore(q: Queryable) {
  return {
    async create(c: NewCase): Promise<HotlineCase> {
      const { rows } = await q.query<CaseRow>(
        `insert into hotline_cases (short_id, participant_id, from_phone, language, level, severity, categories, supervisor_review, created_at, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) returning *`,
        [c.shortId, c.participantId, c.fromPhone, c.language, c.level, c.severity, JSON.stringify(c.categories), c.supervisorReview, q.clock.now()],
      );
      return toCase(rows[0]!);
    },
    async get(id: string): Promise<HotlineCase | null> {
      const { rows } = await q.query<CaseRow>("select * from hotline_cases where id = $1", [id]);
      return rows[0] ? toCase(rows[0]) : null;
    },
    async byShortId(shortId: string): Promise<HotlineCase | null> {
      const { rows } = await q.query<CaseRow>("select * from hotline_cases where short_id = $1", [shortId.toUpperCase()]);
      return rows[0] ? toCase(rows[0]) : null;
    },
    /** The parent's case still in progress, locked so two crisis texts at once join one case. */
    async activeForPhone(phone: string): Promise<HotlineCase | null> {
      const { rows } = await q.query<CaseRow>(
        "select * from hotline_cases where from_phone = $1 and status <> 'closed' order by created_at desc limit 1 for update",
        [phone],
      );
      return rows[0] ? toCase(rows[0]) : null;
    },
    async claimedBy(responderId: string): Promise<HotlineCase[]> {
      const { rows } = await q.query<CaseRow>(
        "select * from hotline_cases where claimed_by = $1 and status = 'claimed' order by claimed_at",
        [responderId],
      );
      return rows.map(toCase);
    },
    /**
     * The atomic claim: only an open case can be claimed, so of two ACCEPTs arriving
     * together exactly one update matches a row.
     */
    async claim(id: string, responderId: string, at: Date): Promise<HotlineCase | null> {
      const { rows } = await q.query<CaseRow>(
        `update hotline_cases set status = 'claimed', claimed_by = $1, claimed_at = $2, updated_at = $2
          where id = $3 and status = 'open' returning *`,
        [responderId, at, id],
      );
      return rows[0] ? toCase(rows[0]) : null;
    },
    async close(id: string, responderId: string, note: string, at: Date): Promise<HotlineCase | null> {
      const { rows } = await q.query<CaseRow>(
        `update hotline_cases set status = 'closed', closed_at = $1, close_note = $2, updated_at = $1
          where id = $3 and status = 'claimed' and claimed_by = $4 returning *`,
        [at, note, id, responderId],
      );
      return rows[0] ? toCase(rows[0]) : null;
    },
    /** Back to the queue; the escalation chain starts a new round. */
    async reopen(id: string, responderId: string): Promise<HotlineCase | null> {
      const { rows } = await q.query<CaseRow>(
        `update hotline_cases set status = 'open', claimed_by = null, claimed_at = null,
                escalation_round = escalation_round + 1, updated_at = $3
          where id = $1 and status = 'claimed' and claimed_by = $2 returning *`,
        [id, responderId, q.clock.now()],
      );
      return rows[0] ? toCase(rows[0]) : null;
    },
    /** Highest severity first, then oldest. */
    async list(filter: { status?: CaseStatus; limit?: number } = {}): Promise<HotlineCase[]> {
      const { rows } = await q.query<CaseRow>(
        `select * from hotline_cases where ($1::text is null or status = $1)
          order by (status = 'closed'), severity desc, created_at limit $2`,
        [filter.status ?? null, filter.limit ?? 200],
      );
      return rows.map(toCase);
    },
    /** Cases not closed, and of those the ones nobody has claimed (for /metrics). */
    async countOpen(): Promise<{ open: number; unclaimed: number }> {
      const { rows } = await q.query<{ open: string | number; unclaimed: string | number }>(
        `select count(*) as open, count(*) filter (where status = 'open') as unclaimed
           from hotline_cases where status <> 'closed'`,
      );
      return { open: Number(rows[0]?.open ?? 0), unclaimed: Number(rows[0]?.unclaimed ?? 0) };
    },
    async addEvent(
      caseId: string,
      type: string,
      at: Date,
      responderId: string | null = null,
      detail: Record<string, unknown> = {},
      dedupeKey: string | null = null,
    ) {
      await q.query(
        `insert into case_events (case_id, at, type, responder_id, detail, dedupe_key) values ($1, $2, $3, $4, $5, $6)
         on conflict (dedupe_key) do nothing`,
        [caseId, at, type, responderId, JSON.stringify(detail), dedupeKey],
      );
    },
    async events(caseId: string): Promise<CaseEvent[]> {
      const { rows } = await q.query<EventRow>("select * from case_events where case_id = $1 order by at, id", [caseId]);
      return rows.map((r) => ({ id: r.id, caseId: r.case_id, at: r.at, type: r.type, responderId: r.responder_id, detail: r.detail }));
    },
  };
}

interface EventRow {
  id: string;
  case_id: string;
  at: Date;
  type: string;
  responder_id: string | null;
  detail: Record<string, unknown>;
}

interface CaseRow {
  id: string;
  short_id: string;
  participant_id: string | null;
  from_phone: string;
  language: HotlineCase["language"];
  level: HotlineCase["level"];
  severity: number;
  categories: HotlineCase["categories"];
  supervisor_review: boolean;
  status: CaseStatus;
  claimed_by: string | null;
  claimed_at: Date | null;
  closed_at: Date | null;
  close_note: string | null;
  escalation_round: number;
  created_at: Date;
}

function toCase(r: CaseRow): HotlineCase {
  return {
    id: r.id,
    shortId: r.short_id,
    participantId: r.participant_id,
    fromPhone: r.from_phone,
    language: r.language,
    level: r.level,
    severity: r.severity,
    categories: r.categories,
    supervisorReview: r.supervisor_review,
    status: r.status,
    claimedBy: r.claimed_by,
    claimedAt: r.claimed_at,
    closedAt: r.closed_at,
    closeNote: r.close_note,
    escalationRound: r.escalation_round,
    createdAt: r.created_at,
  };
}
