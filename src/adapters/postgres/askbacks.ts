import type { Language } from "../../domain/model";
import type { Queryable } from "./db";

export type AskBackStatus = "pending" | "yes" | "no" | "timed_out";

export interface AskBack {
  id: string;
  fromPhone: string;
  participantId: string | null;
  messageSid: string;
  language: Language;
  askedAt: Date;
  expiresAt: Date;
  status: AskBackStatus;
  resolvedAt: Date | null;
  answerSid: string | null;
}

/** Questions asked after a possible crisis text (see migration 009). Times come from the caller's clock. */
export function askBacksStore(q: Queryable) {
  return {
    /** Records the question once per triggering text; null when one is already pending for this phone. */
    async create(a: { fromPhone: string; participantId: string | null; messageSid: string; language: Language; askedAt: Date; expiresAt: Date }): Promise<AskBack | null> {
      const { rows } = await q.query<AskBackRow>(
        `insert into crisis_askbacks (from_phone, participant_id, message_sid, language, asked_at, expires_at)
         values ($1, $2, $3, $4, $5, $6) on conflict do nothing returning *`,
        [a.fromPhone, a.participantId, a.messageSid, a.language, a.askedAt, a.expiresAt],
      );
      return rows[0] ? toAskBack(rows[0]) : null;
    },
    async bySid(messageSid: string): Promise<AskBack | null> {
      const { rows } = await q.query<AskBackRow>("select * from crisis_askbacks where message_sid = $1", [messageSid]);
      return rows[0] ? toAskBack(rows[0]) : null;
    },
    async pendingFor(fromPhone: string): Promise<AskBack | null> {
      const { rows } = await q.query<AskBackRow>("select * from crisis_askbacks where from_phone = $1 and status = 'pending'", [fromPhone]);
      return rows[0] ? toAskBack(rows[0]) : null;
    },
    /**
     * Answers the latest open question atomically (a retried webhook or a racing worker
     * cannot answer it twice). YES may also answer a question that timed out since
     * `lateSince`: a late yes still means yes.
     */
    async answer(fromPhone: string, answer: "yes" | "no", answerSid: string, at: Date, lateSince: Date): Promise<AskBack | null> {
      const { rows } = await q.query<AskBackRow>(
        `update crisis_askbacks set status = $2, resolved_at = $3, answer_sid = $4
          where id = (select id from crisis_askbacks
                       where from_phone = $1 and (status = 'pending' or ($2 = 'yes' and status = 'timed_out' and asked_at >= $5))
                       order by asked_at desc limit 1)
            and (status = 'pending' or ($2 = 'yes' and status = 'timed_out'))
          returning *`,
        [fromPhone, answer, at, answerSid, lateSince],
      );
      return rows[0] ? toAskBack(rows[0]) : null;
    },
    /** The answer given by this text, if it answered a question (re-deliveries and the worker read it back). */
    async answeredBy(answerSid: string): Promise<AskBack | null> {
      const { rows } = await q.query<AskBackRow>("select * from crisis_askbacks where answer_sid = $1", [answerSid]);
      return rows[0] ? toAskBack(rows[0]) : null;
    },
    /** Closes a question whose window has passed; false when it was answered first. */
    async timeOut(id: string, at: Date): Promise<AskBack | null> {
      const { rows } = await q.query<AskBackRow>(
        "update crisis_askbacks set status = 'timed_out', resolved_at = $2 where id = $1 and status = 'pending' and expires_at <= $2 returning *",
        [id, at],
      );
      return rows[0] ? toAskBack(rows[0]) : null;
    },
    /** The stored text a question was about (the peer's note points at it). */
    async inboundIdOf(messageSid: string): Promise<string | null> {
      const { rows } = await q.query<{ id: string }>("select id from inbound_messages where message_sid = $1", [messageSid]);
      return rows[0]?.id ?? null;
    },
    /** Pending questions past their window (the sweeper's backstop if a timeout job was lost). */
    async listExpired(at: Date, limit: number): Promise<AskBack[]> {
      const { rows } = await q.query<AskBackRow>(
        "select * from crisis_askbacks where status = 'pending' and expires_at <= $1 order by expires_at limit $2",
        [at, limit],
      );
      return rows.map(toAskBack);
    },
  };
}

interface AskBackRow {
  id: string;
  from_phone: string;
  participant_id: string | null;
  message_sid: string;
  language: Language;
  asked_at: Date;
  expires_at: Date;
  status: AskBackStatus;
  resolved_at: Date | null;
  answer_sid: string | null;
}

function toAskBack(r: AskBackRow): AskBack {
  return {
    id: r.id,
    fromPhone: r.from_phone,
    participantId: r.participant_id,
    messageSid: r.message_sid,
    language: r.language,
    askedAt: new Date(r.asked_at),
    expiresAt: new Date(r.expires_at),
    status: r.status,
    resolvedAt: r.resolved_at ? new Date(r.resolved_at) : null,
    answerSid: r.answer_sid,
  };
}
