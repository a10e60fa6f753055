-- Appointments, onboarding phases and engagement points (issue 5).
-- An appointment keeps its local wall time with its zone (the parent's court date is
-- "10:00 in Chicago", whatever DST does); starts_at is derived from them for queries.

create table appointments (
  id uuid primary key default gen_random_uuid(),
  participant_id uuid not null references participants(id),
  kind text not null check (kind in ('sud_assessment', 'treatment_session', 'recovery_meeting', 'case_plan_meeting',
    'court_hearing', 'drug_test', 'supervised_visit', 'transport_pickup', 'other')),
  local_date text not null,
  local_time text not null,
  time_zone text not null,
  starts_at timestamptz not null,
  place text,
  -- For the peer only: notes are never put in a text message.
  notes text,
  status text not null default 'scheduled' check (status in ('scheduled', 'cancelled', 'attended', 'missed')),
  confirmation text not null default 'none' check (confirmation in ('none', 'confirmed', 'reschedule_requested')),
  -- Bumped on every edit; reminder jobs carry it, so a job planned for an older version does nothing.
  revision integer not null default 1,
  -- Set when a reminder went out: from then on a C/R reply is about this appointment.
  reminded_at timestamptz,
  confirmation_at timestamptz,
  outcome_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index appointments_participant on appointments (participant_id, starts_at);

create table participant_phases (
  id uuid primary key default gen_random_uuid(),
  participant_id uuid not null references participants(id),
  name text not null,
  start_date text not null,
  end_date text not null,
  -- e.g. {"visit": "weekly"}; read by the phase planner, validated by the API.
  cadence jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  check (start_date <= end_date)
);
create index participant_phases_participant on participant_phases (participant_id, start_date);

-- Points only ever go up: rows are never updated or deleted, and a source key (the event
-- that earned them) can score once.
create table points_ledger (
  id uuid primary key default gen_random_uuid(),
  participant_id uuid not null references participants(id),
  source_key text not null unique,
  reason text not null check (reason in ('checkin_answered', 'appointment_confirmed', 'appointment_attended')),
  points integer not null check (points > 0),
  created_at timestamptz not null default now()
);
create index points_ledger_participant on points_ledger (participant_id, created_at);
