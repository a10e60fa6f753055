import type { Checkin, CheckinKind, CheckinStatus } from "../../domain/model";
import type { Queryable } from "./db";

export function checkinsStore(q: Queryable) {
  return {
    /** One record per (participant, kind, local date): the business key of a check-in. */
    async createOnce(c: {
      participantId: string;
      kind: CheckinKind;
      localDate: string;
      dueAt: Date;
      status: "awaiting" | "skipped";
      skipReason?: string;
      windowClosesAt?: Date;
    }): Promise<Checkin | null> {
      const { rows } = await q.query<CheckinRow>(
        `insert into checkins (participant_id, kind, local_date, due_at, status, skip_reason, window_closes_at, created_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8)
         on conflict (participant_id, kind, local_date) do nothing returning *`,
        [c.participantId, c.kind, c.localDate, c.dueAt, c.status, c.skipReason ?? null, c.windowClosesAt ?? null, q.clock.now()],
      );
      return rows[0] ? toCheckin(rows[0]) : null;
    },
    /** Many check-ins whose send time passed beyond the grace window, in one statement (planning). */
    async recordSkippedMany(
      items: { participantId: string; kind: CheckinKind; localDate: string; dueAt: Date }[],
      skipReason: string,
    ): Promise<number> {
      if (items.length === 0) return 0;
      const { rowCount } = await q.query(
        `insert into checkins (participant_id, kind, local_date, due_at, status, skip_reason, created_at)
         select p, k, d, t, 'skipped', $5, $6
           from unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[]) as x(p, k, d, t)
         on conflict (participant_id, kind, local_date) do nothing`,
        [items.map((i) => i.participantId), items.map((i) => i.kind), items.map((i) => i.localDate), items.map((i) => i.dueAt), skipReason, q.clock.now()],
      );
      return rowCount;
    },
    /** Sent check-ins still awaiting a reply after their window closed (the sweeper's safety net). */
    async listAwaitingClosedBefore(before: Date, limit: number): Promise<Checkin[]> {
      const { rows } = await q.query<CheckinRow>(
        "select * from checkins where status = 'awaiting' and window_closes_at < $1 order by window_closes_at limit $2",
        [before, limit],
      );
      return rows.map(toCheckin);
    },
    async find(participantId: string, kind: CheckinKind, localDate: string): Promise<Checkin | null> {
      const { rows } = await q.query<CheckinRow>(
        "select * from checkins where participant_id = $1 and kind = $2 and local_date = $3",
        [participantId, kind, localDate],
      );
      return rows[0] ? toCheckin(rows[0]) : null;
    },
    /** The check-in a reply answers: the latest one still open at `at`. */
    async openFor(participantId: string, at: Date): Promise<Checkin | null> {
      const { rows } = await q.query<CheckinRow>(
        `select * from checkins where participant_id = $1 and status = 'awaiting' and window_closes_at > $2
          order by due_at desc limit 1 for update`,
        [participantId, at],
      );
      return rows[0] ? toCheckin(rows[0]) : null;
    },
    async answer(id: string, score: number | null, replyMessageId: string, at: Date): Promise<boolean> {
      const { rowCount } = await q.query(
        `update checkins set status = 'answered', score = $1, reply_message_id = $2, answered_at = $3
          where id = $4 and status = 'awaiting'`,
        [score, replyMessageId, at, id],
      );
      return rowCount > 0;
    },
    /** Closes an unanswered check-in as missed; false if it was answered (or closed) first. */
    async markMissed(participantId: string, kind: CheckinKind, localDate: string): Promise<boolean> {
      const { rowCount } = await q.query(
        `update checkins set status = 'missed'
          where participant_id = $1 and kind = $2 and local_date = $3 and status = 'awaiting'`,
        [participantId, kind, localDate],
      );
      return rowCount > 0;
    },
    /** Statuses of the latest check-ins that were actually sent (skips are not the parent's doing). */
    async recentSentStatuses(participantId: string, limit: number): Promise<CheckinStatus[]> {
      const { rows } = await q.query<{ status: CheckinStatus }>(
        `select status from checkins where participant_id = $1 and status <> 'skipped'
          order by due_at desc limit $2`,
        [participantId, limit],
      );
      return rows.map((r) => r.status);
    },
    async listForParticipant(participantId: string, limit: number): Promise<Checkin[]> {
      const { rows } = await q.query<CheckinRow>(
        "select * from checkins where participant_id = $1 order by due_at desc limit $2",
        [participantId, limit],
      );
      return rows.map(toCheckin);
    },
    /**
     * Business keys already recorded for a set of dates, so a bulk plan skips them.
     * Pass the page's `participantIds` to get only theirs (and use the unique index)
     * instead of every participant's keys for those dates.
     */
    async existingKeys(localDates: string[], participantIds?: string[]): Promise<Set<string>> {
      if (localDates.length === 0 || participantIds?.length === 0) return new Set();
      const { rows } = await q.query<{ participant_id: string; kind: string; local_date: string }>(
        participantIds
          ? `select participant_id, kind, local_date from checkins
              where participant_id = any($2::uuid[]) and local_date = any($1::text[])`
          : "select participant_id, kind, local_date from checkins where local_date = any($1::text[])",
        participantIds ? [localDates, participantIds] : [localDates],
      );
      return new Set(rows.map((r) => `${r.participant_id}|${r.kind}|${r.local_date}`));
    },
  };
}

interface CheckinRow {
  id: string;
  participant_id: string;
  kind: CheckinKind;
  local_date: string;
  due_at: Date;
  status: CheckinStatus;
  skip_reason: string | null;
  score: number | null;
  window_closes_at: Date | null;
  answered_at: Date | null;
}

function toCheckin(r: CheckinRow): Checkin {
  return {
    id: r.id,
    participantId: r.participant_id,
    kind: r.kind,
    localDate: r.local_date,
    dueAt: r.due_at,
    status: r.status,
    skipReason: r.skip_reason,
    score: r.score,
    windowClosesAt: r.window_closes_at,
    answeredAt: r.answered_at,
  };
}
