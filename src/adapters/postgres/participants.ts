import type { Consent, Language, Participant, ParticipantStatus } from "../../domain/model";
import type { Queryable } from "./db";
import { buildUpdate } from "./sql";

export interface ParticipantInput {
  firstName: string;
  phone: string;
  timeZone: string;
  language: Language;
  peerId: string | null;
  dailyCheckinTime: string | null;
  nightlyCheckinTime: string | null;
  sendWindowStart: string;
  sendWindowEnd: string;
  status: ParticipantStatus;
}

const COLUMNS = {
  firstName: "first_name",
  phone: "phone",
  timeZone: "time_zone",
  language: "language",
  peerId: "peer_id",
  dailyCheckinTime: "daily_checkin_time",
  nightlyCheckinTime: "nightly_checkin_time",
  sendWindowStart: "send_window_start",
  sendWindowEnd: "send_window_end",
  status: "status",
} as const satisfies Record<keyof ParticipantInput, string>;

export function participantsStore(q: Queryable) {
  return {
    async create(input: ParticipantInput): Promise<Participant> {
      const keys = Object.keys(COLUMNS) as (keyof ParticipantInput)[];
      const at = keys.length + 1;
      const { rows } = await q.query<ParticipantRow>(
        `insert into participants (${keys.map((k) => COLUMNS[k]).join(", ")}, consent_changed_at, created_at, updated_at)
         values (${keys.map((_, i) => `$${i + 1}`).join(", ")}, $${at}, $${at}, $${at}) returning *`,
        [...keys.map((k) => input[k]), q.clock.now()],
      );
      return toParticipant(rows[0]!);
    },
    async update(id: string, patch: Partial<ParticipantInput>): Promise<Participant | null> {
      const { sets, values } = buildUpdate(patch, COLUMNS);
      if (sets.length === 0) return this.get(id);
      const { rows } = await q.query<ParticipantRow>(
        `update participants set ${sets.join(", ")}, updated_at = $${values.length + 2} where id = $${values.length + 1} returning *`,
        [...values, id, q.clock.now()],
      );
      return rows[0] ? toParticipant(rows[0]) : null;
    },
    async setConsent(id: string, consent: Consent, at: Date): Promise<Participant | null> {
      const { rows } = await q.query<ParticipantRow>(
        `update participants set consent = $1, consent_changed_at = $2, updated_at = $2 where id = $3 returning *`,
        [consent, at, id],
      );
      return rows[0] ? toParticipant(rows[0]) : null;
    },
    async get(id: string): Promise<Participant | null> {
      const { rows } = await q.query<ParticipantRow>("select * from participants where id = $1", [id]);
      return rows[0] ? toParticipant(rows[0]) : null;
    },
    async byPhone(phone: string): Promise<Participant | null> {
      const { rows } = await q.query<ParticipantRow>("select * from participants where phone = $1", [phone]);
      return rows[0] ? toParticipant(rows[0]) : null;
    },
    async list(filter: { peerId?: string } = {}): Promise<Participant[]> {
      const { rows } = filter.peerId
        ? await q.query<ParticipantRow>("select * from participants where peer_id = $1 order by first_name, id", [filter.peerId])
        : await q.query<ParticipantRow>("select * from participants order by first_name, id");
      return rows.map(toParticipant);
    },
    /** Participants who may receive scheduled texts, a page at a time (keyset on id). */
    async listSchedulable(afterId: string | null, limit: number): Promise<Participant[]> {
      const { rows } = await q.query<ParticipantRow>(
        `select * from participants
          where status = 'active' and consent = 'opted_in' and ($1::uuid is null or id > $1::uuid)
          order by id limit $2`,
        [afterId, limit],
      );
      return rows.map(toParticipant);
    },
  };
}

interface ParticipantRow {
  id: string;
  first_name: string;
  phone: string;
  time_zone: string;
  language: Language;
  peer_id: string | null;
  daily_checkin_time: string | null;
  nightly_checkin_time: string | null;
  send_window_start: string;
  send_window_end: string;
  status: ParticipantStatus;
  paused_until?: Date | null;
  consent: Consent;
  consent_changed_at: Date;
  created_at: Date;
  updated_at: Date;
}

function toParticipant(r: ParticipantRow): Participant {
  return {
    id: r.id,
    firstName: r.first_name,
    phone: r.phone,
    timeZone: r.time_zone,
    language: r.language,
    peerId: r.peer_id,
    dailyCheckinTime: r.daily_checkin_time,
    nightlyCheckinTime: r.nightly_checkin_time,
    sendWindow: { start: r.send_window_start, end: r.send_window_end },
    status: r.status,
    pausedUntil: r.paused_until ?? null,
    consent: r.consent,
    consentChangedAt: r.consent_changed_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
