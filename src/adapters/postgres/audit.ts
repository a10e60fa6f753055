import type { Queryable } from "./db";

export interface AuditEntry {
  id: number;
  at: Date;
  userId: string | null;
  actor: string;
  action: string;
  what: string;
  subjectId: string | null;
  detail: Record<string, unknown>;
}

export type NewAuditEntry = Omit<AuditEntry, "id">;

/** The console's audit log: who viewed or tried what, and when. Append-only. */
export function auditStore(q: Queryable) {
  return {
    async append(e: NewAuditEntry): Promise<void> {
      await q.query(
        "insert into console_audit (at, user_id, actor, action, what, subject_id, detail) values ($1, $2, $3, $4, $5, $6, $7)",
        [e.at, e.userId, e.actor, e.action, e.what, e.subjectId, JSON.stringify(e.detail)],
      );
    },
    /** Newest first; `before` is the id of the last entry of the previous page. */
    async list(filter: { before?: number; limit: number; subjectId?: string; action?: string }): Promise<AuditEntry[]> {
      const where: string[] = [];
      const params: unknown[] = [];
      if (filter.before !== undefined) where.push(`id < $${params.push(filter.before)}`);
      if (filter.subjectId !== undefined) where.push(`subject_id = $${params.push(filter.subjectId)}`);
      if (filter.action !== undefined) where.push(`action = $${params.push(filter.action)}`);
      const { rows } = await q.query<AuditRow>(
        `select * from console_audit ${where.length ? "where " + where.join(" and ") : ""} order by id desc limit $${params.push(filter.limit)}`,
        params,
      );
      return rows.map((r) => ({
        id: Number(r.id),
        at: r.at,
        userId: r.user_id,
        actor: r.actor,
        action: r.action,
        what: r.what,
        subjectId: r.subject_id,
        detail: r.detail,
      }));
    },
  };
}

interface AuditRow {
  id: number | string;
  at: Date;
  user_id: string | null;
  actor: string;
  action: string;
  what: string;
  subject_id: string | null;
  detail: Record<string, unknown>;
}
