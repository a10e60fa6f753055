import type { CaseEvent, CaseStatus, HotlineCase } from "../../domain/hotline/model";
import type { Queryable } from "./db";

export type NewCase = Pick<
  HotlineCase,
  "shortId" | "participantId" | "fromPhone" | "language" | "level" | "severity" | "categories" | "supervisorReview"
>;

export function casesStore(q: Queryable) {
  return {
    /** Stamped with the store's clock: created, updated and queued all at once. */
    async create(c: NewCase): Promise<HotlineCase> {
      const { rows } = await q.query<CaseRow>(
        `insert into hotline_cases (short_id, participant_id, from_phone, language, level, severity, categories, supervisor_review, created_at, updated_at, queued_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $9) returning *`,
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
    /**
     * Back to the queue; the escalation chain starts a new round. Only if it is still held
     * by `heldBy` (a TRANSFER, a silent or departed holder, a supervisor's RELEASE), so two
     * of these at once re-open it once. `skip` is never paged for this case again.
     */
    async requeue(id: string, heldBy: string, queuedAt: Date, skip: string | null = null): Promise<HotlineCase | null> {
      const { rows } = await q.query<CaseRow>(
        `update hotline_cases set status = 'open', claimed_by = null, claimed_at = null, queued_at = $3,
                escalation_round = escalation_round + 1,
                skip_paging = case when $4::text is null or skip_paging ? $4::text then skip_paging
                                   else skip_paging || jsonb_build_array($4::text) end,
                updated_at = $5
          where id = $1 and status = 'claimed' and claimed_by = $2 returning *`,
        [id, heldBy, queuedAt, skip, q.clock.now()],
      );
      return rows[0] ? toCase(rows[0]) : null;
    },
    /**
     * A supervisor's TAKE or REASSIGN: the case goes to `responderId` whatever its state
     * short of closed, provided it is still in the state the caller checked (else null: 409).
     */
    async assign(
      id: string,
      responderId: string,
      at: Date,
      expected: Pick<HotlineCase, "status" | "claimedBy">,
    ): Promise<HotlineCase | null> {
      const { rows } = await q.query<CaseRow>(
        `update hotline_cases set status = 'claimed', claimed_by = $2, claimed_at = $3, updated_at = $3
          where id = $1 and status = $4 and status <> 'closed' and claimed_by is not distinct from $5 returning *`,
        [id, responderId, at, expected.status, expected.claimedBy],
      );
      return rows[0] ? toCase(rows[0]) : null;
    },
    /** A supervisor's close, from any state but closed, if the state is still the one checked. */
    async closeAs(id: string, note: string, at: Date, expected: Pick<HotlineCase, "status" | "claimedBy">): Promise<HotlineCase | null> {
      const { rows } = await q.query<CaseRow>(
        `update hotline_cases set status = 'closed', closed_at = $2, close_note = $3, updated_at = $2
          where id = $1 and status = $4 and status <> 'closed' and claimed_by is not distinct from $5 returning *`,
        [id, at, note, expected.status, expected.claimedBy],
      );
      return rows[0] ? toCase(rows[0]) : null;
    },
    /** A later text puts a child at risk: the case needs supervisor review from now on. */
    async raiseChildSafety(id: string, categories: HotlineCase["categories"], severity: number): Promise<HotlineCase | null> {
      const { rows } = await q.query<CaseRow>(
        `update hotline_cases set supervisor_review = true, severity = greatest(severity, $3),
                categories = (select coalesce(jsonb_agg(distinct v), '[]'::jsonb) from jsonb_array_elements(categories || $2::jsonb) v),
                updated_at = $4
          where id = $1 and not supervisor_review returning *`,
        [id, JSON.stringify(categories), severity, q.clock.now()],
      );
      return rows[0] ? toCase(rows[0]) : null;
    },
    /** A later, graver text on an open case (a bare HELP, then an overdose): the queue orders by the gravest. */
    async raiseSeverity(id: string, categories: HotlineCase["categories"], severity: number): Promise<HotlineCase | null> {
      const { rows } = await q.query<CaseRow>(
        `update hotline_cases set severity = $3,
                categories = (select coalesce(jsonb_agg(distinct v), '[]'::jsonb) from jsonb_array_elements(categories || $2::jsonb) v),
                updated_at = $4
          where id = $1 and severity < $3 returning *`,
        [id, JSON.stringify(categories), severity, q.clock.now()],
      );
      return rows[0] ? toCase(rows[0]) : null;
    },
    async markReviewed(id: string, by: string, at: Date): Promise<void> {
      await q.query("update hotline_cases set reviewed_at = $2, reviewed_by = $3, updated_at = $2 where id = $1", [id, at, by]);
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
    /**
     * The live queue (console): every case not closed, gravest first, then longest waiting
     * (by `queued_at`, which a re-open or release moves to the new round's start).
     */
    async queue(limit = 200): Promise<HotlineCase[]> {
      const { rows } = await q.query<CaseRow>(
        `select * from hotline_cases where status <> 'closed'
          order by severity desc, coalesce(queued_at, created_at), created_at limit $1`,
        [limit],
      );
      return rows.map(toCase);
    },
    /**
     * A fingerprint of the queue: changes whenever a case enters, leaves or changes (every
     * write to a case sets `updated_at`). Console pages poll it to know when to re-render.
     */
    async queueStamp(): Promise<string> {
      const { rows } = await q.query<{ stamp: string | null; n: string | number }>(
        `select count(*) as n,
                md5(coalesce(string_agg(id::text || ':' || status || ':' || (extract(epoch from updated_at) * 1000000)::bigint::text, ',' order by id), '')) as stamp
           from hotline_cases where status <> 'closed'`,
      );
      return `${rows[0]?.n ?? 0}:${rows[0]?.stamp ?? ""}`;
    },
    /** Timeline events of the given types in [from, to), every case (the workload page's raw facts). */
    async eventsBetween(types: readonly string[], from: Date, to: Date): Promise<CaseEvent[]> {
      const { rows } = await q.query<EventRow>(
        "select * from case_events where at >= $1 and at < $2 and type = any($3::text[]) order by at, id",
        [from, to, types],
      );
      return rows.map((r) => ({ id: r.id, caseId: r.case_id, at: r.at, type: r.type, responderId: r.responder_id, detail: r.detail }));
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
    ): Promise<boolean> {
      const { rows } = await q.query(
        `insert into case_events (case_id, at, type, responder_id, detail, dedupe_key) values ($1, $2, $3, $4, $5, $6)
         on conflict (dedupe_key) do nothing returning id`,
        [caseId, at, type, responderId, JSON.stringify(detail), dedupeKey],
      );
      return rows.length > 0;
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
  queued_at: Date | null;
  skip_paging: string[];
  reviewed_at: Date | null;
  reviewed_by: string | null;
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
    queuedAt: r.queued_at ?? r.created_at,
    skipPaging: r.skip_paging,
    reviewedAt: r.reviewed_at,
    reviewedBy: r.reviewed_by,
    createdAt: r.created_at,
  };
}
