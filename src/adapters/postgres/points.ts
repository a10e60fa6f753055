import type { PointsReason } from "../../domain/appointments/model";
import type { Queryable } from "./db";

export interface PointsEntry {
  id: string;
  participantId: string;
  sourceKey: string;
  reason: PointsReason;
  points: number;
  createdAt: Date;
}

/**
 * The points ledger. Append-only by construction: there is no update or delete here, and
 * the table refuses non-positive points, so nothing (a return to use included) can take
 * points away.
 */
export function pointsStore(q: Queryable) {
  return {
    /** Awards once per source key; null when that event already scored. */
    async awardOnce(e: { participantId: string; sourceKey: string; reason: PointsReason; points: number }): Promise<PointsEntry | null> {
      // Serialises awards per parent, so a threshold crossed by two events at once is seen
      // by exactly one of them (the total read below then includes the other's points).
      await q.query("select 1 from participants where id = $1 for update", [e.participantId]);
      const { rows } = await q.query<PointsRow>(
        `insert into points_ledger (participant_id, source_key, reason, points, created_at) values ($1, $2, $3, $4, $5)
         on conflict (source_key) do nothing returning *`,
        [e.participantId, e.sourceKey, e.reason, e.points, q.clock.now()],
      );
      return rows[0] ? toEntry(rows[0]) : null;
    },
    async total(participantId: string): Promise<number> {
      const { rows } = await q.query<{ total: number | string | null }>(
        "select coalesce(sum(points), 0) as total from points_ledger where participant_id = $1",
        [participantId],
      );
      return Number(rows[0]?.total ?? 0);
    },
    async list(participantId: string, limit = 100): Promise<PointsEntry[]> {
      const { rows } = await q.query<PointsRow>(
        "select * from points_ledger where participant_id = $1 order by created_at desc, id limit $2",
        [participantId, limit],
      );
      return rows.map(toEntry);
    },
  };
}

interface PointsRow {
  id: string;
  participant_id: string;
  source_key: string;
  reason: PointsReason;
  points: number;
  created_at: Date;
}

function toEntry(r: PointsRow): PointsEntry {
  return {
    id: r.id,
    participantId: r.participant_id,
    sourceKey: r.source_key,
    reason: r.reason,
    points: Number(r.points),
    createdAt: r.created_at,
  };
}
