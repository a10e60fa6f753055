-- The 24-hour volunteer hotline: who can be paged, crisis cases and their timelines.

alter table inbound_messages add column crisis_level text check (crisis_level in ('imminent', 'concern'));
alter table inbound_messages add column crisis_categories jsonb;

create table responders (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  phone text not null unique,
  language text not null default 'en' check (language in ('en', 'es')),
  time_zone text not null,
  shifts jsonb not null default '[]'::jsonb,
  tier text not null check (tier in ('primary', 'backup', 'supervisor')),
  page_channel text not null default 'sms' check (page_channel in ('sms', 'slack')),
  slack_user_id text,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table hotline_cases (
  id uuid primary key default gen_random_uuid(),
  -- What volunteers type (ACCEPT K7Q2): short, unambiguous letters and digits.
  short_id text not null unique,
  participant_id uuid references participants(id),
  from_phone text not null,
  language text not null check (language in ('en', 'es')),
  level text not null check (level in ('imminent', 'concern')),
  severity integer not null,
  categories jsonb not null default '[]'::jsonb,
  supervisor_review boolean not null default false,
  status text not null default 'open' check (status in ('open', 'claimed', 'closed')),
  claimed_by uuid references responders(id),
  claimed_at timestamptz,
  closed_at timestamptz,
  close_note text,
  escalation_round integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index hotline_cases_queue on hotline_cases (severity desc, created_at) where status <> 'closed';
create index hotline_cases_phone on hotline_cases (from_phone) where status <> 'closed';

create table case_events (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references hotline_cases(id),
  at timestamptz not null default now(),
  type text not null,
  responder_id uuid references responders(id),
  -- Set for steps that a retried job may repeat (a page step), so the timeline shows them once.
  dedupe_key text unique,
  -- Ids and counts only; message bodies stay in the message tables.
  detail jsonb not null default '{}'::jsonb
);
create index case_events_case on case_events (case_id, at);
