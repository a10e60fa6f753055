import type { PeerNotification } from "../../domain/model";
import type { Queryable } from "./db";
import { toNotification, type NotificationRow } from "./notifications";

export interface PeerDigestRow {
  id: string;
  key: string;
  peerId: string;
  headline: string;
  itemCount: number;
  deliveredAt: Date | null;
  createdAt: Date;
}

/** Held notes, digests, acknowledgements and the supervisor's counts (issue 4 boundaries). */
export function boundariesStore(q: Queryable) {
  const held = "peer_id = $1 and delivered_at is null and deferred_until is not null and digest_id is null";
  return {
    /** Holds a note for the peer's next shift; the first hold time is kept for the counts. */
    async markDeferred(id: string, until: Date, at: Date): Promise<boolean> {
      const { rowCount } = await q.query(
        `update peer_notifications set deferred_until = $1, deferred_at = coalesce(deferred_at, $2)
          where id = $3 and delivered_at is null`,
        [until, at, id],
      );
      return rowCount > 0;
    },
    /** Held notes whose time has come (by `upTo`), not yet claimed by a digest. */
    async listDue(peerId: string, upTo: Date): Promise<PeerNotification[]> {
      const { rows } = await q.query<NotificationRow>(
        `select * from peer_notifications where ${held} and deferred_until <= $2 order by created_at limit 500`,
        [peerId, upTo],
      );
      return rows.map(toNotification);
    },
    /** Moves held notes due by `upTo` to a later time (the peer went /away before their digest). */
    async redefer(peerId: string, upTo: Date, until: Date): Promise<number> {
      const { rowCount } = await q.query(
        `update peer_notifications set deferred_until = $3 where ${held} and deferred_until <= $2`,
        [peerId, upTo, until],
      );
      return rowCount;
    },
    /** After /back: notes held for the absence come at `until`; snoozed ones keep their own time. */
    async pullForward(peerId: string, until: Date): Promise<number> {
      const { rowCount } = await q.query(
        `update peer_notifications set deferred_until = $2
          where ${held} and deferred_until > $2 and (snoozed_until is null or snoozed_until <= $2)`,
        [peerId, until],
      );
      return rowCount;
    },
    async digestByKey(key: string): Promise<PeerDigestRow | null> {
      const { rows } = await q.query<DigestRow>("select * from peer_digests where key = $1", [key]);
      return rows[0] ? toDigest(rows[0]) : null;
    },
    /** Creates the digest for `key` (or finds it) and claims the given held notes into it. */
    async claimIntoDigest(key: string, peerId: string, ids: string[]): Promise<{ digest: PeerDigestRow; items: PeerNotification[] }> {
      await q.query(
        `insert into peer_digests (key, peer_id, headline, item_count, created_at) values ($1, $2, '', 0, $3) on conflict (key) do nothing`,
        [key, peerId, q.clock.now()],
      );
      const digest = (await this.digestByKey(key))!;
      await q.query(
        `update peer_notifications set digest_id = $1
          where id in (select (jsonb_array_elements_text($2::jsonb))::uuid) and digest_id is null and delivered_at is null`,
        [digest.id, JSON.stringify(ids)],
      );
      return { digest, items: await this.digestItems(digest.id) };
    },
    async setDigestHeadline(id: string, headline: string, itemCount: number): Promise<void> {
      await q.query("update peer_digests set headline = $1, item_count = $2 where id = $3", [headline, itemCount, id]);
    },
    async deleteDigest(id: string): Promise<void> {
      await q.query("delete from peer_digests where id = $1 and delivered_at is null", [id]);
    },
    async digestItems(digestId: string): Promise<PeerNotification[]> {
      const { rows } = await q.query<NotificationRow>(
        "select * from peer_notifications where digest_id = $1 order by created_at",
        [digestId],
      );
      return rows.map(toNotification);
    },
    async markDigestDelivered(id: string, channel: string, at: Date): Promise<void> {
      await q.query("update peer_digests set delivered_at = $1 where id = $2 and delivered_at is null", [at, id]);
      await q.query(
        `update peer_notifications set delivered_at = $1, channel = $2, snoozed_until = null
          where digest_id = $3 and delivered_at is null`,
        [at, channel, id],
      );
    },
    async listDigests(peerId: string): Promise<PeerDigestRow[]> {
      const { rows } = await q.query<DigestRow>("select * from peer_digests where peer_id = $1 order by created_at", [peerId]);
      return rows.map(toDigest);
    },
    /** Only the peer the note is for may acknowledge it; a repeat keeps the first time. */
    async acknowledge(id: string, peerId: string, at: Date): Promise<PeerNotification | null> {
      await q.query(
        `update peer_notifications set acknowledged_at = $1, acknowledged_by = $2
          where id = $3 and peer_id = $2 and acknowledged_at is null`,
        [at, peerId, id],
      );
      const { rows } = await q.query<NotificationRow>("select * from peer_notifications where id = $1 and peer_id = $2", [id, peerId]);
      return rows[0] ? toNotification(rows[0]) : null;
    },
    /**
     * Puts a note back on hold until `until`, to come again in that shift's digest. Leaves
     * `deferred_at` alone: a snooze is the peer's choice, not the boundary holding, so it
     * does not count as "held off-hours" in the supervisors' summary.
     */
    async snooze(id: string, peerId: string, until: Date): Promise<PeerNotification | null> {
      const { rows } = await q.query<NotificationRow>(
        `update peer_notifications set snoozed_until = $1, deferred_until = $1,
            delivered_at = null, digest_id = null, acknowledged_at = null, acknowledged_by = null
          where id = $2 and peer_id = $3 returning *`,
        [until, id, peerId],
      );
      return rows[0] ? toNotification(rows[0]) : null;
    },
    /** Notes nobody acknowledged, created before `before` (ids, kinds and peers only). */
    async listUnacknowledged(before: Date, limit = 1000): Promise<PeerNotification[]> {
      const { rows } = await q.query<NotificationRow>(
        `select * from peer_notifications where acknowledged_at is null and created_at < $1 order by created_at limit $2`,
        [before, limit],
      );
      return rows.map(toNotification);
    },
    /**
     * Per peer and week (the workload page): notes first held in the week, notes delivered
     * off-hours in it (after-hours interruptions), and notes delivered in it that the peer
     * has not acknowledged. `weekStarts` ascending; `week` is the 0-based index into it;
     * nothing at or after `end` counts.
     */
    async weeklyCounts(weekStarts: readonly Date[], end: Date): Promise<{ peerId: string; week: number; held: number; interrupted: number; unacknowledged: number }[]> {
      if (weekStarts.length === 0) return [];
      const { rows } = await q.query<{ peer_id: string; bucket: number; held: string | number; interrupted: string | number; unacknowledged: string | number }>(
        `with facts as (
           select peer_id, width_bucket(deferred_at, $1::timestamptz[]) as bucket, 1 as held, 0 as interrupted, 0 as unacknowledged
             from peer_notifications where peer_id is not null and deferred_at >= $2 and deferred_at < $3
           union all
           select peer_id, width_bucket(delivered_at, $1::timestamptz[]), 0,
                  case when interrupted_off_hours then 1 else 0 end, case when acknowledged_at is null then 1 else 0 end
             from peer_notifications where peer_id is not null and delivered_at >= $2 and delivered_at < $3
              and (interrupted_off_hours or acknowledged_at is null)
         )
         select peer_id, bucket, sum(held) as held, sum(interrupted) as interrupted, sum(unacknowledged) as unacknowledged
           from facts group by peer_id, bucket`,
        [weekStarts, weekStarts[0], end],
      );
      return rows.map((r) => ({
        peerId: r.peer_id,
        week: Number(r.bucket) - 1,
        held: Number(r.held),
        interrupted: Number(r.interrupted),
        unacknowledged: Number(r.unacknowledged),
      }));
    },
    /** Per peer since `since`: notes held off-hours (the boundary held) and after-hours interruptions. */
    async boundaryCounts(since: Date): Promise<Map<string, { deferred: number; interruptions: number }>> {
      const { rows } = await q.query<{ peer_id: string; deferred: string | number; interruptions: string | number }>(
        `select peer_id,
                count(*) filter (where deferred_at >= $1) as deferred,
                count(*) filter (where interrupted_off_hours and delivered_at >= $1) as interruptions
           from peer_notifications where peer_id is not null and (deferred_at >= $1 or delivered_at >= $1)
          group by peer_id`,
        [since],
      );
      return new Map(rows.map((r) => [r.peer_id, { deferred: Number(r.deferred), interruptions: Number(r.interruptions) }]));
    },
  };
}

interface DigestRow {
  id: string;
  key: string;
  peer_id: string;
  headline: string;
  item_count: number;
  delivered_at: Date | null;
  created_at: Date;
}

function toDigest(r: DigestRow): PeerDigestRow {
  return {
    id: r.id,
    key: r.key,
    peerId: r.peer_id,
    headline: r.headline,
    itemCount: r.item_count,
    deliveredAt: r.delivered_at,
    createdAt: r.created_at,
  };
}
