import type { Queryable } from "./db";

/** PAUSE state lives on the participant row (status + paused_until); these are its only writers. */
export function pausesStore(q: Queryable) {
  return {
    /** Pauses an active participant (or extends a pause); null if discharged or unknown. */
    async pause(participantId: string, until: Date, reason: string | null): Promise<{ pausedUntil: Date } | null> {
      const { rows } = await q.query<{ paused_until: Date }>(
        `update participants set status = 'paused', paused_until = $2, pause_reason = $3, updated_at = $4
          where id = $1 and status in ('active', 'paused') returning paused_until`,
        [participantId, until, reason, q.clock.now()],
      );
      return rows[0] ? { pausedUntil: rows[0].paused_until } : null;
    },
    /**
     * Ends a pause. With `dueBy`, only a pause that has run out by then (a resume job
     * for a pause since extended does nothing). A pause set by an admin status edit
     * (no paused_until) is only ended by an explicit resume.
     */
    async resume(participantId: string, dueBy?: Date): Promise<boolean> {
      const { rowCount } = await q.query(
        `update participants set status = 'active', paused_until = null, pause_reason = null, updated_at = $3
          where id = $1 and status = 'paused' and ($2::timestamptz is null or (paused_until is not null and paused_until <= $2))`,
        [participantId, dueBy ?? null, q.clock.now()],
      );
      return rowCount > 0;
    },
  };
}
