import type { InboundMessage } from "../../domain/model";
import type { Queryable } from "./db";

export interface NewInbound {
  messageSid: string;
  fromPhone: string;
  toPhone: string;
  body: string;
  participantId: string | null;
  crisisLevel?: "imminent" | "possible" | "concern" | null;
  crisisCategories?: string[] | null;
}

/** A routine inbound text whose sender is resolved to a participant by the insert itself. */
export type NewInboundByPhone = Omit<NewInbound, "participantId">;

export function inboundStore(q: Queryable) {
  return {
    /**
     * Stores many texts in one statement, each once per MessageSid, and returns one result
     * per input in input order. The sender's participant is looked up inside the insert
     * (phone is unique), which saves the webhook a round trip per text. Two inputs with the
     * same sid get the same row; only the first counts as new.
     */
    async insertManyOnce(ms: NewInboundByPhone[]): Promise<{ message: InboundMessage; isNew: boolean }[]> {
      if (ms.length === 0) return [];
      const first = new Map<string, NewInboundByPhone>();
      for (const m of ms) if (!first.has(m.messageSid)) first.set(m.messageSid, m);
      const unique = [...first.values()];
      const inserted = await q.query<InboundRow>(
        `insert into inbound_messages (message_sid, from_phone, to_phone, body, participant_id, crisis_level, crisis_categories, received_at)
         select t.sid, t.from_phone, t.to_phone, t.body,
                (select p.id from participants p where p.phone = t.from_phone),
                t.crisis_level, t.crisis_categories::jsonb, $7::timestamptz
           from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) with ordinality
                as t(sid, from_phone, to_phone, body, crisis_level, crisis_categories, ord)
          order by t.ord
         on conflict (message_sid) do nothing returning *`,
        [
          unique.map((m) => m.messageSid),
          unique.map((m) => m.fromPhone),
          unique.map((m) => m.toPhone),
          unique.map((m) => m.body),
          unique.map((m) => m.crisisLevel ?? null),
          unique.map((m) => (m.crisisCategories ? JSON.stringify(m.crisisCategories) : null)),
          q.clock.now(),
        ],
      );
      const bySid = new Map<string, { message: InboundMessage; isNew: boolean }>();
      for (const r of inserted.rows) bySid.set(r.message_sid, { message: toInbound(r), isNew: true });
      const missing = unique.filter((m) => !bySid.has(m.messageSid)).map((m) => m.messageSid);
      if (missing.length) {
        const existing = await q.query<InboundRow>("select * from inbound_messages where message_sid = any($1::text[])", [missing]);
        for (const r of existing.rows) bySid.set(r.message_sid, { message: toInbound(r), isNew: false });
      }
      const seen = new Set<string>();
      return ms.map((m) => {
        const hit = bySid.get(m.messageSid);
        // Only possible if the row vanished between the two statements (nothing deletes inbound rows).
        if (!hit) throw new Error("inbound row not found after insert");
        const isNew = hit.isNew && !seen.has(m.messageSid);
        seen.add(m.messageSid);
        return { message: hit.message, isNew };
      });
    },
    /** Stores a message once per MessageSid; Twilio retries deliver the same sid again. */
    async insertOnce(m: NewInbound): Promise<{ message: InboundMessage; isNew: boolean }> {
      const inserted = await q.query<InboundRow>(
        `insert into inbound_messages (message_sid, from_phone, to_phone, body, participant_id, crisis_level, crisis_categories, received_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8) on conflict (message_sid) do nothing returning *`,
        [
          m.messageSid,
          m.fromPhone,
          m.toPhone,
          m.body,
          m.participantId,
          m.crisisLevel ?? null,
          m.crisisCategories ? JSON.stringify(m.crisisCategories) : null,
          q.clock.now(),
        ],
      );
      if (inserted.rows[0]) return { message: toInbound(inserted.rows[0]), isNew: true };
      const existing = await q.query<InboundRow>("select * from inbound_messages where message_sid = $1", [m.messageSid]);
      return { message: toInbound(existing.rows[0]!), isNew: false };
    },
    async get(id: string): Promise<InboundMessage | null> {
      const { rows } = await q.query<InboundRow>("select * from inbound_messages where id = $1", [id]);
      return rows[0] ? toInbound(rows[0]) : null;
    },
    /** Claims the message for processing inside a transaction; null if another run already did. */
    async lockUnprocessed(id: string): Promise<InboundMessage | null> {
      const { rows } = await q.query<InboundRow>(
        "select * from inbound_messages where id = $1 and processed_at is null for update",
        [id],
      );
      return rows[0] ? toInbound(rows[0]) : null;
    },
    async markProcessed(id: string, outcome: string, at: Date): Promise<void> {
      await q.query("update inbound_messages set processed_at = $1, outcome = $2 where id = $3", [at, outcome, id]);
    },
    async listUnprocessedBefore(before: Date, limit: number): Promise<InboundMessage[]> {
      const { rows } = await q.query<InboundRow>(
        "select * from inbound_messages where processed_at is null and received_at < $1 order by received_at limit $2",
        [before, limit],
      );
      return rows.map(toInbound);
    },
    async listForParticipant(participantId: string, limit: number): Promise<InboundMessage[]> {
      const { rows } = await q.query<InboundRow>(
        "select * from inbound_messages where participant_id = $1 order by received_at desc limit $2",
        [participantId, limit],
      );
      return rows.map(toInbound);
    },
  };
}

interface InboundRow {
  id: string;
  message_sid: string;
  from_phone: string;
  to_phone: string;
  body: string;
  participant_id: string | null;
  received_at: Date;
  processed_at: Date | null;
  outcome: string | null;
  crisis_level: InboundMessage["crisisLevel"];
  crisis_categories: string[] | null;
}

function toInbound(r: InboundRow): InboundMessage {
  return {
    id: r.id,
    messageSid: r.message_sid,
    fromPhone: r.from_phone,
    toPhone: r.to_phone,
    body: r.body,
    participantId: r.participant_id,
    receivedAt: r.received_at,
    processedAt: r.processed_at,
    outcome: r.outcome,
    crisisLevel: r.crisis_level ?? null,
    crisisCategories: r.crisis_categories ?? [],
  };
}
