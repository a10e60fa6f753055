import type { OutboundMessage, OutboundStatus, SendPriority } from "../../domain/model";
import type { Queryable } from "./db";

export interface NewOutbound {
  idempotencyKey: string;
  toPhone: string;
  body: string;
  kind: string;
  priority: SendPriority;
  participantId: string | null;
  /** After this instant the text is stale and must not go out (check-ins, reminders). */
  notAfter: Date | null;
}

export type DeliveryStatus = "sent" | "delivered" | "undelivered" | "failed";

export function outboundStore(q: Queryable) {
  return {
    /**
     * Records a text to send, once per idempotency key. A second call with the same key
     * returns the first record untouched, so re-planning or a retried job cannot double it.
     */
    async createOnce(m: NewOutbound): Promise<{ message: OutboundMessage; isNew: boolean }> {
      const inserted = await q.query<OutboundRow>(
        `insert into outbound_messages (idempotency_key, to_phone, body, kind, priority, participant_id, not_after, created_at, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $8) on conflict (idempotency_key) do nothing returning *`,
        [m.idempotencyKey, m.toPhone, m.body, m.kind, m.priority, m.participantId, m.notAfter, q.clock.now()],
      );
      if (inserted.rows[0]) return { message: toOutbound(inserted.rows[0]), isNew: true };
      const existing = await q.query<OutboundRow>("select * from outbound_messages where idempotency_key = $1", [
        m.idempotencyKey,
      ]);
      return { message: toOutbound(existing.rows[0]!), isNew: false };
    },
    async get(id: string): Promise<OutboundMessage | null> {
      const { rows } = await q.query<OutboundRow>("select * from outbound_messages where id = $1", [id]);
      return rows[0] ? toOutbound(rows[0]) : null;
    },
    /**
     * Moves a message from one status to another only if it is still in `from`; returns
     * the updated record or null. This compare-and-set is what makes concurrent or
     * repeated workers safe.
     */
    async transition(
      id: string,
      from: OutboundStatus[],
      to: OutboundStatus,
      fields: { providerSid?: string; errorCode?: string | null; sentAt?: Date; countAttempt?: boolean } = {},
    ): Promise<OutboundMessage | null> {
      const { rows } = await q.query<OutboundRow>(
        `update outbound_messages
            set status = $1,
                provider_sid = coalesce($2, provider_sid),
                error_code = case when $3::boolean then $4 else error_code end,
                sent_at = coalesce($5, sent_at),
                attempts = attempts + case when $6::boolean then 1 else 0 end,
                updated_at = $9
          where id = $7 and status = any($8::text[])
          returning *`,
        [
          to,
          fields.providerSid ?? null,
          "errorCode" in fields,
          fields.errorCode ?? null,
          fields.sentAt ?? null,
          fields.countAttempt ?? false,
          id,
          from,
          q.clock.now(),
        ],
      );
      return rows[0] ? toOutbound(rows[0]) : null;
    },
    /** Twilio status callbacks: only forward moves (a late "sent" must not undo "delivered"). */
    async recordDeliveryStatus(providerSid: string, status: DeliveryStatus, errorCode: string | null) {
      const from: OutboundStatus[] =
        status === "sent" ? ["sending", "unknown"] : ["sending", "sent", "unknown", "queued"];
      const { rowCount } = await q.query(
        `update outbound_messages set status = $1, error_code = coalesce($2, error_code), updated_at = $5
          where provider_sid = $3 and status = any($4::text[])`,
        [status, errorCode, providerSid, from, q.clock.now()],
      );
      return rowCount > 0;
    },
    /**
     * A status for a sid we have not stored yet: kept until `applyEarlyStatus` finds it.
     * A later status for the same sid replaces an earlier one only when it moves forward.
     */
    async holdEarlyStatus(providerSid: string, status: DeliveryStatus, errorCode: string | null): Promise<void> {
      await q.query(
        `insert into early_delivery_statuses (provider_sid, status, error_code, received_at) values ($1, $2, $3, $4)
         on conflict (provider_sid) do update set status = excluded.status, error_code = coalesce(excluded.error_code, early_delivery_statuses.error_code)
          where early_delivery_statuses.status = 'sent'`,
        [providerSid, status, errorCode, q.clock.now()],
      );
    },
    /** Applies (and forgets) a status that arrived before the sid was stored; keeps it while the sid is unknown. */
    async applyEarlyStatus(providerSid: string): Promise<boolean> {
      const { rows } = await q.query<{ status: DeliveryStatus; error_code: string | null }>(
        `delete from early_delivery_statuses
          where provider_sid = $1 and exists (select 1 from outbound_messages where provider_sid = $1)
          returning status, error_code`,
        [providerSid],
      );
      if (!rows[0]) return false;
      return this.recordDeliveryStatus(providerSid, rows[0].status, rows[0].error_code);
    },
    /** Statuses for sids that never became ours (another app on the account) are dropped after a while. */
    async forgetEarlyStatusesBefore(before: Date): Promise<number> {
      const { rowCount } = await q.query("delete from early_delivery_statuses where received_at < $1", [before]);
      return rowCount;
    },
    async listQueuedBefore(before: Date, limit: number): Promise<OutboundMessage[]> {
      const { rows } = await q.query<OutboundRow>(
        "select * from outbound_messages where status = 'queued' and created_at < $1 order by created_at limit $2",
        [before, limit],
      );
      return rows.map(toOutbound);
    },
    async listTo(phone: string, limit = 50): Promise<OutboundMessage[]> {
      const { rows } = await q.query<OutboundRow>(
        "select * from outbound_messages where to_phone = $1 order by created_at desc, id limit $2",
        [phone, limit],
      );
      return rows.map(toOutbound).reverse();
    },
    async listRecent(limit = 50): Promise<OutboundMessage[]> {
      const { rows } = await q.query<OutboundRow>("select * from outbound_messages order by created_at desc limit $1", [limit]);
      return rows.map(toOutbound);
    },
  };
}

interface OutboundRow {
  id: string;
  idempotency_key: string;
  to_phone: string;
  body: string;
  kind: string;
  priority: SendPriority;
  participant_id: string | null;
  status: OutboundStatus;
  provider_sid: string | null;
  error_code: string | null;
  attempts: number;
  not_after: Date | null;
  created_at: Date;
  sent_at: Date | null;
}

function toOutbound(r: OutboundRow): OutboundMessage {
  return {
    id: r.id,
    idempotencyKey: r.idempotency_key,
    toPhone: r.to_phone,
    body: r.body,
    kind: r.kind,
    priority: r.priority,
    participantId: r.participant_id,
    status: r.status,
    providerSid: r.provider_sid,
    errorCode: r.error_code,
    attempts: r.attempts,
    notAfter: r.not_after,
    createdAt: r.created_at,
    sentAt: r.sent_at,
  };
}
