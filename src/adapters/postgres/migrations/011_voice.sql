-- Voice hotline (issue 11): one row per call a parent made to the program number (or a
-- volunteer's call-back through it), and one per volunteer leg rung for it. Timestamps
-- come from the injected clock; the SQL defaults only fill columns no logic compares.

create table voice_calls (
  id uuid primary key default gen_random_uuid(),
  -- The parent's leg (Twilio CallSid): status callbacks are idempotent on it.
  call_sid text not null unique,
  kind text not null default 'inbound' check (kind in ('inbound', 'callback')),
  from_phone text not null,
  participant_id uuid references participants(id),
  case_id uuid references hotline_cases(id),
  language text not null check (language in ('en', 'es')),
  -- greeting → hunting → bridged | missed | to_988 | voicemail → ended
  status text not null,
  wave integer not null default 0,
  wave_started_at timestamptz,
  enqueued_at timestamptz,
  answered_leg_id uuid,
  answered_by uuid references responders(id),
  bridged_at timestamptz,
  ended_at timestamptz,
  duration_seconds integer,
  recording_sid text,
  recording_seconds integer,
  -- The transcript is the caller's words: kept here like an inbound text body, never logged.
  transcript text,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create index voice_calls_case on voice_calls (case_id);

create table voice_legs (
  id uuid primary key default gen_random_uuid(),
  call_id uuid not null references voice_calls(id),
  responder_id uuid not null references responders(id),
  wave integer not null,
  -- Set once the Calls API answers; null if the request failed.
  call_sid text unique,
  -- requested → answered (whisper played) → bridged | declined | ended | failed | canceled
  status text not null,
  requested_at timestamptz not null,
  ended_at timestamptz,
  unique (call_id, responder_id, wave)
);
create index voice_legs_call on voice_legs (call_id);
