import type { ReportConsent } from "../../domain/reports/consent";
import type { RecipientKind, ReportSection } from "../../domain/reports/sections";
import type { Queryable } from "./db";

export type NewConsent = Omit<ReportConsent, "id" | "revokedAt" | "revokedBy" | "createdAt">;

/** Signed releases of information (42 CFR Part 2 consents), one row per signed form. */
export function consentsStore(q: Queryable) {
  return {
    async create(c: NewConsent): Promise<ReportConsent> {
      const { rows } = await q.query<Row>(
        `insert into report_consents (participant_id, recipient_name, recipient_kind, purpose, sections, signed_on, expires_on,
           entered_by_id, entered_by_name, created_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning *`,
        [c.participantId, c.recipientName, c.recipientKind, c.purpose, JSON.stringify(c.sections), c.signedOn, c.expiresOn, c.enteredById, c.enteredByName, q.clock.now()],
      );
      return toConsent(rows[0]!);
    },
    /** `lock`: a release holds the row until it commits, so a revocation waits for it (or it for the revocation). */
    async get(id: string, opts: { lock?: boolean } = {}): Promise<ReportConsent | null> {
      const { rows } = await q.query<Row>(`select * from report_consents where id = $1${opts.lock ? " for update" : ""}`, [id]);
      return rows[0] ? toConsent(rows[0]) : null;
    },
    async listForParticipant(participantId: string): Promise<ReportConsent[]> {
      const { rows } = await q.query<Row>("select * from report_consents where participant_id = $1 order by created_at desc, id", [participantId]);
      return rows.map(toConsent);
    },
    /** Revokes at `at` unless already revoked; null when there is no such consent or it was revoked before. */
    async revoke(id: string, at: Date, by: string): Promise<ReportConsent | null> {
      const { rows } = await q.query<Row>(
        "update report_consents set revoked_at = $2, revoked_by = $3 where id = $1 and revoked_at is null returning *",
        [id, at, by],
      );
      return rows[0] ? toConsent(rows[0]) : null;
    },
  };
}

interface Row {
  id: string;
  participant_id: string;
  recipient_name: string;
  recipient_kind: RecipientKind;
  purpose: string;
  sections: ReportSection[];
  signed_on: string;
  expires_on: string;
  revoked_at: Date | null;
  revoked_by: string | null;
  entered_by_id: string;
  entered_by_name: string;
  created_at: Date;
}

const toConsent = (r: Row): ReportConsent => ({
  id: r.id,
  participantId: r.participant_id,
  recipientName: r.recipient_name,
  recipientKind: r.recipient_kind,
  purpose: r.purpose,
  sections: r.sections,
  signedOn: r.signed_on,
  expiresOn: r.expires_on,
  revokedAt: r.revoked_at,
  revokedBy: r.revoked_by,
  enteredById: r.entered_by_id,
  enteredByName: r.entered_by_name,
  createdAt: r.created_at,
});
