import type { Language } from "../../domain/model";
import type { CallStatus, LegStatus } from "../../domain/voice/hunt";
import type { Queryable } from "../../adapters/postgres";

/** The voice hotline's rows (migration 011): calls and the volunteer legs rung for them. */
export interface VoiceCall {
  id: string;
  callSid: string;
  kind: "inbound" | "callback";
  fromPhone: string;
  participantId: string | null;
  caseId: string | null;
  language: Language;
  status: CallStatus;
  wave: number;
  waveStartedAt: Date | null;
  enqueuedAt: Date | null;
  answeredLegId: string | null;
  answeredBy: string | null;
  bridgedAt: Date | null;
  endedAt: Date | null;
  durationSeconds: number | null;
  recordingSid: string | null;
  transcript: string | null;
  createdAt: Date;
}

export interface VoiceLeg {
  id: string;
  callId: string;
  responderId: string;
  wave: number;
  callSid: string | null;
  status: LegStatus;
  requestedAt: Date;
  endedAt: Date | null;
}

const ACTIVE = "('greeting', 'hunting')";

export function voiceStore(q: Queryable) {
  return {
    /** One row per parent CallSid: a retried incoming webhook finds the first. */
    async createCall(c: {
      /** Set for an incoming call (derived from its CallSid); a call-back's is generated. */
      id?: string;
      callSid: string;
      kind: VoiceCall["kind"];
      fromPhone: string;
      participantId: string | null;
      caseId: string | null;
      language: Language;
      status: CallStatus;
      at: Date;
      /** A call-back's volunteer: the one the call is for from the start. */
      answeredBy?: string | null;
    }): Promise<{ call: VoiceCall; isNew: boolean }> {
      const { rows } = await q.query<CallRow>(
        `insert into voice_calls (id, call_sid, kind, from_phone, participant_id, case_id, language, status, answered_by, wave_started_at, created_at, updated_at)
         values (coalesce($10::uuid, gen_random_uuid()), $1, $2, $3, $4, $5, $6, $7, $9, $8, $8, $8) on conflict do nothing returning *`,
        [c.callSid, c.kind, c.fromPhone, c.participantId, c.caseId, c.language, c.status, c.at, c.answeredBy ?? null, c.id ?? null],
      );
      if (rows[0]) return { call: toCall(rows[0]), isNew: true };
      return { call: (await this.bySid(c.callSid))!, isNew: false };
    },
    async get(id: string, opts: { lock?: boolean } = {}): Promise<VoiceCall | null> {
      const { rows } = await q.query<CallRow>(`select * from voice_calls where id = $1${opts.lock ? " for update" : ""}`, [id]);
      return rows[0] ? toCall(rows[0]) : null;
    },
    async bySid(callSid: string): Promise<VoiceCall | null> {
      const { rows } = await q.query<CallRow>("select * from voice_calls where call_sid = $1", [callSid]);
      return rows[0] ? toCall(rows[0]) : null;
    },
    async forCase(caseId: string): Promise<VoiceCall[]> {
      const { rows } = await q.query<CallRow>("select * from voice_calls where case_id = $1 order by created_at", [caseId]);
      return rows.map(toCall);
    },
    /** The call joins its case (written after the first legs were requested). */
    async setCase(id: string, caseId: string): Promise<VoiceCall | null> {
      const { rows } = await q.query<CallRow>("update voice_calls set case_id = $2 where id = $1 returning *", [id, caseId]);
      return rows[0] ? toCall(rows[0]) : null;
    },
    /** A callback's placeholder sid is replaced by Twilio's once the Calls API answers. */
    async setCallSid(id: string, callSid: string): Promise<void> {
      await q.query("update voice_calls set call_sid = $2 where id = $1", [id, callSid]);
    },
    /** Moves a call on only from the states listed (so of two racing updates one wins). */
    async setStatus(id: string, status: CallStatus, at: Date, from: readonly CallStatus[]): Promise<VoiceCall | null> {
      const { rows } = await q.query<CallRow>(
        `update voice_calls set status = $2, updated_at = $3 where id = $1 and status = any($4::text[]) returning *`,
        [id, status, at, from],
      );
      return rows[0] ? toCall(rows[0]) : null;
    },
    async markEnqueued(id: string, at: Date): Promise<VoiceCall | null> {
      const { rows } = await q.query<CallRow>(
        `update voice_calls set enqueued_at = coalesce(enqueued_at, $2),
                status = case when status = 'greeting' then 'hunting' else status end, updated_at = $2
          where id = $1 returning *`,
        [id, at],
      );
      return rows[0] ? toCall(rows[0]) : null;
    },
    async startWave(id: string, wave: number, at: Date): Promise<VoiceCall | null> {
      const { rows } = await q.query<CallRow>(
        `update voice_calls set wave = $2, wave_started_at = $3, updated_at = $3
          where id = $1 and wave = $2 - 1 and status in ${ACTIVE} returning *`,
        [id, wave, at],
      );
      return rows[0] ? toCall(rows[0]) : null;
    },
    /** The atomic take: only the first leg to press 1 on a call still waiting matches. */
    async take(id: string, legId: string, responderId: string, at: Date): Promise<VoiceCall | null> {
      const { rows } = await q.query<CallRow>(
        `update voice_calls set answered_leg_id = $2, answered_by = $3, status = 'bridged', bridged_at = $4, updated_at = $4
          where id = $1 and answered_leg_id is null and status in ${ACTIVE} returning *`,
        [id, legId, responderId, at],
      );
      return rows[0] ? toCall(rows[0]) : null;
    },
    /** The parent's call ended (first report wins; duplicates change nothing). */
    async end(id: string, at: Date, durationSeconds: number | null): Promise<VoiceCall | null> {
      const { rows } = await q.query<CallRow>(
        `update voice_calls set ended_at = $2, duration_seconds = $3, updated_at = $2,
                status = case when status in ${ACTIVE} then 'missed' else status end
          where id = $1 and ended_at is null returning *`,
        [id, at, durationSeconds],
      );
      return rows[0] ? toCall(rows[0]) : null;
    },
    async setRecording(id: string, recordingSid: string, seconds: number | null, at: Date): Promise<boolean> {
      const { rowCount } = await q.query(
        `update voice_calls set recording_sid = $2, recording_seconds = $3, updated_at = $4
          where id = $1 and recording_sid is distinct from $2`,
        [id, recordingSid, seconds, at],
      );
      return rowCount > 0;
    },
    async setTranscript(id: string, transcript: string, at: Date): Promise<boolean> {
      const { rowCount } = await q.query(
        "update voice_calls set transcript = $2, updated_at = $3 where id = $1 and transcript is null",
        [id, transcript, at],
      );
      return rowCount > 0;
    },
    /** One leg per call, responder and wave: a retried hunt step rings nobody twice. */
    async addLeg(callId: string, responderId: string, wave: number, at: Date): Promise<VoiceLeg | null> {
      const { rows } = await q.query<LegRow>(
        `insert into voice_legs (call_id, responder_id, wave, status, requested_at) values ($1, $2, $3, 'requested', $4)
         on conflict (call_id, responder_id, wave) do nothing returning *`,
        [callId, responderId, wave, at],
      );
      return rows[0] ? toLeg(rows[0]) : null;
    },
    async leg(id: string): Promise<VoiceLeg | null> {
      const { rows } = await q.query<LegRow>("select * from voice_legs where id = $1", [id]);
      return rows[0] ? toLeg(rows[0]) : null;
    },
    async legs(callId: string): Promise<VoiceLeg[]> {
      const { rows } = await q.query<LegRow>("select * from voice_legs where call_id = $1 order by requested_at, id", [callId]);
      return rows.map(toLeg);
    },
    async setLegSid(id: string, callSid: string): Promise<void> {
      await q.query("update voice_legs set call_sid = $2 where id = $1", [id, callSid]);
    },
    /**
     * Moves a leg on from the listed states only: a late "answered" never revives a leg
     * that ended, and a duplicate final status changes nothing.
     */
    async setLegStatus(id: string, status: LegStatus, at: Date, from: readonly LegStatus[]): Promise<VoiceLeg | null> {
      const ends = !["requested", "answered", "bridged"].includes(status);
      const { rows } = await q.query<LegRow>(
        `update voice_legs set status = $2, ended_at = case when $4 then coalesce(ended_at, $3) else ended_at end
          where id = $1 and status = any($5::text[]) returning *`,
        [id, status, at, ends, from],
      );
      return rows[0] ? toLeg(rows[0]) : null;
    },
  };
}
export type VoiceStore = ReturnType<typeof voiceStore>;

interface CallRow {
  id: string;
  call_sid: string;
  kind: VoiceCall["kind"];
  from_phone: string;
  participant_id: string | null;
  case_id: string | null;
  language: Language;
  status: CallStatus;
  wave: number;
  wave_started_at: Date | null;
  enqueued_at: Date | null;
  answered_leg_id: string | null;
  answered_by: string | null;
  bridged_at: Date | null;
  ended_at: Date | null;
  duration_seconds: number | null;
  recording_sid: string | null;
  transcript: string | null;
  created_at: Date;
}

function toCall(r: CallRow): VoiceCall {
  return {
    id: r.id,
    callSid: r.call_sid,
    kind: r.kind,
    fromPhone: r.from_phone,
    participantId: r.participant_id,
    caseId: r.case_id,
    language: r.language,
    status: r.status,
    wave: r.wave,
    waveStartedAt: r.wave_started_at,
    enqueuedAt: r.enqueued_at,
    answeredLegId: r.answered_leg_id,
    answeredBy: r.answered_by,
    bridgedAt: r.bridged_at,
    endedAt: r.ended_at,
    durationSeconds: r.duration_seconds,
    recordingSid: r.recording_sid,
    transcript: r.transcript,
    createdAt: r.created_at,
  };
}

interface LegRow {
  id: string;
  call_id: string;
  responder_id: string;
  wave: number;
  call_sid: string | null;
  status: LegStatus;
  requested_at: Date;
  ended_at: Date | null;
}

function toLeg(r: LegRow): VoiceLeg {
  return {
    id: r.id,
    callId: r.call_id,
    responderId: r.responder_id,
    wave: r.wave,
    callSid: r.call_sid,
    status: r.status,
    requestedAt: r.requested_at,
    endedAt: r.ended_at,
  };
}
