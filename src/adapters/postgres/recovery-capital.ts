import type { FlowValue } from "../../domain/flows/schema";
import type { Queryable } from "./db";

export interface RecoveryCapitalCheck {
  id: string;
  participantId: string;
  runId: string;
  status: "complete" | "incomplete";
  total: number | null;
  items: Record<string, FlowValue>;
  finishedAt: Date;
}

export function recoveryCapitalStore(q: Queryable) {
  return {
    /** One row per run; a retried completion finds it and gets null. */
    async createOnce(c: Omit<RecoveryCapitalCheck, "id">): Promise<RecoveryCapitalCheck | null> {
      const { rows } = await q.query<Row>(
        `insert into recovery_capital_checks (participant_id, run_id, status, total, items, finished_at)
         values ($1, $2, $3, $4, $5, $6) on conflict (run_id) do nothing returning *`,
        [c.participantId, c.runId, c.status, c.total, JSON.stringify(c.items), c.finishedAt],
      );
      return rows[0] ? toCheck(rows[0]) : null;
    },
    /** The latest complete check before `before` (the one a new total is compared with). */
    async previousComplete(participantId: string, before: Date, excludeRunId: string): Promise<RecoveryCapitalCheck | null> {
      const { rows } = await q.query<Row>(
        `select * from recovery_capital_checks
          where participant_id = $1 and status = 'complete' and finished_at <= $2 and run_id <> $3
          order by finished_at desc, id desc limit 1`,
        [participantId, before, excludeRunId],
      );
      return rows[0] ? toCheck(rows[0]) : null;
    },
    /** Own cadences of several participants (a planner's page); absent or null means the flow file's default. */
    async cadencesFor(participantIds: string[]): Promise<Map<string, "weekly" | "monthly" | "off" | null>> {
      const { rows } = await q.query<{ id: string; c: "weekly" | "monthly" | "off" | null }>(
        "select id, recovery_capital_cadence as c from participants where id = any($1::uuid[])",
        [participantIds],
      );
      return new Map(rows.map((r) => [r.id, r.c]));
    },
    /** The participant's own cadence; null means the flow file's default. */
    async cadenceFor(participantId: string): Promise<"weekly" | "monthly" | "off" | null> {
      const { rows } = await q.query<{ c: "weekly" | "monthly" | "off" | null }>(
        "select recovery_capital_cadence as c from participants where id = $1",
        [participantId],
      );
      return rows[0]?.c ?? null;
    },
    async setCadence(participantId: string, cadence: "weekly" | "monthly" | "off" | null): Promise<boolean> {
      const { rowCount } = await q.query("update participants set recovery_capital_cadence = $2, updated_at = $3 where id = $1", [
        participantId,
        cadence,
        q.clock.now(),
      ]);
      return rowCount > 0;
    },
    /** Oldest first: the order a trend is read in. */
    async listFor(participantId: string, limit = 104): Promise<RecoveryCapitalCheck[]> {
      const { rows } = await q.query<Row>(
        `select * from (select * from recovery_capital_checks where participant_id = $1
           order by finished_at desc, id desc limit $2) recent order by finished_at, id`,
        [participantId, limit],
      );
      return rows.map(toCheck);
    },
  };
}

interface Row {
  id: string;
  participant_id: string;
  run_id: string;
  status: "complete" | "incomplete";
  total: number | null;
  items: Record<string, FlowValue>;
  finished_at: Date;
}

const toCheck = (r: Row): RecoveryCapitalCheck => ({
  id: r.id,
  participantId: r.participant_id,
  runId: r.run_id,
  status: r.status,
  total: r.total,
  items: r.items,
  finishedAt: r.finished_at,
});
