import type { PeerNotification } from "../../domain/model";
import type { Queryable } from "./db";

export interface NewPeerNotification {
  idempotencyKey: string;
  peerId: string | null;
  participantId: string | null;
  kind: string;
  summary: string;
  inboundMessageId?: string | null;
}

export function notificationsStore(q: Queryable) {
  return {
    async createOnce(n: NewPeerNotification): Promise<{ notification: PeerNotification; isNew: boolean }> {
      const inserted = await q.query<NotificationRow>(
        `insert into peer_notifications (idempotency_key, peer_id, participant_id, kind, summary, inbound_message_id, created_at)
         values ($1, $2, $3, $4, $5, $6, $7) on conflict (idempotency_key) do nothing returning *`,
        [n.idempotencyKey, n.peerId, n.participantId, n.kind, n.summary, n.inboundMessageId ?? null, q.clock.now()],
      );
      if (inserted.rows[0]) return { notification: toNotification(inserted.rows[0]), isNew: true };
      const { rows } = await q.query<NotificationRow>("select * from peer_notifications where idempotency_key = $1", [
        n.idempotencyKey,
      ]);
      return { notification: toNotification(rows[0]!), isNew: false };
    },
    async get(id: string): Promise<PeerNotification | null> {
      const { rows } = await q.query<NotificationRow>("select * from peer_notifications where id = $1", [id]);
      return rows[0] ? toNotification(rows[0]) : null;
    },
    /** `offHours`: the peer was off and got it anyway (an after-hours interruption, for the summary). */
    async markDelivered(id: string, channel: string, at: Date, offHours = false): Promise<boolean> {
      const { rowCount } = await q.query(
        `update peer_notifications set delivered_at = $1, channel = $2, interrupted_off_hours = $3
          where id = $4 and delivered_at is null`,
        [at, channel, offHours, id],
      );
      return rowCount > 0;
    },
    async listUndeliveredBefore(before: Date, limit: number): Promise<PeerNotification[]> {
      const { rows } = await q.query<NotificationRow>(
        // A note held for the peer's next shift is not orphaned until that time has passed.
        `select * from peer_notifications where delivered_at is null and created_at < $1
            and (deferred_until is null or deferred_until < $1) order by created_at limit $2`,
        [before, limit],
      );
      return rows.map(toNotification);
    },
    async list(filter: { peerId?: string; participantId?: string; limit?: number } = {}): Promise<PeerNotification[]> {
      const { rows } = await q.query<NotificationRow>(
        `select * from peer_notifications
          where ($1::uuid is null or peer_id = $1::uuid) and ($2::uuid is null or participant_id = $2::uuid)
          order by created_at desc limit $3`,
        [filter.peerId ?? null, filter.participantId ?? null, filter.limit ?? 100],
      );
      return rows.map(toNotification);
    },
  };
}

export interface NotificationRow {
  id: string;
  idempotency_key: string;
  peer_id: string | null;
  participant_id: string | null;
  kind: string;
  summary: string;
  inbound_message_id: string | null;
  channel: string | null;
  delivered_at: Date | null;
  created_at: Date;
  deferred_until: Date | null;
  deferred_at: Date | null;
  digest_id: string | null;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
  snoozed_until: Date | null;
  interrupted_off_hours: boolean;
}

export function toNotification(r: NotificationRow): PeerNotification {
  return {
    id: r.id,
    idempotencyKey: r.idempotency_key,
    peerId: r.peer_id,
    participantId: r.participant_id,
    kind: r.kind,
    summary: r.summary,
    inboundMessageId: r.inbound_message_id,
    channel: r.channel,
    deliveredAt: r.delivered_at,
    createdAt: r.created_at,
    deferredUntil: r.deferred_until,
    deferredAt: r.deferred_at,
    digestId: r.digest_id,
    acknowledgedAt: r.acknowledged_at,
    acknowledgedBy: r.acknowledged_by,
    snoozedUntil: r.snoozed_until,
    interruptedOffHours: r.interrupted_off_hours,
  };
}
