import type { ReleasedDocument } from "../../domain/reports/document";
import type { RecipientKind, ReportSection } from "../../domain/reports/sections";
import type { Queryable } from "./db";

export interface Disclosure {
  id: string;
  reportId: string;
  participantId: string;
  consentId: string;
  recipientName: string;
  recipientKind: RecipientKind;
  purpose: string;
  sections: ReportSection[];
  leftOut: ReportSection[];
  releasedById: string;
  releasedByName: string;
  releasedByRole: string;
  releasedAt: Date;
  content: ReleasedDocument;
}

export type NewDisclosure = Omit<Disclosure, "id">;

/** The disclosure log: append-only (no update or delete here). */
export function disclosuresStore(q: Queryable) {
  return {
    async create(d: NewDisclosure): Promise<Disclosure> {
      const { rows } = await q.query<Row>(
        `insert into report_disclosures (report_id, participant_id, consent_id, recipient_name, recipient_kind, purpose, sections, left_out,
           released_by_id, released_by_name, released_by_role, released_at, content)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) returning *`,
        [
          d.reportId,
          d.participantId,
          d.consentId,
          d.recipientName,
          d.recipientKind,
          d.purpose,
          JSON.stringify(d.sections),
          JSON.stringify(d.leftOut),
          d.releasedById,
          d.releasedByName,
          d.releasedByRole,
          d.releasedAt,
          JSON.stringify(d.content),
        ],
      );
      return toDisclosure(rows[0]!);
    },
    async get(id: string): Promise<Disclosure | null> {
      const { rows } = await q.query<Row>("select * from report_disclosures where id = $1", [id]);
      return rows[0] ? toDisclosure(rows[0]) : null;
    },
    /** How many times each report was released (the list page). */
    async countByReport(reportIds: string[]): Promise<Map<string, number>> {
      if (reportIds.length === 0) return new Map();
      const { rows } = await q.query<{ report_id: string; n: number }>(
        "select report_id, count(*)::int as n from report_disclosures where report_id = any($1::uuid[]) group by report_id",
        [reportIds],
      );
      return new Map(rows.map((r) => [r.report_id, Number(r.n)]));
    },
    /** Newest first; without a filter, the whole log (admins and supervisors). */
    async list(filter: { participantId?: string; reportId?: string; participantIds?: string[] } = {}, limit = 200): Promise<Disclosure[]> {
      const where: string[] = [];
      const params: unknown[] = [];
      if (filter.participantId) where.push(`participant_id = $${params.push(filter.participantId)}`);
      if (filter.reportId) where.push(`report_id = $${params.push(filter.reportId)}`);
      if (filter.participantIds) where.push(`participant_id = any($${params.push(filter.participantIds)}::uuid[])`);
      const { rows } = await q.query<Row>(
        `select * from report_disclosures ${where.length ? `where ${where.join(" and ")}` : ""} order by released_at desc, id limit $${params.push(limit)}`,
        params,
      );
      return rows.map(toDisclosure);
    },
  };
}

interface Row {
  id: string;
  report_id: string;
  participant_id: string;
  consent_id: string;
  recipient_name: string;
  recipient_kind: RecipientKind;
  purpose: string;
  sections: ReportSection[];
  left_out: ReportSection[];
  released_by_id: string;
  released_by_name: string;
  released_by_role: string;
  released_at: Date;
  content: ReleasedDocument;
}

const toDisclosure = (r: Row): Disclosure => ({
  id: r.id,
  reportId: r.report_id,
  participantId: r.participant_id,
  consentId: r.consent_id,
  recipientName: r.recipient_name,
  recipientKind: r.recipient_kind,
  purpose: r.purpose,
  sections: r.sections,
  leftOut: r.left_out,
  releasedById: r.released_by_id,
  releasedByName: r.released_by_name,
  releasedByRole: r.released_by_role,
  releasedAt: r.released_at,
  content: r.content,
});
